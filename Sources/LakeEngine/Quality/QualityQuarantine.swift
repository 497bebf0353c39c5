import Foundation
import LakeCore

/// Holds a batch's outputs out of the table when its quality rules fail under
/// `on_failure: quarantine`, and puts them back when an operator releases them
/// (`lake dq release EXECUTION_ID`). Held files live in the analytics zone under
/// `_quarantine/<execution>/<original key>` (outside every table's prefix, so no reader that goes
/// through the catalog sees them), with a manifest of their metadata rows beside them.
public struct QualityQuarantine: Sendable {
    let env: LakeEnvironment

    public init(env: LakeEnvironment) { self.env = env }

    static func prefix(_ executionId: String) -> String { "_quarantine/\(executionId)/" }

    static func manifest(_ executionId: String) throws -> ObjectLocation {
        ObjectLocation(.analytics, try ObjectKey(prefix(executionId) + "manifest.json"))
    }

    /// Moves `records`' files under the quarantine prefix and drops their metadata rows; returns
    /// the original keys.
    public func hold(_ records: [ObjectRecord], executionId: String) async throws -> [String] {
        guard !records.isEmpty else { return [] }
        let scratch = env.workDirectory.appendingPathComponent("quarantine-\(executionId)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        // The manifest goes first: a crash half-way leaves files a release can still find.
        let document = try JSONEncoder().encode(records)
        let manifestFile = scratch.appendingPathComponent("manifest.json")
        try document.write(to: manifestFile)
        _ = try await env.objects.putFile(manifestFile, at: try Self.manifest(executionId), consume: true)
        for record in records {
            let from = ObjectLocation(.analytics, try ObjectKey(record.key))
            try await move(from, to: ObjectLocation(.analytics, try ObjectKey(Self.prefix(executionId) + record.key)), scratch: scratch)
            try await env.metadata.deleteObject(id: record.id)
        }
        return records.map(\.key)
    }

    /// Puts an execution's held files back under their keys, restores their metadata rows and
    /// registers them with the crawler; returns the keys released.
    public func release(executionId: String, dataset: Topology.DatasetUnit) async throws -> [String] {
        let scratch = env.workDirectory.appendingPathComponent("release-\(executionId)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let manifestLocation = try Self.manifest(executionId)
        guard try await env.objects.head(manifestLocation) != nil else {
            throw LakeError(
                .notFound, "execution \(executionId) has nothing in quarantine",
                hint: "`lake executions --id \(executionId)` shows its details; only executions whose quality rules failed under on_failure: quarantine hold files")
        }
        let local = try await env.objects.fetch(manifestLocation, into: scratch)
        let records: [ObjectRecord]
        do {
            records = try JSONDecoder().decode([ObjectRecord].self, from: Data(contentsOf: local))
        } catch {
            throw LakeError(.metadata, "the quarantine manifest of \(executionId) cannot be read", hint: "the file \(manifestLocation.key) may be damaged")
        }
        var written: [WrittenObject] = []
        var restored: [ObjectRecord] = []
        for var record in records {
            let held = ObjectLocation(.analytics, try ObjectKey(Self.prefix(executionId) + record.key))
            let original = ObjectLocation(.analytics, try ObjectKey(record.key))
            if try await env.objects.head(held) != nil {
                try await move(held, to: original, scratch: scratch)
            }
            guard let info = try await env.objects.head(original) else { continue }
            record.size = info.size
            record.lastModified = info.modifiedAt
            record.contentHash = info.contentHash
            record.timestamp = env.clock.now()
            restored.append(record)
            let tablePrefix = CatalogNaming.tablePrefix(dataset.ref, table: record.table ?? "")
            written.append(WrittenObject(info: info, table: record.table ?? "", name: String(record.key.dropFirst(tablePrefix.count)), rows: record.rows))
        }
        try await env.metadata.upsertObjects(restored)
        if !written.isEmpty { _ = try await CatalogCrawler(env: env).crawl(dataset: dataset, written: written, executionId: executionId) }
        try await env.objects.delete(manifestLocation)
        return restored.map(\.key)
    }

    private func move(_ from: ObjectLocation, to: ObjectLocation, scratch: URL) async throws {
        let local = try await env.objects.fetch(from, into: scratch)
        let copy = scratch.appendingPathComponent(UUID().uuidString)
        try FileManager.default.copyItem(at: local, to: copy)
        _ = try await env.objects.putFile(copy, at: to, consume: true)
        try await env.objects.delete(from)
        if local.standardizedFileURL.path.hasPrefix(scratch.standardizedFileURL.path) { try? FileManager.default.removeItem(at: local) }
    }
}
