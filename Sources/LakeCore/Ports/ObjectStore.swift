import Foundation

/// What the store knows about one object.
public struct ObjectInfo: Sendable, Hashable, Codable {
    public var location: ObjectLocation
    public var size: Int64
    public var modifiedAt: Date
    /// Hex digest of the content (SHA-256 embedded; the ETag on S3). Equal content, equal hash
    /// within one backend.
    public var contentHash: String
    public init(location: ObjectLocation, size: Int64, modifiedAt: Date, contentHash: String) {
        self.location = location
        self.size = size
        self.modifiedAt = modifiedAt
        self.contentHash = contentHash
    }
}

/// One page of a listing, in ascending key order.
public struct ObjectPage: Sendable {
    public var objects: [ObjectInfo]
    /// Pass back as `after` to get the next page; nil on the last page.
    public var nextToken: String?
    public init(objects: [ObjectInfo], nextToken: String?) {
        self.objects = objects
        self.nextToken = nextToken
    }
}

/// The object-store port: zones of keyed, immutable-once-written blobs.
///
/// Guarantees every adapter keeps (checked by `ObjectStoreContract`):
/// - `put` and `putFile` are atomic: a reader sees the previous object or the whole new one,
///   never a partial write; a crash mid-write leaves the previous object.
/// - A write is durable when it returns: it survives a crash of the process and a power loss
///   (S3 acknowledges durable writes; the embedded store flushes the file and its directory).
///   `putFiles` makes a batch durable together, which the embedded store does with one flush
///   per directory instead of one per file.
/// - Keys are ``ObjectKey``s, validated the same way everywhere.
/// - `list` returns keys in ascending byte order, paginated, filtered by prefix.
/// - `head` of a missing object returns nil; `get` of a missing object throws `.notFound`.
/// - `delete` of a missing object succeeds.
public protocol ObjectStore: Sendable {
    /// Writes `data` at `location`, replacing any object there.
    @discardableResult
    func put(_ data: Data, at location: ObjectLocation) async throws -> ObjectInfo

    /// Writes the local file's content at `location`. With `consume`, the store may move the
    /// file instead of copying it (the caller must not use it afterwards).
    @discardableResult
    func putFile(_ file: URL, at location: ObjectLocation, consume: Bool) async throws -> ObjectInfo

    /// Writes several local files, each as ``putFile(_:at:consume:)`` would, and returns one
    /// result per file in the order given: every object stored is durable when it returns. A
    /// file that could not be stored has its error in its result (with `consume`, a failed
    /// file is left where it was); the call throws only when the batch as a whole could not be
    /// made durable, and then nothing it stored may be counted on (store the batch again: names
    /// are deterministic). The default stores up to 16 files at once.
    func putFiles(_ files: [(file: URL, location: ObjectLocation)], consume: Bool) async throws -> [Result<ObjectInfo, any Error>]

    /// ``putFiles(_:consume:)`` for files that are still being produced: each is stored as it
    /// arrives, and the batch is made durable once the stream ends. Results come in the order
    /// the files arrived.
    func putFiles(arriving files: AsyncStream<(file: URL, location: ObjectLocation)>, consume: Bool) async throws -> [Result<ObjectInfo, any Error>]

    /// Reads a whole object.
    func get(_ location: ObjectLocation) async throws -> Data

    /// Returns a local file with the object's content: the object itself where the store is a
    /// filesystem (do not modify it), otherwise a copy downloaded into `directory`.
    func fetch(_ location: ObjectLocation, into directory: URL) async throws -> URL

    func head(_ location: ObjectLocation) async throws -> ObjectInfo?

    /// Lists objects of `zone` whose key starts with `prefix`, after the token of a previous page.
    func list(zone: Zone, prefix: String, after token: String?, limit: Int) async throws -> ObjectPage

    /// The immediate child "directories" of `prefix` (empty, or ending in `/`): every distinct
    /// `prefix + segment + "/"` that at least one object's key starts with, in ascending byte
    /// order — what S3's ListObjectsV2 returns as common prefixes with the delimiter `/`.
    /// A default implementation derives them from ``listAll(zone:prefix:pageSize:)``; adapters
    /// override it with a cheaper native call (readdir, a delimited listing).
    func listDirectories(zone: Zone, prefix: String) async throws -> [String]

    func delete(_ location: ObjectLocation) async throws

    /// A URI naming the object for people and for the object-metadata id: `file:///...` or `s3://bucket/key`.
    func uri(for location: ObjectLocation) -> String

    /// The bucket (or root directory) holding a zone, as recorded in object metadata.
    func container(of zone: Zone) -> String
}

extension ObjectStore {
    public func putFiles(_ files: [(file: URL, location: ObjectLocation)], consume: Bool) async throws -> [Result<ObjectInfo, any Error>] {
        try await putFiles(arriving: AsyncStream { continuation in
            for file in files { continuation.yield(file) }
            continuation.finish()
        }, consume: consume)
    }

    public func putFiles(arriving files: AsyncStream<(file: URL, location: ObjectLocation)>, consume: Bool) async throws -> [Result<ObjectInfo, any Error>] {
        await withTaskGroup(of: (Int, Result<ObjectInfo, any Error>).self) { group in
            var results: [Result<ObjectInfo, any Error>] = []
            var running = 0
            for await (file, location) in files {
                if running >= 16, let (index, result) = await group.next() {
                    results[index] = result
                    running -= 1
                }
                let index = results.count
                results.append(.failure(CancellationError()))
                group.addTask {
                    do { return (index, .success(try await self.putFile(file, at: location, consume: consume))) } catch { return (index, .failure(error)) }
                }
                running += 1
            }
            while let (index, result) = await group.next() { results[index] = result }
            return results
        }
    }

    /// Writes several local files as ``putFiles(_:consume:)`` does and returns their infos in
    /// order, or throws the first file's error.
    @discardableResult
    public func putAllFiles(_ files: [(file: URL, location: ObjectLocation)], consume: Bool) async throws -> [ObjectInfo] {
        try await putFiles(files, consume: consume).map { try $0.get() }
    }

    /// Lists every object under `prefix`, following pages.
    public func listAll(zone: Zone, prefix: String = "", pageSize: Int = 1000) async throws -> [ObjectInfo] {
        var all: [ObjectInfo] = []
        var token: String?
        repeat {
            let page = try await list(zone: zone, prefix: prefix, after: token, limit: pageSize)
            all.append(contentsOf: page.objects)
            token = page.nextToken
        } while token != nil
        return all
    }

    /// The child directories of `prefix`, derived from a full listing below it (every object
    /// is listed once, so adapters with a delimited listing should override this).
    public func listDirectories(zone: Zone, prefix: String) async throws -> [String] {
        guard prefix.isEmpty || prefix.hasSuffix("/") else {
            throw LakeError(
                .usage, "a directory listing needs a prefix that ends in '/', not '\(prefix)'",
                hint: "pass \"\" for the zone's top level or a prefix such as team/dataset/", context: ["zone": zone.rawValue])
        }
        var directories: [String] = []
        let slash = UInt8(ascii: "/")
        for info in try await listAll(zone: zone, prefix: prefix) {
            let rest = info.location.key.rawValue.utf8.dropFirst(prefix.utf8.count)
            guard let end = rest.firstIndex(of: slash) else { continue }
            let child = prefix + String(decoding: rest[rest.startIndex...end], as: UTF8.self)
            // Keys under one child are contiguous in byte order, so comparing with the last is enough.
            if directories.last != child { directories.append(child) }
        }
        return directories
    }
}
