import Crypto
import Foundation
import LakeCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileObjectStore {
    /// Writes `data` atomically at `location` (temporary file, fsync, rename).
    @discardableResult
    public func put(_ data: Data, at location: ObjectLocation) async throws -> ObjectInfo {
        let target = path(of: location)
        return try await BlockingIO.run { [self] in
            let temp = try makeTemporaryFile()
            do {
                let fd = try POSIXFile.openFile(temp, O_WRONLY | O_CREAT | O_EXCL)
                defer { close(fd) }
                try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                    try POSIXFile.writeAll(fd, bytes, path: temp)
                }
                let hash = ContentHash.hex(SHA256.hash(data: data))
                return try finish(fd: fd, temp: temp, hash: hash, target: target, location: location)
            } catch {
                unlink(temp)
                throw error
            }
        }
    }

    /// Writes a local file's content atomically at `location`. With `consume`, the file is
    /// renamed into the store when it is on the same file system (it must not be used
    /// afterwards); otherwise it is copied.
    @discardableResult
    public func putFile(_ file: URL, at location: ObjectLocation, consume: Bool) async throws -> ObjectInfo {
        let source = file.standardizedFileURL.path
        let target = path(of: location)
        return try await BlockingIO.run { [self] in
            let input: Int32
            do throws(LakeError) {
                input = try POSIXFile.openFile(source, consume ? O_RDWR : O_RDONLY)
            } catch {
                throw LakeError(
                    error.code == .notFound ? .notFound : .storage, "cannot read the file to store", hint: "check that it exists and is readable",
                    context: ["file": source, "key": location.description], underlying: error)
            }
            defer { close(input) }
            guard try POSIXFile.status(fd: input, path: source).isRegular else {
                throw LakeError(.usage, "only regular files can be stored", context: ["file": source, "key": location.description])
            }
            if consume {
                // The rename needs the hash first. Stamp the time it enters the store, as S3
                // would, then move it.
                let hash = try ContentHash.compute(fd: input, path: source)
                futimens(input, nil)
                if let info = try moveIntoPlace(fd: input, source: source, hash: hash, target: target, location: location) {
                    return info
                }
                guard lseek(input, 0, SEEK_SET) == 0 else { throw POSIXFile.error("rewind", path: source, errno: errno) }
            }
            let temp = try makeTemporaryFile()
            do {
                let fd = try POSIXFile.openFile(temp, O_WRONLY | O_CREAT | O_EXCL)
                defer { close(fd) }
                let hash = try copy(from: input, source: source, to: fd, temp: temp)
                let info = try finish(fd: fd, temp: temp, hash: hash, target: target, location: location)
                if consume { unlink(source) }
                return info
            } catch {
                unlink(temp)
                throw error
            }
        }
    }

    /// Renames a consumed file into place; nil when it is on another file system.
    private func moveIntoPlace(fd: Int32, source: String, hash: String, target: String, location: ObjectLocation) throws(LakeError) -> ObjectInfo? {
        try POSIXFile.sync(fd, path: source)
        let status = try POSIXFile.status(fd: fd, path: source)
        let stored = ContentHash.writeAttribute(fd: fd, hash: hash, status: status)
        guard try moveFile(source, to: target, location: location, crossDeviceIsNil: true) else { return nil }
        if !stored { hashes.remember(path: target, status: status, hash: hash) }
        return ObjectInfo(location: location, size: status.size, modifiedAt: status.modifiedAt, contentHash: hash)
    }

    /// Flushes the temporary file, records its hash and renames it into place.
    private func finish(fd: Int32, temp: String, hash: String, target: String, location: ObjectLocation) throws(LakeError) -> ObjectInfo {
        try POSIXFile.sync(fd, path: temp)
        let status = try POSIXFile.status(fd: fd, path: temp)
        let stored = ContentHash.writeAttribute(fd: fd, hash: hash, status: status)
        _ = try moveFile(temp, to: target, location: location, crossDeviceIsNil: false)
        if !stored { hashes.remember(path: target, status: status, hash: hash) }
        return ObjectInfo(location: location, size: status.size, modifiedAt: status.modifiedAt, contentHash: hash)
    }

    /// Renames `from` to `target`, creating parent directories as needed (and retrying when a
    /// concurrent delete removed one meanwhile), then flushes the parent directory when
    /// configured. Returns false on EXDEV when `crossDeviceIsNil`.
    private func moveFile(_ from: String, to target: String, location: ObjectLocation, crossDeviceIsNil: Bool) throws(LakeError) -> Bool {
        let parent = (target as NSString).deletingLastPathComponent
        var created: [String] = []
        for attempt in 0..<5 {
            if rename(from, target) == 0 {
                if options.syncDirectories {
                    try POSIXFile.syncDirectory(parent)
                    // New directories must reach the disk too: flush the parent of each.
                    for directory in created.reversed() {
                        try POSIXFile.syncDirectory((directory as NSString).deletingLastPathComponent)
                    }
                }
                return true
            }
            let code = errno
            switch code {
            case ENOENT where attempt < 4:
                created += try POSIXFile.makeDirectories(parent)
            case EXDEV where crossDeviceIsNil:
                return false
            case EISDIR, ENOTDIR, ENOTEMPTY, EEXIST:
                throw LakeError(
                    .conflict, "cannot store \(location): a key cannot be both an object and a prefix of other keys here",
                    hint: "rename the object or the keys under it", context: ["key": location.key.rawValue, "zone": location.zone.rawValue])
            default:
                throw POSIXFile.error("move into place", path: target, errno: code).adding(["key": location.description])
            }
        }
        throw POSIXFile.error("move into place", path: target, errno: ENOENT).adding(["key": location.description])
    }

    /// A fresh temporary path in `<root>/.tmp`, creating the directory the first time.
    private func makeTemporaryFile() throws(LakeError) -> String {
        let name = tempPath + "/" + UUID().uuidString.lowercased() + ".tmp"
        if access(tempPath, F_OK) != 0 { try POSIXFile.makeDirectories(tempPath) }
        return name
    }

    /// Copies `input` to `output` and returns the content hash of what it copied, so the
    /// source is read once.
    private func copy(from input: Int32, source: String, to output: Int32, temp: String) throws(LakeError) -> String {
        var hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try POSIXFile.readSome(input, into: buffer, path: source)
            if n == 0 { return ContentHash.hex(hasher.finalize()) }
            let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
            hasher.update(bufferPointer: chunk)
            try POSIXFile.writeAll(output, chunk, path: temp)
        }
    }
}
