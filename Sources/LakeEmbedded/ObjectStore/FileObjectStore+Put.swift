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
            let stored = try place(try stage(data, target: target, location: location))
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
            let stored = try place(try stage(file, at: location, consume: consume, flush: true))
            try syncDirectories(stored.directories)
            return stored.info
        }
    }

    /// Files a batch put writes at once.
    static let putConcurrency = 32

    /// Files one I/O task of a known batch writes one after another: a small file's write is
    /// tens of microseconds, so handing each to a thread of its own cost more in wake-ups than
    /// it saved.
    static let filesPerTask = 8

    /// Batches of at least this many files are made durable by one flush of the whole file
    /// system; smaller ones by an `fsync` per file, since a file-system flush also waits for
    /// whatever else is being written to that disk.
    static let fileSystemFlushMinimum = 8

    /// Writes several local files as ``putFile(_:at:consume:)`` does: every file written (in
    /// tasks of up to ``filesPerTask`` files side by side), then one durability barrier for the
    /// batch (see ``fileSystemFlushMinimum``), then each renamed into place and each directory
    /// they went to flushed once. Every object is durable when it returns.
    public func putFiles(_ files: [(file: URL, location: ObjectLocation)], consume: Bool) async throws -> [Result<ObjectInfo, any Error>] {
        guard !files.isEmpty else { return [] }
        // A batch too small for the file-system flush (or where there is none) flushes each file
        // while it is still open, rather than opening it again in placeBatch to flush it.
        let flushEach = files.count < Self.fileSystemFlushMinimum || !FileSystemFlush.isAvailable
        let tasks = min(Self.putConcurrency, (files.count + Self.filesPerTask - 1) / Self.filesPerTask)
        let chunks = (0..<tasks).map { task in Array(stride(from: task, to: files.count, by: tasks)) }
        let staged = await withTaskGroup(of: [(Int, Result<Staged, any Error>)].self) { group in
            for chunk in chunks {
                group.addTask { [self] in
                    let done = try? await BlockingIO.run {
                        chunk.map { index in
                            let (file, location) = files[index]
                            return (index, Result<Staged, any Error> { try self.stage(file, at: location, consume: consume, flush: flushEach) })
                        }
                    }
                    return done ?? chunk.map { ($0, .failure(CancellationError())) }
                }
            }
            var staged = [Result<Staged, any Error>](repeating: .failure(CancellationError()), count: files.count)
            for await done in group {
                for (index, result) in done { staged[index] = result }
            }
            return staged
        }
        return try await placeBatch(staged)
    }

    /// ``putFiles(_:consume:)`` for files still being produced: each is written as it arrives
    /// (up to 32 at once); the barrier, the renames and the directory flushes follow once the
    /// stream ends.
    public func putFiles(arriving files: AsyncStream<(file: URL, location: ObjectLocation)>, consume: Bool) async throws -> [Result<ObjectInfo, any Error>] {
        let staged = await withTaskGroup(of: (Int, Result<Staged, any Error>).self) { group in
            var staged: [Result<Staged, any Error>] = []
            var running = 0
            for await (file, location) in files {
                if running >= Self.putConcurrency, let (index, result) = await group.next() {
                    staged[index] = result
                    running -= 1
                }
                let index = staged.count
                staged.append(.failure(CancellationError()))
                group.addTask { [self] in
                    do {
                        return (index, .success(try await BlockingIO.run { try self.stage(file, at: location, consume: consume, flush: false) }))
                    } catch {
                        return (index, .failure(error))
                    }
                }
                running += 1
            }
            while let (index, result) = await group.next() { staged[index] = result }
            return staged
        }
        return try await placeBatch(staged)
    }

    /// Makes a batch's written files durable (one file-system flush for a batch of at least
    /// ``fileSystemFlushMinimum`` files, otherwise an `fsync` each), renames each into place,
    /// then flushes each directory they went to once. When the file-system flush fails, the
    /// whole batch fails and its temporary files are removed (consumed files stay where they were).
    private func placeBatch(_ staged: [Result<Staged, any Error>]) async throws -> [Result<ObjectInfo, any Error>] {
        let written = staged.compactMap { try? $0.get() }
        guard !written.isEmpty else { return staged.map { $0.map(\.info) } }
        return try await BlockingIO.run { [self] in
            var flushed = false
            if written.count >= Self.fileSystemFlushMinimum {
                do {
                    flushed = try fileSystemFlush.flush()
                } catch {
                    for file in written where file.isTemporary { unlink(file.path) }
                    throw error
                }
            }
            var batch = StoredBatch(count: staged.count)
            for (index, item) in staged.enumerated() {
                switch item {
                case .success(var file):
                    file.flushed = file.flushed || flushed
                    batch.record(Result<Stored, any Error> { try place(file) }, at: index)
                case .failure(let error):
                    batch.record(.failure(error), at: index)
                }
            }
            try syncDirectories(batch.directories.sorted())
            return batch.results
        }
    }

    /// What a batch put stored: one result per file, in the order given, and the directories to
    /// flush once every file is in place.
    struct StoredBatch: Sendable {
        var results: [Result<ObjectInfo, any Error>]
        var directories = Set<String>()

        /// A batch of `count` files, none stored yet.
        init(count: Int) { results = Array(repeating: .failure(CancellationError()), count: count) }

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

    /// An object in place (its content flushed, its name not yet), and the directories whose
    /// flush makes its name durable.
    struct Stored: Sendable {
        var info: ObjectInfo
        var directories: [String]
    }

    /// A file written where it can be renamed into place, its hash recorded: a temporary copy,
    /// or a consumed file where the caller left it. Flushed only when staged with `flush`.
    struct Staged: Sendable {
        /// Where the file is now.
        var path: String
        /// A temporary file of ours (removed when the put fails), not a consumed file of the caller's.
        var isTemporary: Bool
        /// Where it goes.
        var target: String
        var info: ObjectInfo
        var status: POSIXFile.Status
        /// Whether the hash went into the file's extended attribute (else it is cached in memory).
        var hashStored: Bool
        var flushed: Bool
    }

    /// Writes `data` to a temporary file, flushed.
    private func stage(_ data: Data, target: String, location: ObjectLocation) throws -> Staged {
        let temp = try makeTemporaryFile()
        do {
            let fd = try POSIXFile.openFile(temp, O_WRONLY | O_CREAT | O_EXCL)
            defer { close(fd) }
            try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                try POSIXFile.writeAll(fd, bytes, path: temp)
            }
            let hash = ContentHash.hex(SHA256.hash(data: data))
            return try seal(fd: fd, path: temp, isTemporary: true, hash: hash, target: target, location: location, flush: true)
        } catch {
            unlink(temp)
            throw error
        }
    }

    /// Readies a local file to be renamed into place: consumed, it is hashed and stamped with
    /// the time it enters the store (as S3 would) where it is; otherwise it is copied into a
    /// temporary file, reading it once.
    private func stage(_ file: URL, at location: ObjectLocation, consume: Bool, flush: Bool) throws(LakeError) -> Staged {
        let source = file.standardizedFileURL.path
        let target = path(of: location)
        let (input, status) = try openSource(source, consume ? O_RDWR : O_RDONLY, location: location)
        defer { close(input) }
        guard consume else { return try stageCopy(of: input, source: source, size: status.size, target: target, location: location, flush: flush) }
        let hash = try ContentHash.compute(fd: input, path: source, size: status.size)
        futimens(input, nil)
        return try seal(fd: input, path: source, isTemporary: false, hash: hash, target: target, location: location, flush: flush)
    }

    /// Copies an open file into a temporary file.
    private func stageCopy(of input: Int32, source: String, size: Int64, target: String, location: ObjectLocation, flush: Bool) throws(LakeError) -> Staged {
        let temp = try makeTemporaryFile()
        do {
            let fd = try POSIXFile.openFile(temp, O_WRONLY | O_CREAT | O_EXCL)
            defer { close(fd) }
            let hash = try copy(from: input, source: source, size: size, to: fd, temp: temp)
            return try seal(fd: fd, path: temp, isTemporary: true, hash: hash, target: target, location: location, flush: flush)
        } catch {
            unlink(temp)
            throw error
        }
    }

    /// Records the hash of a file written for the store in its extended attribute and flushes
    /// it when asked.
    private func seal(fd: Int32, path: String, isTemporary: Bool, hash: String, target: String, location: ObjectLocation, flush: Bool) throws(LakeError) -> Staged {
        let status = try POSIXFile.status(fd: fd, path: path)
        let hashStored = ContentHash.writeAttribute(fd: fd, hash: hash, status: status)
        if flush { try POSIXFile.sync(fd, path: path) }
        return Staged(
            path: path, isTemporary: isTemporary, target: target,
            info: ObjectInfo(location: location, size: status.size, modifiedAt: status.modifiedAt, contentHash: hash),
            status: status, hashStored: hashStored, flushed: flush)
    }

    /// Flushes a staged file unless it is durable already, renames it into place and remembers
    /// its hash; a temporary file is removed when this fails. The directories are left to the caller.
    private func place(_ file: Staged) throws(LakeError) -> Stored {
        do {
            if !file.flushed { try POSIXFile.syncFile(file.path) }
            guard let directories = try moveFile(file.path, to: file.target, location: file.info.location, crossDeviceIsNil: !file.isTemporary) else {
                return try placeAcrossFileSystems(file)
            }
            if !file.hashStored { hashes.remember(path: file.target, status: file.status, hash: file.info.contentHash) }
            return Stored(info: file.info, directories: directories)
        } catch {
            if file.isTemporary { unlink(file.path) }
            throw error
        }
    }

    /// A consumed file on another file system than the store: copied into place (flushed),
    /// then removed.
    private func placeAcrossFileSystems(_ file: Staged) throws(LakeError) -> Stored {
        let (input, status) = try openSource(file.path, O_RDONLY, location: file.info.location)
        defer { close(input) }
        let copy = try stageCopy(of: input, source: file.path, size: status.size, target: file.target, location: file.info.location, flush: true)
        let stored = try place(copy)
        unlink(file.path)
        return stored
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
