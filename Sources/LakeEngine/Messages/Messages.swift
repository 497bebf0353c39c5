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

/// Work for stage A: one raw object of a routed dataset.
public struct StageAMessage: Codable, Sendable, Hashable {
    public var key: String
    public var contentHash: String
    public var team: String
    public var dataset: String
    public var table: String

    /// The folders between the table (or dataset) folder and the file name in the raw key,
    /// e.g. `dt=2026-01-02/` for `sales/orders/events/dt=2026-01-02/part-0.json`; empty when
    /// the file sits directly in it. Stage keys keep them, so two raw files with the same name
    /// in different folders never overwrite each other's outputs.
    public var relativeFolder: String {
        var parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 3, parts[0] == team, parts[1] == dataset else { return "" }
        parts.removeFirst(2)
        if parts.first == table { parts.removeFirst() }
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
