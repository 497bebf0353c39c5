import Foundation
import LakeCore

/// The contract of object metadata (`ObjectMetadataStore`): upserts keyed by id, deletes, queries by zone, dataset, prefix and limit, per-zone counts, row counts.
///
/// Each check writes rows whose ids, teams, slot groups and keys carry the fixture's
/// namespace, so checks can share one backend. Dates are whole seconds and compared to the
/// millisecond, so backends that store milliseconds pass.
public enum ObjectMetadataContract {
    /// Every check.
    public static func checks() -> [ContractCheck<any ObjectMetadataStore>] {
        typealias Check = ContractCheck<any ObjectMetadataStore>
        return [
            Check("object-upsert-is-idempotent-and-round-trips") { f in
                let t0 = wholeSecond(f.time.now())
                var record = object(f, .raw, "team/ds/my file.json", at: t0)
                try await f.subject.upsertObjects([record])
                try await f.subject.upsertObjects([record])
                try ensureEqual(try await f.subject.object(id: record.id).map(normalized), normalized(record), "object read back")
                record.size = 99
                record.executionId = "exec-1"
                record.pipelineStage = "stage-a"
                try await f.subject.upsertObjects([record])
                try ensureEqual(try await f.subject.object(id: record.id).map(normalized), normalized(record), "object after a second upsert")
                let all = try await f.subject.objects(matching: ObjectQuery(keyPrefix: prefix(f)))
                try ensureEqual(all.count, 1, "rows after upserting one object three times")
            },
            Check("object-upsert-of-one-id-twice-in-a-batch-keeps-the-last") { f in
                let t0 = wholeSecond(f.time.now())
                let first = object(f, .raw, "team/ds/twice.json", at: t0)
                var second = first
                second.size = 7
                try await f.subject.upsertObjects([first, second])
                try ensureEqual(try await f.subject.object(id: first.id)?.size, 7, "the later row of the batch wins")
                try ensureEqual(try await f.subject.objects(matching: ObjectQuery(keyPrefix: prefix(f))).count, 1, "rows after a batch naming one id twice")
            },
            Check("object-delete-is-idempotent") { f in
                let record = object(f, .stage, "team/ds/a.json", at: wholeSecond(f.time.now()))
                try await f.subject.upsertObjects([record])
                try await f.subject.deleteObject(id: record.id)
                try ensure(try await f.subject.object(id: record.id) == nil, "object still there after delete")
                try await f.subject.deleteObject(id: record.id)
                try ensure(try await f.subject.object(id: "\(record.id)-never") == nil, "object(id:) of a missing id must be nil")
            },
            Check("objects-query-by-zone-dataset-prefix-and-limit") { f in
                let t0 = wholeSecond(f.time.now())
                let team = "t" + f.namespace
                let records = [
                    object(f, .raw, "\(team)/sales/2026/a.json", at: t0, team: team, dataset: "sales"),
                    object(f, .raw, "\(team)/sales/2026/b.json", at: t0, team: team, dataset: "sales"),
                    object(f, .raw, "\(team)/salesx/c.json", at: t0, team: team, dataset: "salesx"),
                    object(f, .stage, "\(team)/sales/2026/a.json", at: t0, team: team, dataset: "sales"),
                    object(f, .raw, "\(team)/你好/😊.json", at: t0, team: team, dataset: "other"),
                ]
                try await f.subject.upsertObjects(records)
                let p = prefix(f)
                func keys(_ q: ObjectQuery) async throws -> Set<String> { Set(try await f.subject.objects(matching: q).map(\.key)) }
                try ensureEqual(
                    try await keys(ObjectQuery(zone: .raw, keyPrefix: p)), Set(records.filter { $0.zone == .raw }.map(\.key)), "raw objects")
                try ensureEqual(
                    try await keys(ObjectQuery(dataset: DatasetRef(team: team, dataset: "sales"))),
                    Set(records.filter { $0.dataset == "sales" }.map(\.key)), "objects of dataset sales")
                try ensureEqual(
                    try await keys(ObjectQuery(zone: .raw, keyPrefix: p + "\(team)/sales")),
                    Set(records.filter { $0.zone == .raw && $0.key.hasPrefix(p + "\(team)/sales") }.map(\.key)),
                    "prefix ending mid-segment")
                try ensureEqual(try await keys(ObjectQuery(keyPrefix: p + "\(team)/你好/")), Set([p + "\(team)/你好/😊.json"]), "unicode prefix")
                try ensureEqual(try await f.subject.objects(matching: ObjectQuery(keyPrefix: p, limit: 2)).count, 2, "limit")
            },
            Check("object-counts-per-zone", tags: [.readsGlobalTotals]) { f in
                let before = try await f.subject.objectCounts()
                let t0 = wholeSecond(f.time.now())
                try await f.subject.upsertObjects([
                    object(f, .raw, "a", at: t0), object(f, .raw, "b", at: t0), object(f, .analytics, "c", at: t0),
                ])
                let after = try await f.subject.objectCounts()
                try ensureEqual((after[.raw] ?? 0) - (before[.raw] ?? 0), 2, "new raw objects counted")
                try ensureEqual((after[.analytics] ?? 0) - (before[.analytics] ?? 0), 1, "new analytics objects counted")
                try ensureEqual((after[.stage] ?? 0) - (before[.stage] ?? 0), 0, "stage count unchanged")
            },
            Check("object-row-counts-round-trip") { f in
                let t0 = wholeSecond(f.time.now())
                var record = object(f, .analytics, "team/ds/events/dt=2026-11-22/part-1.parquet", at: t0)
                record.rows = 1_234_567_890_123
                try await f.subject.upsertObjects([record])
                try ensureEqual(try await f.subject.object(id: record.id)?.rows, 1_234_567_890_123, "rows read back by id")
                let listed = try await f.subject.objects(matching: ObjectQuery(zone: .analytics, keyPrefix: prefix(f) + "team/ds/events/"))
                try ensureEqual(listed.map(\.rows), [1_234_567_890_123], "rows read back by a prefix query")
                record.rows = nil
                try await f.subject.upsertObjects([record])
                try ensureEqual(try await f.subject.object(id: record.id).map { $0.rows == nil }, true, "rows after an upsert without them")
            },
        ]
    }
}
