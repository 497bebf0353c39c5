import Foundation

/// Writes RFC 4180 CSV: comma-separated (or another delimiter), `\n` line ends, a field quoted
/// only when it holds the delimiter, a quote, a line break, or leading/trailing spaces, quotes
/// doubled inside. Buffered; call ``close()`` to flush.
public final class CSVWriter {
    private let fd: Int32
    private let path: String
    private var buffer: [UInt8] = []
    private let delimiter: UInt8
    private var closed = false
    private static let flushAt = 1 << 20

    /// Creates (or truncates) the file at `url`.
    public init(url: URL, delimiter: UInt8 = 44) throws(FormatError) {
        path = url.path
        fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw FormatError.io("cannot create the CSV file", errno: errno, context: FormatError.Context(path: url.path))
        }
        self.delimiter = delimiter
        buffer.reserveCapacity(Self.flushAt + 4096)
    }

    deinit { if !closed { Glibc.close(fd) } }

    /// Writes one row of text fields; nil writes an empty (null) field.
    public func writeRow(_ fields: [String?]) throws(FormatError) {
        for (i, f) in fields.enumerated() {
            if i > 0 { buffer.append(delimiter) }
            if var s = f {
                s.withUTF8 { b in
                    if let p = b.baseAddress { appendField(p, b.count, forceQuote: b.isEmpty) }
                }
            }
        }
        try endRow()
    }

    /// Appends one field's bytes, quoted when needed (or always with `forceQuote`, which keeps
    /// an empty string apart from a null).
    @inline(__always)
    func appendField(_ p: UnsafePointer<UInt8>, _ n: Int, forceQuote: Bool = false) {
        var needs = forceQuote || (n > 0 && (p[0] == 32 || p[n - 1] == 32))
        if !needs {
            for i in 0..<n {
                let c = p[i]
                if c == delimiter || c == 34 || c == 10 || c == 13 {
                    needs = true
                    break
                }
            }
        }
        if !needs {
            buffer.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
            return
        }
        buffer.append(34)
        for i in 0..<n {
            if p[i] == 34 { buffer.append(34) }
            buffer.append(p[i])
        }
        buffer.append(34)
    }

    /// Appends the delimiter between fields.
    @inline(__always)
    func appendDelimiter() { buffer.append(delimiter) }

    /// Ends the current row, flushing the buffer when it is large.
    func endRow() throws(FormatError) {
        buffer.append(10)
        if buffer.count >= Self.flushAt { try flush() }
    }

    private func flush() throws(FormatError) {
        var written = 0
        while written < buffer.count {
            let r = buffer.withUnsafeBytes { write(fd, $0.baseAddress.map { $0 + written }, $0.count - written) }
            if r < 0 {
                if errno == EINTR { continue }
                throw FormatError.io("cannot write the CSV file", errno: errno, context: FormatError.Context(path: path))
            }
            written += r
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file.
    public func close() throws(FormatError) {
        guard !closed else { return }
        try flush()
        closed = true
        guard Glibc.close(fd) == 0 else {
            throw FormatError.io("cannot close the CSV file", errno: errno, context: FormatError.Context(path: path))
        }
    }
}
