import Foundation
import LakeCore

// Helpers the metadata contract suites share: rows named after the fixture's namespace, and
// dates normalised to what every backend keeps (milliseconds).

func prefix<S>(_ f: ContractFixture<S>) -> String { "contract-\(f.namespace)/" }

func object<S>(
    _ f: ContractFixture<S>, _ zone: Zone, _ key: String, at date: Date, team: String? = nil, dataset: String? = nil
) -> ObjectRecord {
    let fullKey = prefix(f) + key
    return ObjectRecord(
        id: "file:///contract/\(zone)/\(fullKey)", zone: zone, key: fullKey, bucket: "/contract/\(zone)", size: 42,
        lastModified: date, timestamp: date, contentHash: "abc123", team: team, dataset: dataset, table: "t1")
}

/// `date` truncated to whole seconds.
func wholeSecond(_ date: Date) -> Date {
    Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
}

/// `date` rounded to milliseconds, for comparing what a backend read back.
func ms(_ date: Date) -> Date {
    Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
}

func normalized(_ r: ObjectRecord) -> ObjectRecord {
    var r = r
    r.lastModified = ms(r.lastModified)
    r.timestamp = ms(r.timestamp)
    return r
}

func normalized(_ r: DatasetRecord) -> DatasetRecord {
    var r = r
    r.updatedAt = ms(r.updatedAt)
    return r
}

func normalized(_ r: PipelineRecord) -> PipelineRecord {
    var r = r
    r.updatedAt = ms(r.updatedAt)
    r.lastExecutionDate = r.lastExecutionDate.map(ms)
    return r
}

func normalized(_ r: ExecutionRecord) -> ExecutionRecord {
    var r = r
    r.startedAt = ms(r.startedAt)
    r.updatedAt = ms(r.updatedAt)
    r.endedAt = r.endedAt.map(ms)
    r.expiresAt = ms(r.expiresAt)
    r.history = r.history.map { HistoryEntry(status: $0.status, component: $0.component, at: ms($0.at)) }
    return r
}
func execution<S>(
    _ f: ContractFixture<S>, _ name: String, at date: Date, dataset: String = "ds", stage: PipelineStage = .a, slotGroup: String? = nil,
    ttl: Duration = ExecutionRecord.defaultTTL
) -> ExecutionRecord {
    let team = "t" + f.namespace
    return ExecutionRecord(
        id: "\(f.namespace)-\(name)", pipeline: "\(team)-main", stage: stage, team: team, dataset: dataset, startedAt: date,
        inputKeys: ["\(team)/\(dataset)/in 1.json", "\(team)/\(dataset)/你好.json"], slotGroup: slotGroup, ttl: ttl)
}
