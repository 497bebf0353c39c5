import Foundation
import LakeCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over the POSIX calls the file object store needs, turning `errno` into
/// ``LakeError``s that name the key (never the file's content).
enum POSIXFile {
    /// What `stat` says about a path.
    struct Status: Sendable, Hashable {
        var size: Int64
        var modifiedSeconds: Int64
        var modifiedNanoseconds: Int64
        var isRegular: Bool
        var isDirectory: Bool

        var modifiedAt: Date {
            Date(timeIntervalSince1970: Double(modifiedSeconds) + Double(modifiedNanoseconds) / 1e9)
        }
    }

    /// `stat` of `path` (following links), nil when it does not exist.
    static func status(_ path: String) throws(LakeError) -> Status? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return nil }
            throw error("read the attributes of", path: path, errno: code)
        }
        return Status(info)
    }

    /// `fstat` of an open file.
    static func status(fd: Int32, path: String) throws(LakeError) -> Status {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw error("read the attributes of", path: path, errno: errno) }
        return Status(info)
    }

    /// Opens `path`, retrying on EINTR.
    static func openFile(_ path: String, _ flags: Int32, mode: mode_t = 0o644) throws(LakeError) -> Int32 {
        while true {
            let fd = open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno != EINTR { throw error("open", path: path, errno: errno) }
        }
    }

    /// Writes every byte of `buffer`.
    static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, path: String) throws(LakeError) {
        var offset = 0
        while offset < buffer.count {
            guard let base = buffer.baseAddress else { return }
            let n = write(fd, base + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw error("write", path: path, errno: errno)
            }
            offset += n
        }
    }

    /// A read buffer for a file of `size` bytes: the file and one byte more (to see its end in
    /// one read), at least a page and at most 1 MiB. Small files would otherwise pay for a
    /// fresh 1 MiB mapping each (mmap, page faults, munmap).
    static func bufferSize(for size: Int64) -> Int {
        Int(min(1 << 20, max(4096, size + 1)))
    }

    /// Reads up to `buffer.count` bytes; 0 at the end of the file.
    static func readSome(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws(LakeError) -> Int {
        while true {
            let n = read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno != EINTR { throw error("read", path: path, errno: errno) }
        }
    }

    /// Flushes a file's data and metadata to the disk.
    static func sync(_ fd: Int32, path: String) throws(LakeError) {
        guard fsync(fd) == 0 else { throw error("flush to disk", path: path, errno: errno) }
    }

    /// Flushes a file by its path (written and closed earlier): its data and metadata.
    static func syncFile(_ path: String) throws(LakeError) {
        let fd = try openFile(path, O_RDONLY)
        defer { close(fd) }
        try sync(fd, path: path)
    }

    /// Flushes a directory, making the renames and creations inside it durable.
    static func syncDirectory(_ path: String) throws(LakeError) {
        let fd = try openFile(path, O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        try sync(fd, path: path)
    }

    /// Creates `path` and its missing parents; returns the directories it created, outermost first.
    @discardableResult
    static func makeDirectories(_ path: String) throws(LakeError) -> [String] {
        if mkdir(path, 0o755) == 0 { return [path] }
        let code = errno
        if code == EEXIST {
            if let s = try status(path), s.isDirectory { return [] }
            throw LakeError(
                .conflict, "an object is stored where a directory is needed",
                hint: "a key cannot be both an object and a prefix of other keys in the embedded store; rename one of them",
                context: ["path": path])
        }
        guard code == ENOENT else { throw error("create the directory", path: path, errno: code) }
        let parent = (path as NSString).deletingLastPathComponent
        guard parent != path, !parent.isEmpty else { throw error("create the directory", path: path, errno: code) }
        var created = try makeDirectories(parent)
        if mkdir(path, 0o755) == 0 {
            created.append(path)
        } else if errno != EEXIST {
            throw error("create the directory", path: path, errno: errno)
        }
        return created
    }

    /// A ``LakeError`` for a failed call; `ENOENT` becomes `.notFound`.
    static func error(_ action: String, path: String, errno code: Int32) -> LakeError {
        let reason = String(cString: strerror(code))
        let errorCode: LakeError.Code = code == ENOENT ? .notFound : .storage
        var hint: String
        switch code {
        case ENOSPC, EDQUOT: hint = "free disk space, then retry"
        case EACCES, EPERM, EROFS: hint = "check the permissions of the lake directory"
        case ENAMETOOLONG: hint = "shorten the key: each '/'-separated segment must be at most 255 bytes on this file system"
        case ENOENT: hint = "check the key and the zone"
        default: hint = "check the lake directory and the disk, then retry"
        }
        return LakeError(errorCode, "cannot \(action) a file of the object store: \(reason)", hint: hint, context: ["path": path])
    }
}

extension POSIXFile.Status {
    init(_ info: stat) {
        size = Int64(info.st_size)
        #if canImport(Darwin)
        modifiedSeconds = Int64(info.st_mtimespec.tv_sec)
        modifiedNanoseconds = Int64(info.st_mtimespec.tv_nsec)
        #else
        modifiedSeconds = Int64(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int64(info.st_mtim.tv_nsec)
        #endif
        isRegular = (info.st_mode & S_IFMT) == S_IFREG
        isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
    }
}
