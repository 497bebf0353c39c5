import Foundation
import LakeCore

/// A landing event on the catalog queue: an object appeared in or vanished from raw.
public struct LandingEvent: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable { case created, removed }
    public var kind: Kind
    public var key: String
    public var size: Int64?
    public var contentHash: String?
    public var at: Date
    public init(kind: Kind, key: String, size: Int64? = nil, contentHash: String? = nil, at: Date) {
        self.kind = kind
        self.key = key
        self.size = size
        self.contentHash = contentHash
        self.at = at
    }
}

/// Several landing events in one catalog-queue message: `lake ingest` sends one per chunk of
/// files it lands, so the catalog step receives, and the queue stores, one message instead of
/// one per file (as an S3 notification may hold several records).
public struct LandingEvents: Codable, Sendable, Hashable {
    public var events: [LandingEvent]
    public init(events: [LandingEvent]) { self.events = events }
}

/// Work for stage A: raw objects of one routed dataset, in landing order.
///
/// The catalog step puts objects that land together and go to the same queue into one message
/// (up to ``EngineTuning/stageAObjectsPerMessage``): a FIFO group (a dataset) hands out one
/// receive of at most 10 messages at a time, so this is what lets one dataset's stage A take
/// more than 10 objects per round. Each object is still its own execution. Messages of one
/// object written by older versions (`key`, `contentHash`, `table` at the top level) still read.
public struct StageAMessage: Codable, Sendable, Hashable {
    /// One raw object.
    public struct Object: Codable, Sendable, Hashable {
        public var key: String
        public var contentHash: String
        public var table: String
        public init(key: String, contentHash: String, table: String) {
            self.key = key
            self.contentHash = contentHash
            self.table = table
        }
    }

    public var team: String
    public var dataset: String
    /// At least one.
    public var objects: [Object]

    public init(team: String, dataset: String, objects: [Object]) {
        self.team = team
        self.dataset = dataset
        self.objects = objects
    }

    /// A message of one object.
    public init(key: String, contentHash: String, team: String, dataset: String, table: String) {
        self.init(team: team, dataset: dataset, objects: [Object(key: key, contentHash: contentHash, table: table)])
    }

    private enum CodingKeys: String, CodingKey { case team, dataset, objects, key, contentHash, table }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        team = try c.decode(String.self, forKey: .team)
        dataset = try c.decode(String.self, forKey: .dataset)
        if let objects = try c.decodeIfPresent([Object].self, forKey: .objects) {
            self.objects = objects
        } else {
            objects = [Object(
                key: try c.decode(String.self, forKey: .key), contentHash: try c.decode(String.self, forKey: .contentHash),
                table: try c.decode(String.self, forKey: .table))]
        }
        guard !objects.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .objects, in: c, debugDescription: "a stage-A message names no object")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(team, forKey: .team)
        try c.encode(dataset, forKey: .dataset)
        try c.encode(objects, forKey: .objects)
    }

    /// The FIFO deduplication id: the same objects at the same content routed again are dropped.
    public var deduplicationId: String {
        StableID.make(["stage-a"] + objects.flatMap { [$0.key, $0.contentHash] })
    }

    /// The folders between the table (or dataset) folder and the file name in `object`'s raw
    /// key, e.g. `dt=2026-01-02/` for `sales/orders/events/dt=2026-01-02/part-0.json`; empty
    /// when the file sits directly in it. Stage keys keep them, so two raw files with the same
    /// name in different folders never overwrite each other's outputs.
    public func relativeFolder(of object: Object) -> String {
        var parts = object.key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 3, parts[0] == team, parts[1] == dataset else { return "" }
        parts.removeFirst(2)
        if parts.first == object.table { parts.removeFirst() }
        parts.removeLast()
        return parts.isEmpty ? "" : parts.joined(separator: "/") + "/"
    }
}

/// Work for stage B: one stage-zone object.
public struct StageBMessage: Codable, Sendable, Hashable {
    public var key: String
    public var contentHash: String
    public var team: String
    public var dataset: String
    public var table: String
    /// When the key first entered a stage-B queue (for WLM aging and wait times).
    public var enqueuedAt: Date

    /// The claim key: a key at one content version is processed by one execution.
    public var claimKey: String { "\(key)#\(contentHash)" }
}

/// What a failed stage-B execution leaves in the stage-B dead-letter queue.
public struct StageBFailure: Codable, Sendable, Hashable {
    public var executionId: String
    public var team: String
    public var dataset: String
    /// Stage-zone keys of the batch; redrive reads each object's current content hash.
    public var keys: [String]
    public var error: String
}

enum MessageCodec {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .millisecondsSince1970
        e.outputFormatting = [.sortedKeys]
        return e
    }()
    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .millisecondsSince1970
        return d
    }()

    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
    static func decode<T: Decodable>(_ type: T.Type, _ body: String, queue: QueueName) throws -> T {
        do {
            return try decoder.decode(type, from: Data(body.utf8))
        } catch {
            throw LakeError(
                .queue, "a message on \(queue) is not a valid \(type)", hint: "it was probably sent by another tool; inspect and delete it",
                context: ["queue": queue.rawValue], underlying: SendableErrorBox(error))
        }
    }
}
