import CFileSync
import LakeCore
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One flush of a whole file system for a batch of puts: once a batch's small files are
/// written, a single `syncfs` makes every one of them durable, where an `fsync` per file waited
/// for the disk at least once per file (on ext4 without a journal: the data, then the inode and
/// its metadata buffers, each written synchronously).
///
/// The directory's descriptor is opened on first use and kept, so a write-back error that hits
/// any file after that (Linux 5.8 and later record them per file system) is reported by the
/// next flush instead of being lost between two descriptors.
final class FileSystemFlush: Sendable {
    /// Whether this system can flush a whole file system (Linux); elsewhere batches flush each file.
    static let isAvailable = swiftlake_can_sync_file_system() == 1

    private let path: String
    private let descriptor = Mutex<Int32>(-1)

    /// A flush of the file system holding the directory `path`.
    init(path: String) {
        self.path = path
    }

    deinit {
        descriptor.withLock { fd in
            if fd >= 0 { close(fd) }
        }
    }

    /// Flushes the file system and waits for the disk; false when it cannot here, so the caller
    /// flushes each file instead.
    func flush() throws(LakeError) -> Bool {
        guard Self.isAvailable else { return false }
        let fd = try open()
        while swiftlake_sync_file_system(fd) != 0 {
            let code = errno
            if code == EINTR { continue }
            if code == ENOSYS { return false }
            throw POSIXFile.error("flush the file system of", path: path, errno: code)
        }
        return true
    }

    /// The kept descriptor, opened the first time (creating the directory when a batch of
    /// consumed files is the store's first put).
    private func open() throws(LakeError) -> Int32 {
        try descriptor.withLock { (fd: inout Int32) throws(LakeError) -> Int32 in
            if fd < 0 {
                if access(path, F_OK) != 0 { try POSIXFile.makeDirectories(path) }
                fd = try POSIXFile.openFile(path, O_RDONLY | O_DIRECTORY)
            }
            return fd
        }
    }
}
