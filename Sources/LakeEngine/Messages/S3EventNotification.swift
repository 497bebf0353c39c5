import Foundation
import LakeCore

/// The body S3 sends to a queue for bucket events (event structure version 2.x): one or more
/// records, each naming the event, the bucket and the object. Keys arrive URL-encoded the way
/// HTML forms encode them (`+` for a space, `%XX` for other bytes).
///
/// ```json
/// {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","eventTime":"2026-11-22T10:00:00.000Z",
///   "eventName":"ObjectCreated:Put",
///   "s3":{"bucket":{"name":"acme-lake-dev-raw"},"object":{"key":"sales/orders/a+b.json","size":120,"eTag":"0123..."}}}]}
/// ```
///
/// When a notification is first configured, S3 sends a test message instead
/// (`{"Service":"Amazon S3","Event":"s3:TestEvent",...}`), which carries no records.
public struct S3EventNotification: Decodable, Sendable, Hashable {
    /// One event.
    public struct Record: Decodable, Sendable, Hashable {
        /// `ObjectCreated:Put`, `ObjectRemoved:Delete`, `LifecycleExpiration:Delete`...
        public var eventName: String
        /// When S3 saw the event (ISO 8601 with milliseconds).
        public var eventTime: String?
        /// The bucket and the object.
        public var s3: Entity
    }

    /// The `s3` part of a record.
    public struct Entity: Decodable, Sendable, Hashable {
        /// The bucket, by name.
        public var bucket: Bucket
        /// The object.
        public var object: Object
    }

    /// A bucket.
    public struct Bucket: Decodable, Sendable, Hashable {
        /// Its name.
        public var name: String
    }

    /// An object: its URL-encoded key, and for created objects its size and ETag.
    public struct Object: Decodable, Sendable, Hashable {
        /// The key, URL-encoded (`+` for a space).
        public var key: String
        /// Bytes (absent on removals).
        public var size: Int64?
        /// The ETag without quotes (absent on removals).
        public var eTag: String?
    }

    /// The records (none in a test event).
    public var records: [Record]

    enum CodingKeys: String, CodingKey {
        case records = "Records"
    }

    /// Decodes `Records` when present; a body without them decodes with no records.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        records = try container.decodeIfPresent([Record].self, forKey: .records) ?? []
    }

    /// The decoded key: `+` becomes a space, then percent escapes are decoded. Nil when the
    /// escapes are malformed.
    public static func decodeKey(_ encoded: String) -> String? {
        encoded.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// The landing events of the records that concern `raw`: created and removed objects of the
    /// raw zone's bucket under its key prefix, outside the ranges other zones occupy. Records of
    /// other buckets, directory placeholders (keys ending in `/`) and other event kinds are
    /// left out. `now` stamps records whose event time cannot be read.
    public func landingEvents(raw: RawZoneAddress, now: Date) -> [LandingEvent] {
        records.compactMap { record -> LandingEvent? in
            let kind: LandingEvent.Kind
            if record.eventName.hasPrefix("ObjectCreated:") {
                kind = .created
            } else if record.eventName.hasPrefix("ObjectRemoved:") || record.eventName.hasPrefix("LifecycleExpiration:Delete") {
                kind = .removed
            } else {
                return nil
            }
            guard let key = Self.decodeKey(record.s3.object.key), !key.hasSuffix("/"),
                  let rawKey = raw.rawKey(bucket: record.s3.bucket.name, key: key)
            else { return nil }
            let at = record.eventTime.flatMap(Self.parseTime) ?? now
            if kind == .removed { return LandingEvent(kind: .removed, key: rawKey, at: at) }
            return LandingEvent(kind: .created, key: rawKey, size: record.s3.object.size, contentHash: record.s3.object.eTag, at: at)
        }
    }

    /// `2026-11-22T10:00:00.123Z` or without fractional seconds.
    static func parseTime(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }
}
