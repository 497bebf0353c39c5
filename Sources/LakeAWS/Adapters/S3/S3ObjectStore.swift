import Crypto
import Foundation
import LakeCore
import LakeSigV4

/// The object-store port on S3: zones mapped to buckets by an ``S3ZoneLayout``.
///
/// Puts are single S3 writes (PUT or a completed multipart upload), so readers see the old
/// object or the whole new one. `contentHash` is the ETag without quotes; equal content gets an
/// equal ETag because data and files are split into parts the same way. Listings use
/// `start-after` with the last key as the page token, in S3's byte order. Errors are
/// ``LakeError``s: `.notFound` for a missing object, `.remote` for S3 failures.
public struct S3ObjectStore: ObjectStore {
    /// The S3 client.
    public let client: S3Client
    /// Zone-to-bucket mapping.
    public let layout: S3ZoneLayout
    /// Encryption asked for on every write (SSE-KMS when lake.yaml names a key).
    public let encryption: S3ServerSideEncryption?

    /// Creates the store.
    public init(client: S3Client, layout: S3ZoneLayout, encryption: S3ServerSideEncryption? = nil) {
        self.client = client
        self.layout = layout
        self.encryption = encryption
    }

    /// The bucket and full key of a location; refuses raw keys inside the artifacts range.
    func address(_ location: ObjectLocation) throws -> (bucket: String, key: String) {
        if let excluded = layout.excludedPrefix(for: location.zone), location.key.rawValue.hasPrefix(excluded) {
            throw LakeError(
                .invalidKey, "raw keys cannot start with '\(excluded)': artifacts live there",
                hint: "raw keys start with a team name", context: ["key": location.key.rawValue])
        }
        return (layout.bucket(for: location.zone), layout.keyPrefix(for: location.zone) + location.key.rawValue)
    }

    /// Writes `data` in one S3 write (PUT, or multipart above the threshold).
    @discardableResult
    public func put(_ data: Data, at location: ObjectLocation) async throws -> ObjectInfo {
        let (bucket, key) = try address(location)
        let written = try await client.putObject(bucket: bucket, key: key, data: data, encryption: encryption)
        return ObjectInfo(location: location, size: Int64(data.count), modifiedAt: S3ObjectStore.modifiedAt(written), contentHash: written.eTag)
    }

    /// Uploads a local file (multipart above the threshold, one part in memory at a time); with `consume`, removes it afterwards.
    @discardableResult
    public func putFile(_ file: URL, at location: ObjectLocation, consume: Bool) async throws -> ObjectInfo {
        let (bucket, key) = try address(location)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw LakeError(.notFound, "no file at \(file.path) to upload", hint: "check the path", context: ["file": file.path])
        }
        let size = try S3Client.fileSize(file)
        let written = try await client.putObject(bucket: bucket, key: key, file: file, encryption: encryption)
        if consume { try? FileManager.default.removeItem(at: file) }
        return ObjectInfo(location: location, size: size, modifiedAt: S3ObjectStore.modifiedAt(written), contentHash: written.eTag)
    }

    /// The modification time a put reports: S3's clock when it answered (the `Date` header,
    /// whole seconds, as S3 records `Last-Modified`), or this host's clock when the answer had
    /// none. Not the lake clock: S3 stamps objects in real time. A HEAD would give S3's own stamp
    /// at the price of one more request per write.
    static func modifiedAt(_ written: S3PutResult) -> Date {
        let date = written.serverDate ?? Date()
        return Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    /// Reads a whole object; `.notFound` when it is missing.
    public func get(_ location: ObjectLocation) async throws -> Data {
        let (bucket, key) = try address(location)
        do {
            return try await client.getObject(bucket: bucket, key: key).0
        } catch let error as LakeError where error.httpStatus == 404 {
            throw notFound(location, error)
        }
    }

    /// Downloads the object into `directory` (streamed; the file appears whole) and returns the file.
    public func fetch(_ location: ObjectLocation, into directory: URL) async throws -> URL {
        let (bucket, key) = try address(location)
        let digest = Hex.sha256(uri(for: location)).prefix(12)
        let file = directory.appendingPathComponent("\(digest)-\(location.key.name)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try await client.downloadObject(bucket: bucket, key: key, to: file)
            return file
        } catch let error as LakeError where error.httpStatus == 404 {
            throw notFound(location, error)
        }
    }

    /// HEAD of the object, or nil when it is missing.
    public func head(_ location: ObjectLocation) async throws -> ObjectInfo? {
        let (bucket, key) = try address(location)
        guard let head = try await client.headObject(bucket: bucket, key: key) else { return nil }
        return ObjectInfo(location: location, size: head.size, modifiedAt: head.lastModified, contentHash: head.eTag)
    }

    /// One page of the zone's objects under `prefix`, in byte order; the token is the last key.
    public func list(zone: Zone, prefix: String, after token: String?, limit: Int) async throws -> ObjectPage {
        let bucket = layout.bucket(for: zone)
        let zonePrefix = layout.keyPrefix(for: zone)
        let excluded = layout.excludedPrefix(for: zone)
        let wanted = max(1, limit)
        var startAfter = token.map { zonePrefix + $0 }
        var objects: [ObjectInfo] = []
        var more = false
        repeat {
            let page = try await client.listObjects(
                bucket: bucket, prefix: zonePrefix + prefix, startAfter: startAfter, maxKeys: min(1000, wanted - objects.count))
            for summary in page.objects {
                let relative = String(summary.key.dropFirst(zonePrefix.count))
                if let excluded, relative.hasPrefix(excluded) { continue }
                guard let key = try? ObjectKey(relative) else { continue }
                objects.append(
                    ObjectInfo(
                        location: ObjectLocation(zone, key), size: summary.size, modifiedAt: summary.lastModified,
                        contentHash: summary.eTag))
            }
            more = page.nextContinuationToken != nil
            guard let last = page.objects.last?.key else { break }
            startAfter = last
            // Jump over the whole excluded range: every key in it sorts before `<prefix>0`
            // because '/' (0x2F) precedes '0' (0x30).
            if let excluded, last.hasPrefix(zonePrefix + excluded) {
                startAfter = zonePrefix + String(excluded.dropLast()) + "0"
            }
        } while more && objects.count < wanted
        return ObjectPage(objects: objects, nextToken: more && !objects.isEmpty ? objects.last?.location.key.rawValue : nil)
    }

    /// Deletes the object; a missing object is fine.
    public func delete(_ location: ObjectLocation) async throws {
        let (bucket, key) = try address(location)
        try await client.deleteObject(bucket: bucket, key: key)
    }

    /// `s3://bucket/key`.
    public func uri(for location: ObjectLocation) -> String {
        S3Client.uri(bucket: layout.bucket(for: location.zone), key: layout.keyPrefix(for: location.zone) + location.key.rawValue)
    }

    /// The bucket holding `zone`.
    public func container(of zone: Zone) -> String { layout.bucket(for: zone) }

    /// Creates the layout's buckets (idempotent); returns the names of those created.
    public func createBuckets() async throws -> [String] {
        var created: [String] = []
        for bucket in layout.buckets where try await client.createBucket(bucket) { created.append(bucket) }
        return created
    }

    private func notFound(_ location: ObjectLocation, _ error: LakeError) -> LakeError {
        LakeError(
            .notFound, "no object at \(uri(for: location))", hint: "check the key and zone",
            context: ["key": location.key.rawValue, "zone": location.zone.rawValue], underlying: error)
    }
}
