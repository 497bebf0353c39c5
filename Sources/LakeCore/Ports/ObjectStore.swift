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

    /// Reads a whole object.
    func get(_ location: ObjectLocation) async throws -> Data

    /// Returns a local file with the object's content: the object itself where the store is a
    /// filesystem (do not modify it), otherwise a copy downloaded into `directory`.
    func fetch(_ location: ObjectLocation, into directory: URL) async throws -> URL

    func head(_ location: ObjectLocation) async throws -> ObjectInfo?

    /// Lists objects of `zone` whose key starts with `prefix`, after the token of a previous page.
    func list(zone: Zone, prefix: String, after token: String?, limit: Int) async throws -> ObjectPage

    func delete(_ location: ObjectLocation) async throws

    /// A URI naming the object for people and for the object-metadata id: `file:///...` or `s3://bucket/key`.
    func uri(for location: ObjectLocation) -> String

    /// The bucket (or root directory) holding a zone, as recorded in object metadata.
    func container(of zone: Zone) -> String
}

extension ObjectStore {
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
}
