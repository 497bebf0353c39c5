import CFileSync
import Crypto
import Foundation
import LakeCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileObjectStore {
    /// Writes `data` atomically and durably at `location` (temporary file, fsync, rename,
    /// fsync of the directory).
    @discardableResult
    public func put(_ data: Data, at location: ObjectLocation) async throws -> ObjectInfo {
        let target = path(of: location)
        return try await BlockingIO.run { [self] in
            let temp = try makeTemporaryFile()
            let stored: Stored
            do {
                let fd = try POSIXFile.openFile(temp, O_WRONLY | O_CREAT | O_EXCL)
                defer { close(fd) }
                try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                    try POSIXFile.writeAll(fd, bytes, path: temp)
                }
                let hash = ContentHash.hex(SHA256.hash(data: data))
                stored = try finish(fd: fd, temp: temp, hash: hash, target: target, location: location)
            } catch {
                unlink(temp)
                throw error
            }
            try syncDirectories(stored.directories)
            return stored.info
        }
    }

    /// Writes a local file's content atomically and durably at `location`. With `consume`, the
    /// file is renamed into the store when it is on the same file system (it must not be used
    /// afterwards); otherwise it is copied.
    @discardableResult
    public func putFile(_ file: URL, at location: ObjectLocation, consume: Bool) async throws -> ObjectInfo {
        try await BlockingIO.run { [self] in
            let stored = try store(file, at: location, consume: consume)
            try syncDirectories(stored.directories)
            return stored.info
        }
    }

    /// Files a batch put stores at once: a flush mostly waits for the disk, so more than the
    /// cores keeps them busy.
    static let putConcurrency = 32

    /// Files one I/O task of a known batch stores one after another: a small file's put is
    /// ~100 µs, so handing each to a thread of its own cost more in wake-ups than it saved.
    static let filesPerTask = 8

    /// Writes several local files as ``putFile(_:at:consume:)`` does, in tasks of up to
    /// ``filesPerTask`` files side by side, and then flushes each directory they went to once:
    /// the batch costs one directory `fsync` per directory instead of one per file, and every
    /// object is durable when it returns.
    public func putFiles(_ files: [(file: URL, location: ObjectLocation)], consume: Bool) async throws -> [Result<ObjectInfo, any Error>] {
        guard !files.isEmpty else { return [] }
        let tasks = min(Self.putConcurrency, (files.count + Self.filesPerTask - 1) / Self.filesPerTask)
        let chunks = (0..<tasks).map { task in Array(stride(from: task, to: files.count, by: tasks)) }
        let batch = await withTaskGroup(of: [(Int, Result<Stored, any Error>)].self) { group in
            for chunk in chunks {
                group.addTask { [self] in
                    let stored = try? await BlockingIO.run { () -> [(Int, Result<Stored, any Error>)] in
                        if consume {
                            return chunk.map { index in
                                let (file, location) = files[index]
                                return (index, Result { () throws(LakeError) -> Stored in try self.store(file, at: location, consume: true) })
                            }
                        }
                        // Copies: every file of the task written and its writeback started, then
                        // each flushed and renamed, so their data writes overlap.
                        let prepared = chunk.map { index in
                            let (file, location) = files[index]
                            return (index, Result { () throws(LakeError) -> PreparedCopy in try self.prepareCopy(file, at: location) })
                        }
                        return prepared.map { item -> (Int, Result<Stored, any Error>) in
                            switch item.1 {
                            case .success(let copy): return (item.0, Result { () throws(LakeError) -> Stored in try self.commit(copy) }.mapError { $0 })
                            case .failure(let error): return (item.0, .failure(error))
                            }
                        }
                    }
                    return stored ?? chunk.map { ($0, .failure(CancellationError())) }
                }
            }
            var batch = StoredBatch(count: files.count)
            for await done in group {
                for (index, result) in done { batch.record(result, at: index) }
            }
            return batch
        }
        try await syncDirectories(of: batch)
        return batch.results
    }

    /// ``putFiles(_:consume:)`` for files still being produced: each is written, flushed and
    /// renamed as it arrives (up to 32 at once), and the directories are flushed once the
    /// stream ends.
    public func putFiles(arriving files: AsyncStream<(file: URL, location: ObjectLocation)>, consume: Bool) async throws -> [Result<ObjectInfo, any Error>] {
        let batch = await withTaskGroup(of: (Int, Result<Stored, any Error>).self) { group in
            var batch = StoredBatch(count: 0)
            var running = 0
            for await (file, location) in files {
                if running >= Self.putConcurrency, let (index, result) = await group.next() {
                    batch.record(result, at: index)
                    running -= 1
                }
                let index = batch.add()
                group.addTask { [self] in
                    do { return (index, .success(try await BlockingIO.run { try self.store(file, at: location, consume: consume) })) } catch { return (index, .failure(error)) }
                }
                running += 1
            }
            while let (index, result) = await group.next() { batch.record(result, at: index) }
            return batch
        }
        try await syncDirectories(of: batch)
        return batch.results
    }

    /// What a batch put stored so far: one result per file, in the order given, and the
    /// directories to flush once every file is in place.
    struct StoredBatch: Sendable {
        var results: [Result<ObjectInfo, any Error>]
        var directories = Set<String>()

        /// A batch of `count` files, none stored yet.
        init(count: Int) { results = Array(repeating: .failure(CancellationError()), count: count) }

        /// Room for one more file; returns its index.
        mutating func add() -> Int {
            results.append(.failure(CancellationError()))
            return results.count - 1
        }

        /// What storing file `index` gave.
        mutating func record(_ result: Result<Stored, any Error>, at index: Int) {
            switch result {
            case .success(let stored):
                results[index] = .success(stored.info)
                directories.formUnion(stored.directories)
            case .failure(let error):
                results[index] = .failure(error)
            }
        }
    }

    /// Flushes the directories a batch's files went to, once each: their names are durable after.
    private func syncDirectories(of batch: StoredBatch) async throws {
        guard !batch.directories.isEmpty else { return }
        let directories = batch.directories.sorted()
        try await BlockingIO.run { [self] in try syncDirectories(directories) }
    }

    /// An object in place (its content flushed, its name not yet), and the directories whose
    /// flush makes its name durable.
    struct Stored: Sendable {
        var info: ObjectInfo
        var directories: [String]
    }

    /// Stores one file: content flushed and renamed into place; the directories are left to the caller.
    private func store(_ file: URL, at location: ObjectLocation, consume: Bool) throws(LakeError) -> Stored {
        if !consume { return try commit(try prepareCopy(file, at: location)) }
        let source = file.standardizedFileURL.path
        let target = path(of: location)
        let (input, status) = try openSource(source, O_RDWR, location: location)
        defer { close(input) }
        // The rename needs the hash first. Stamp the time it enters the store, as S3 would,
        // then move it; on another file system, copy it.
        let hash = try ContentHash.compute(fd: input, path: source, size: status.size)
        futimens(input, nil)
        if let stored = try moveIntoPlace(fd: input, source: source, hash: hash, target: target, location: location) {
            return stored
        }
        guard lseek(input, 0, SEEK_SET) == 0 else { throw POSIXFile.error("rewind", path: source, errno: errno) }
        let temp = try makeTemporaryFile()
        do {
            let fd = try POSIXFile.openFile(temp, O_WRONLY | O_CREAT | O_EXCL)
            defer { close(fd) }
            let hash = try copy(from: input, source: source, size: status.size, to: fd, temp: temp)
            let stored = try finish(fd: fd, temp: temp, hash: hash, target: target, location: location)
            unlink(source)
            return stored
        } catch {
            unlink(temp)
            throw error
        }
    }

    /// Opens a file to store and checks it is a regular file; the caller closes it.
    private func openSource(_ source: String, _ flags: Int32, location: ObjectLocation) throws(LakeError) -> (Int32, POSIXFile.Status) {
        let input: Int32
        do {
            input = try POSIXFile.openFile(source, flags)
        } catch {
            throw LakeError(
                error.code == .notFound ? .notFound : .storage, "cannot read the file to store", hint: "check that it exists and is readable",
                context: ["file": source, "key": location.description], underlying: error)
        }
        let status: POSIXFile.Status
        do {
            status = try POSIXFile.status(fd: input, path: source)
        } catch {
            close(input)
            throw error
        }
        guard status.isRegular else {
            close(input)
            throw LakeError(.usage, "only regular files can be stored", context: ["file": source, "key": location.description])
        }
        return (input, status)
    }

    /// A file copied into a temporary file whose writeback has started; ``commit(_:)`` flushes
    /// it and renames it into place.
    struct PreparedCopy: Sendable {
        var fd: Int32
        var temp: String
        var hash: String
        var target: String
        var location: ObjectLocation
    }

    /// Copies a file (not consumed) into a temporary file and starts writing it to disk.
    private func prepareCopy(_ file: URL, at location: ObjectLocation) throws(LakeError) -> PreparedCopy {
        let source = file.standardizedFileURL.path
        let (input, status) = try openSource(source, O_RDONLY, location: location)
        defer { close(input) }
        let temp = try makeTemporaryFile()
        let fd: Int32
        do {
            fd = try POSIXFile.openFile(temp, O_WRONLY | O_CREAT | O_EXCL)
        } catch {
            unlink(temp)
            throw error
        }
        do {
            let hash = try copy(from: input, source: source, size: status.size, to: fd, temp: temp)
            _ = swiftlake_start_writeback(fd)  // a hint: the flush in commit is what counts
            return PreparedCopy(fd: fd, temp: temp, hash: hash, target: path(of: location), location: location)
        } catch {
            close(fd)
            unlink(temp)
            throw error
        }
    }

    /// Flushes a prepared copy and renames it into place; the directories are left to the caller.
    private func commit(_ copy: PreparedCopy) throws(LakeError) -> Stored {
        defer { close(copy.fd) }
        do {
            return try finish(fd: copy.fd, temp: copy.temp, hash: copy.hash, target: copy.target, location: copy.location)
        } catch {
            unlink(copy.temp)
            throw error
        }
    }

    /// Renames a consumed file into place; nil when it is on another file system.
    private func moveIntoPlace(fd: Int32, source: String, hash: String, target: String, location: ObjectLocation) throws(LakeError) -> Stored? {
        let status = try POSIXFile.status(fd: fd, path: source)
        let stored = ContentHash.writeAttribute(fd: fd, hash: hash, status: status)
        try POSIXFile.sync(fd, path: source)
        guard let directories = try moveFile(source, to: target, location: location, crossDeviceIsNil: true) else { return nil }
        if !stored { hashes.remember(path: target, status: status, hash: hash) }
        return Stored(
            info: ObjectInfo(location: location, size: status.size, modifiedAt: status.modifiedAt, contentHash: hash), directories: directories)
    }

    /// Records the temporary file's hash, flushes it and renames it into place.
    private func finish(fd: Int32, temp: String, hash: String, target: String, location: ObjectLocation) throws(LakeError) -> Stored {
        let status = try POSIXFile.status(fd: fd, path: temp)
        let stored = ContentHash.writeAttribute(fd: fd, hash: hash, status: status)
        try POSIXFile.sync(fd, path: temp)
        let directories = try moveFile(temp, to: target, location: location, crossDeviceIsNil: false) ?? []
        if !stored { hashes.remember(path: target, status: status, hash: hash) }
        return Stored(
            info: ObjectInfo(location: location, size: status.size, modifiedAt: status.modifiedAt, contentHash: hash), directories: directories)
    }

    /// Flushes directories (unless ``Options/syncDirectories`` is off), making the renames and
    /// creations inside them durable.
    private func syncDirectories(_ directories: [String]) throws(LakeError) {
        guard options.syncDirectories else { return }
        for directory in directories { try POSIXFile.syncDirectory(directory) }
    }

    /// Renames `from` to `target`, creating parent directories as needed (and retrying when a
    /// concurrent delete removed one meanwhile). Returns the directories to flush for the name
    /// to be durable, or nil on EXDEV when `crossDeviceIsNil`: the parent, and when the parent
    /// was missing, every directory above it up to the store's root (new directories' entries
    /// are in their parents, whichever concurrent put created them).
    private func moveFile(_ from: String, to target: String, location: ObjectLocation, crossDeviceIsNil: Bool) throws(LakeError) -> [String]? {
        let parent = (target as NSString).deletingLastPathComponent
        for attempt in 0..<5 {
            if rename(from, target) == 0 {
                var directories = [parent]
                if attempt > 0 {
                    var directory = parent
                    while directory.count > rootPath.count, directory.hasPrefix(rootPath + "/") {
                        directory = (directory as NSString).deletingLastPathComponent
                        directories.append(directory)
                    }
                }
                return directories
            }
            let code = errno
            switch code {
            case ENOENT where attempt < 4:
                try POSIXFile.makeDirectories(parent)
            case EXDEV where crossDeviceIsNil:
                return nil
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
        let name = tempPath + "/" + UUIDString.random() + ".tmp"
        if access(tempPath, F_OK) != 0 { try POSIXFile.makeDirectories(tempPath) }
        return name
    }

    /// Copies `input` to `output` and returns the content hash of what it copied, so the
    /// source is read once.
    private func copy(from input: Int32, source: String, size: Int64, to output: Int32, temp: String) throws(LakeError) -> String {
        var hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: POSIXFile.bufferSize(for: size), alignment: 16)
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
