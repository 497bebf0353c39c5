import Foundation
import LakeCore

/// The ``MetadataStore`` (Octagon) contract: upserts keyed as SDLF keys them, queries and
/// counts, slot-limited starts atomic under concurrency, one owner per claimed key, events.
///
/// Each check writes rows whose ids, teams, slot groups and keys carry the fixture's
/// namespace, so checks can share one backend. Dates are whole seconds and compared to the
/// millisecond, so backends that store milliseconds pass.
public enum MetadataStoreContract {
    /// Every check.
    public static func checks() -> [ContractCheck<any MetadataStore>] {
        objectChecks() + rowCountChecks() + registryChecks() + executionChecks() + slotChecks() + claimChecks() + wlmChecks()
    }

    typealias Check = ContractCheck<any MetadataStore>
    typealias Fixture = ContractFixture<any MetadataStore>

    static func objectChecks() -> [Check] {
        [
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
        ]
    }

    static func registryChecks() -> [Check] {
        [
            Check("dataset-upsert-round-trips") { f in
                let team = "t" + f.namespace
                var record = DatasetRecord(
                    team: team, name: "legislators", pipeline: "main", stageATransform: "sdlf_light_transform",
                    stageBTransform: "sdlf_heavy_transform", minItems: 1, maxItems: 100, updatedAt: wholeSecond(f.time.now()))
                try ensureEqual(record.id, "\(team)-legislators", "dataset id")
                try await f.subject.upsertDataset(record)
                record.maxItems = 50
                record.version = 2
                record.stageBTransform = nil
                try await f.subject.upsertDataset(record)
                try ensureEqual(try await f.subject.dataset(id: record.id).map(normalized), normalized(record), "dataset read back")
                let mine = try await f.subject.datasets().filter { $0.team == team }
                try ensureEqual(mine.map(normalized), [normalized(record)], "datasets listed after two upserts")
                try ensure(try await f.subject.dataset(id: "\(team)-none") == nil, "dataset(id:) of a missing id must be nil")
            },
            Check("pipeline-upsert-round-trips") { f in
                let team = "t" + f.namespace
                let t0 = wholeSecond(f.time.now())
                var a = PipelineRecord(team: team, pipeline: "main", stage: .a, updatedAt: t0)
                let b = PipelineRecord(team: team, pipeline: "main", stage: .b, status: .inactive, updatedAt: t0)
                try ensureEqual(a.id, "\(team)-main-stage-a", "pipeline id")
                try await f.subject.upsertPipeline(a)
                try await f.subject.upsertPipeline(b)
                a.lastExecutionId = "e1"
                a.lastExecutionDate = t0.addingTimeInterval(5)
                a.lastExecutionStatus = .completed
                a.lastExecutionDurationSeconds = 1.5
                try await f.subject.upsertPipeline(a)
                try ensureEqual(try await f.subject.pipeline(id: a.id).map(normalized), normalized(a), "pipeline read back")
                let mine = try await f.subject.pipelines().filter { $0.team == team }.sorted { $0.id < $1.id }
                try ensureEqual(mine.map(normalized), [normalized(a), normalized(b)], "pipelines listed")
            },
            Check("events-newest-first-by-kind") { f in
                let t0 = wholeSecond(f.time.now())
                let kind = "contract.\(f.namespace)"
                let events = (0..<3).map {
                    EventRecord(id: "\(f.namespace)-e\($0)", at: t0.addingTimeInterval(Double($0)), kind: kind, message: "event \($0)", details: ["n": "\($0)"])
                }
                for event in events { try await f.subject.recordEvent(event) }
                try await f.subject.recordEvent(events[0])
                let newest = try await f.subject.events(kind: kind, limit: 2)
                try ensureEqual(newest.map(\.id), [events[2].id, events[1].id], "newest two events of the kind")
                try ensureEqual(newest.first?.details, ["n": "2"], "event details")
                try ensureEqual(try await f.subject.events(kind: kind, limit: 10).count, 3, "events after recording one twice")
                try ensureEqual(try await f.subject.events(kind: "\(kind).none", limit: 10).count, 0, "events of another kind")
            },
        ]
    }

    static func prefix(_ f: Fixture) -> String { "contract-\(f.namespace)/" }

    static func object(
        _ f: Fixture, _ zone: Zone, _ key: String, at date: Date, team: String? = nil, dataset: String? = nil
    ) -> ObjectRecord {
        let fullKey = prefix(f) + key
        return ObjectRecord(
            id: "file:///contract/\(zone)/\(fullKey)", zone: zone, key: fullKey, bucket: "/contract/\(zone)", size: 42,
            lastModified: date, timestamp: date, contentHash: "abc123", team: team, dataset: dataset, table: "t1")
    }

    /// `date` truncated to whole seconds.
    static func wholeSecond(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }

    /// `date` rounded to milliseconds, for comparing what a backend read back.
    static func ms(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    static func normalized(_ r: ObjectRecord) -> ObjectRecord {
        var r = r
        r.lastModified = ms(r.lastModified)
        r.timestamp = ms(r.timestamp)
        return r
    }

    static func normalized(_ r: DatasetRecord) -> DatasetRecord {
        var r = r
        r.updatedAt = ms(r.updatedAt)
        return r
    }

    static func normalized(_ r: PipelineRecord) -> PipelineRecord {
        var r = r
        r.updatedAt = ms(r.updatedAt)
        r.lastExecutionDate = r.lastExecutionDate.map(ms)
        return r
    }

    static func normalized(_ r: ExecutionRecord) -> ExecutionRecord {
        var r = r
        r.startedAt = ms(r.startedAt)
        r.updatedAt = ms(r.updatedAt)
        r.endedAt = r.endedAt.map(ms)
        r.expiresAt = ms(r.expiresAt)
        r.history = r.history.map { HistoryEntry(status: $0.status, component: $0.component, at: ms($0.at)) }
        return r
    }
}
