import Foundation

/// Random-access reads from a file with every range checked against the file size first, so a
/// corrupt length can never make the reader allocate more than the file holds.
final class FileSource {
    let path: String
    let size: Int64
    private var fd: Int32

    init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT {
                throw FormatError(.io, "no such file", hint: "check the path", context: FormatError.Context(path: path))
            }
            throw FormatError.io("cannot open the file", errno: code, context: FormatError.Context(path: path))
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            _ = Foundation.close(fd)
            throw FormatError.io("cannot read the file's size", errno: code, context: FormatError.Context(path: path))
        }
        size = Int64(info.st_size)
    }

    deinit { _ = Foundation.close(fd) }

    /// Reads `count` bytes at `offset`; throws `truncated` when the range passes the end.
    func read(offset: Int64, count: Int, what: String) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= size, Int64(count) <= size - offset else {
            throw FormatError.truncated(
                "\(what) (\(count) bytes at offset \(offset)) lies beyond the end of the \(size)-byte file",
                context: FormatError.Context(path: path, byteOffset: offset))
        }
        guard count > 0 else { return [] }
        return try [UInt8](unsafeUninitializedCapacity: count) { buf, initialized in
            var done = 0
            while done < count {
                let n = pread(fd, buf.baseAddress.map { $0 + done }, count - done, off_t(offset) + off_t(done))
                if n < 0 {
                    if errno == EINTR { continue }
                    initialized = 0
                    throw FormatError.io("cannot read the file", errno: errno, context: FormatError.Context(path: path, byteOffset: offset))
                }
                if n == 0 {
                    initialized = 0
                    throw FormatError.truncated("the file ended while reading \(what)", context: FormatError.Context(path: path, byteOffset: offset + Int64(done)))
                }
                done += n
            }
            initialized = count
        }
    }
}
