import Foundation

extension JSONReader {
    /// Adds "line L, column C" to a syntax error's message. The column (1-based, in characters)
    /// is found by reading the file backwards from the error's offset to the previous line
    /// feed, at most ``columnSearchLimit`` bytes: only on the error path, so the parser's hot
    /// loop never tracks columns.
    func locating(_ error: FormatError) -> FormatError {
        guard error.code == .syntax, let offset = error.context.byteOffset,
            let column = Self.column(path: source.path, offset: offset)
        else { return error }
        var copy = error
        let line = error.context.line.map { "line \($0), " } ?? ""
        copy.message += " at \(line)column \(column)"
        return copy
    }

    /// How far back a column is searched for (a single-line file can be huge).
    static let columnSearchLimit: Int64 = 16 << 20

    /// The 1-based character column of byte `offset` of the file at `path`, or nil when it
    /// cannot be read or the line starts more than ``columnSearchLimit`` bytes earlier.
    static func column(path: String, offset: Int64) -> Int? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var characters = 0
        var end = offset
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while end > 0 {
            guard offset - end < columnSearchLimit else { return nil }
            let start = max(0, end - Int64(chunk.count))
            let count = Int(end - start)
            let got = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(start)) }
            guard got == count else { return nil }
            for i in stride(from: count - 1, through: 0, by: -1) {
                let b = chunk[i]
                if b == 10 { return characters + 1 }
                if b & 0xC0 != 0x80 { characters += 1 }  // not a UTF-8 continuation byte
            }
            end = start
        }
        return characters + 1
    }
}
