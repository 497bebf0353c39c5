import Foundation
import LakeCore

/// Where the raw zone sits in an S3-style store: its bucket, the key prefix of the zone in that
/// bucket (`raw/` when one bucket holds every zone, empty with a bucket per zone), and the
/// prefixes inside that range that belong to other zones (`_artifacts/` in the raw bucket).
/// The catalog step uses it to turn the bucket and key of an S3 event into a raw key.
public struct RawZoneAddress: Sendable, Hashable {
    /// The raw zone's bucket.
    public var bucket: String
    /// The zone's key prefix in the bucket (empty, or ending in `/`).
    public var keyPrefix: String
    /// Key prefixes (full keys in the bucket) under `keyPrefix` that hold other zones.
    public var excludedPrefixes: [String]

    /// An address given outright.
    public init(bucket: String, keyPrefix: String, excludedPrefixes: [String] = []) {
        self.bucket = bucket
        self.keyPrefix = keyPrefix
        self.excludedPrefixes = excludedPrefixes
    }

    /// The address of `objects`' raw zone, read from the URIs it gives objects
    /// (`s3://<bucket>/<zone prefix><key>`, as the object-store port documents); nil for stores
    /// whose URIs are not `s3://` ones (the embedded store gets no S3 events).
    public init?(objects: any ObjectStore) {
        guard let raw = Self.root(of: .raw, in: objects) else { return nil }
        bucket = raw.bucket
        keyPrefix = raw.prefix
        excludedPrefixes = Zone.allCases.filter { $0 != .raw }.compactMap { zone -> String? in
            guard let other = Self.root(of: zone, in: objects), other.bucket == raw.bucket,
                  other.prefix.count > raw.prefix.count, other.prefix.hasPrefix(raw.prefix)
            else { return nil }
            return other.prefix
        }
    }

    /// The raw key of an object of `bucket` at `key` (decoded), or nil when it is not in the raw zone.
    public func rawKey(bucket: String, key: String) -> String? {
        guard bucket == self.bucket, key.hasPrefix(keyPrefix), !excludedPrefixes.contains(where: { key.hasPrefix($0) }) else {
            return nil
        }
        let relative = String(key.dropFirst(keyPrefix.count))
        return relative.isEmpty ? nil : relative
    }

    /// The bucket and key prefix of a zone, from the URI of a probe key in it.
    private static func root(of zone: Zone, in objects: any ObjectStore) -> (bucket: String, prefix: String)? {
        let probe = "swiftlake-probe"
        guard let key = try? ObjectKey(probe) else { return nil }
        let uri = objects.uri(for: ObjectLocation(zone, key))
        guard uri.hasPrefix("s3://"), uri.hasSuffix(probe) else { return nil }
        let path = uri.dropFirst("s3://".count).dropLast(probe.count)
        guard let slash = path.firstIndex(of: "/") else { return nil }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }
}
