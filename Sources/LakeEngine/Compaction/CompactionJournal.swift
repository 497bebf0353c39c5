import Foundation
import LakeCore

/// The journal of one partition's compaction, kept as a JSON object in the artifacts zone
/// (`_compaction/<id>.json`) on either backend. Its phase is the switch: while `writing`, the
/// new files are not in the metadata and a recovery deletes them; once `committed`, the new set
/// is the table's and a recovery finishes the swap (metadata rows, statistics, old files).
struct CompactionJournal: Sendable, Codable, Hashable {
    enum Phase: String, Codable, Sendable { case writing, committed }

    var id: String
    var team: String
    var dataset: String
    var table: String
    /// The folder below the table.
    var partition: String
    var inputs: [String]
    var outputs: [Output]
    var phase: Phase
    var startedAt: Date

    /// A file written, with what its metadata row needs.
    struct Output: Sendable, Codable, Hashable {
        var key: String
        var rows: Int64
    }

    static let prefix = "_compaction/"

    var location: ObjectLocation {
        get throws { ObjectLocation(.artifacts, try ObjectKey(Self.prefix + id + ".json")) }
    }

    func save(_ objects: any ObjectStore) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        _ = try await objects.put(try encoder.encode(self), at: try location)
    }

    func remove(_ objects: any ObjectStore) async throws {
        try await objects.delete(try location)
    }

    /// Every journal left behind, oldest first.
    static func all(_ objects: any ObjectStore) async throws -> [CompactionJournal] {
        var journals: [CompactionJournal] = []
        var token: String?
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        repeat {
            let page = try await objects.list(zone: .artifacts, prefix: prefix, after: token, limit: 1000)
            for info in page.objects where info.location.key.rawValue.hasSuffix(".json") {
                let data = try await objects.get(info.location)
                guard let journal = try? decoder.decode(CompactionJournal.self, from: data) else {
                    throw LakeError(
                        .metadata, "the compaction journal \(info.location.key) cannot be read",
                        hint: "inspect it: its inputs and outputs say which files of the partition are current", context: ["key": info.location.key.rawValue])
                }
                journals.append(journal)
            }
            token = page.nextToken
        } while token != nil
        return journals.sorted { $0.startedAt < $1.startedAt }
    }
}
