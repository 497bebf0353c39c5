import Foundation
import LakeCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The embedded ``ObjectStore``: each zone is a directory under `root` (`<root>/raw`,
/// `<root>/stage`, `<root>/analytics`, `<root>/artifacts`) and each object a file at its key.
///
/// Writes are atomic: the content goes to a temporary file in `<root>/.tmp/` (same file
/// system), is flushed with `fsync`, and is renamed into place, so a reader sees the old object
/// or the whole new one, and a crash leaves the old object (and at worst a stray temporary file,
/// which listings never show; ``removeStaleTemporaryFiles(olderThan:)`` clears them).
///
/// Durability: the file's content is flushed before the rename, so a crash of the process never
/// loses or tears a put, and the directory is flushed after it, so a put that returned survives
/// a power loss too. ``putFiles(_:consume:)`` makes a whole batch durable together: write every
/// file, one barrier (on Linux one `syncfs` of the file system for a batch of 8 files or more,
/// else an `fsync` per file), rename each, then one directory `fsync` per directory.
/// ``Options/syncDirectories`` off skips the directory flushes (a power loss may then undo the
/// last seconds of puts, never tear one).
///
/// Limits of a file system: a key cannot be both an object and a prefix of other keys (`a` and
/// `a/b`), and each key segment must fit in 255 bytes.
public final class FileObjectStore: ObjectStore {
    /// Settings of the store.
    public struct Options: Sendable {
        /// Flush the parent directory after the renames of a put (or of a batch of puts), so
        /// what a put stored survives a power loss too. A crash of the process never loses a
        /// put either way; turn it off only for lakes that may lose their last seconds.
        public var syncDirectories: Bool
        /// Creates options.
        public init(syncDirectories: Bool = true) {
            self.syncDirectories = syncDirectories
        }
    }

    /// The directory holding the zones.
    public let root: URL
    /// The store's settings.
    public let options: Options
    let rootPath: String
    let tempPath: String
    let hashes = ContentHash()
    let fileSystemFlush: FileSystemFlush

    /// A store rooted at `root`; directories are created as objects are written.
    public init(root: URL, options: Options = Options()) {
        self.root = root.standardizedFileURL
        self.options = options
        self.rootPath = self.root.path
        self.tempPath = self.root.appendingPathComponent(".tmp", isDirectory: true).path
        self.fileSystemFlush = FileSystemFlush(path: self.root.path)
    }

    /// The directory of a zone.
    public func directory(of zone: Zone) -> URL {
        root.appendingPathComponent(zone.rawValue, isDirectory: true)
    }

    /// The file path of an object.
    public func path(of location: ObjectLocation) -> String {
        rootPath + "/" + location.zone.rawValue + "/" + location.key.rawValue
    }

    /// `file://` URI of the object's file (percent-encoded).
    public func uri(for location: ObjectLocation) -> String {
        URL(fileURLWithPath: path(of: location)).absoluteString
    }

    /// The zone's directory path.
    public func container(of zone: Zone) -> String {
        rootPath + "/" + zone.rawValue
    }

    /// Size, modification time and SHA-256 of an object; nil when there is none. The hash
    /// stored at put time is read in place (a `stat` and a `getxattr`, no thread hop); only a
    /// file without one (dropped in by hand, changed since) is read through on the I/O queue.
    public func head(_ location: ObjectLocation) async throws -> ObjectInfo? {
        let path = path(of: location)
        guard let status = try POSIXFile.status(path), status.isRegular else { return nil }
        if let hash = hashes.known(path: path, status: status) {
            return ObjectInfo(location: location, size: status.size, modifiedAt: status.modifiedAt, contentHash: hash)
        }
        return try await BlockingIO.run { [hashes] in
            try Self.info(path: path, location: location, hashes: hashes)
        }
    }

    /// The object's content; throws `.notFound` when there is none.
    public func get(_ location: ObjectLocation) async throws -> Data {
        let path = path(of: location)
        return try await BlockingIO.run {
            let fd: Int32
            do throws(LakeError) {
                fd = try POSIXFile.openFile(path, O_RDONLY)
            } catch {
                throw error.code == .notFound ? Self.notFound(location) : error.adding(["key": location.description])
            }
            defer { close(fd) }
            let status = try POSIXFile.status(fd: fd, path: path)
            guard status.isRegular else { throw Self.notFound(location) }
            var data = Data(capacity: Int(status.size))
            // One read more than the size, to see the end of the file; a file dropped by hand may
            // still grow, so read until the end whatever fstat said.
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Int(min(status.size, 1 << 20)) + 1, alignment: 16)
            defer { buffer.deallocate() }
            while true {
                let n = try POSIXFile.readSome(fd, into: buffer, path: path)
                if n == 0 { break }
                data.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            }
            return data
        }
    }

    /// The object's own file (do not modify it); `directory` is not used. One `stat`, in place.
    public func fetch(_ location: ObjectLocation, into directory: URL) async throws -> URL {
        let path = path(of: location)
        guard try POSIXFile.status(path)?.isRegular ?? false else { throw Self.notFound(location) }
        return URL(fileURLWithPath: path)
    }

    /// Deletes an object and then every directory it leaves empty, up to the zone's directory.
    /// Deleting a missing object succeeds.
    public func delete(_ location: ObjectLocation) async throws {
        let path = path(of: location)
        let zoneRoot = container(of: location.zone)
        try await BlockingIO.run { [hashes] in
            if unlink(path) != 0 {
                let code = errno
                guard code == ENOENT || code == ENOTDIR || code == EISDIR else {
                    throw POSIXFile.error("delete", path: path, errno: code).adding(["key": location.description])
                }
                return
            }
            hashes.forget(path: path)
            var directory = (path as NSString).deletingLastPathComponent
            while directory.count > zoneRoot.count, directory.hasPrefix(zoneRoot + "/") {
                if rmdir(directory) != 0 { break }
                directory = (directory as NSString).deletingLastPathComponent
            }
        }
    }

    /// Deletes temporary files older than `age` left in `<root>/.tmp` by writes that crashed;
    /// returns how many. Younger ones may belong to writes in progress in another process.
    @discardableResult
    public func removeStaleTemporaryFiles(olderThan age: Duration = .seconds(3600)) throws -> Int {
        let cutoff = Date().addingTimeInterval(-age.seconds)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: tempPath) else { return 0 }
        var removed = 0
        for name in names {
            let path = tempPath + "/" + name
            if let status = try POSIXFile.status(path), status.modifiedAt < cutoff, unlink(path) == 0 { removed += 1 }
        }
        return removed
    }

    static func info(path: String, location: ObjectLocation, hashes: ContentHash) throws(LakeError) -> ObjectInfo? {
        guard let status = try POSIXFile.status(path), status.isRegular else { return nil }
        let hash = try hashes.hash(ofFileAt: path, status: status)
        return ObjectInfo(location: location, size: status.size, modifiedAt: status.modifiedAt, contentHash: hash)
    }

    static func notFound(_ location: ObjectLocation) -> LakeError {
        LakeError(
            .notFound, "no object at \(location)", hint: "check the zone and key (keys are case-sensitive)",
            context: ["key": location.key.rawValue, "zone": location.zone.rawValue])
    }
}
