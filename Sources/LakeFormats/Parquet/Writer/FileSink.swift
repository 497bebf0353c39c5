import Foundation

/// Buffered sequential writes to a file through POSIX `write`, tracking the file position.
final class FileSink {
    let path: String
    private var fd: Int32
    private let buffer = OutputBuffer(capacity: 1 << 20)
    private(set) var position: Int64 = 0

    /// Creates or truncates the file at `path`.
    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw FormatError.io("cannot create the Parquet file", errno: errno, context: FormatError.Context(path: path))
        }
    }

    deinit {
        if fd >= 0 { _ = Foundation.close(fd) }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let p = bytes.baseAddress, bytes.count > 0 else { return }
        if buffer.count + bytes.count <= buffer.capacity {
            buffer.append(p, bytes.count)
        } else {
            try flush()
            if bytes.count >= buffer.capacity / 2 {
                try writeAll(p, bytes.count)
            } else {
                buffer.append(p, bytes.count)
            }
        }
        position += Int64(bytes.count)
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    func flush() throws {
        guard buffer.count > 0 else { return }
        try writeAll(UnsafeRawPointer(buffer.base), buffer.count)
        buffer.removeAll()
    }

    private func writeAll(_ pointer: UnsafeRawPointer, _ count: Int) throws {
        guard fd >= 0 else {
            throw FormatError.invalidArgument("the Parquet file is already closed", context: FormatError.Context(path: path))
        }
        var done = 0
        while done < count {
            let n = Foundation.write(fd, pointer + done, count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw FormatError.io("cannot write the Parquet file", errno: errno, context: FormatError.Context(path: path))
            }
            done += n
        }
    }

    /// Flushes and closes the file.
    func close() throws {
        try flush()
        guard fd >= 0 else { return }
        let result = Foundation.close(fd)
        fd = -1
        guard result == 0 else {
            throw FormatError.io("cannot close the Parquet file", errno: errno, context: FormatError.Context(path: path))
        }
    }

    /// Closes without flushing (after an error).
    func abandon() {
        if fd >= 0 { _ = Foundation.close(fd) }
        fd = -1
    }
}
