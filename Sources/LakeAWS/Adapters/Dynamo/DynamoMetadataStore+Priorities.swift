import Foundation
import LakeCore

extension DynamoMetadataStore {
    /// Upserts priority rows of `octagon-wlm-<env>` (keyed `name` = `<team>-<dataset>-<table>`,
    /// level in `priority` as the WLM extension stores it) in BatchWriteItem calls of 25.
    public func setPriorities(_ priorities: [TablePriority]) async throws {
        guard !priorities.isEmpty else { return }
        // A batch may not name one key twice; the last row for an id wins, as with single puts.
        var latest: [String: TablePriority] = [:]
        for row in priorities { latest[row.id] = row }
        let rows = latest.values.sorted { $0.id < $1.id }
        try await guarded(tables.wlm) {
            try await client.batchWrite(table: tables.wlm, rows.map { .put(PriorityItems.item($0)) })
        }
    }

    /// Deletes a priority row; a missing row is fine.
    public func deletePriority(id: String) async throws {
        try await guarded(tables.wlm) { _ = try await client.deleteItem(table: tables.wlm, key: ["name": .s(id)]) }
    }

    /// Every priority row, by id (a consistent scan: the table holds one row per prioritised table).
    public func priorities() async throws -> [TablePriority] {
        try await scan(tables.wlm, filter: nil, limit: nil)
            .map { item throws(LakeError) in try PriorityItems.priority(item, table: tables.wlm) }
            .sorted { $0.id < $1.id }
    }
}

/// Priority rows as DynamoDB items.
enum PriorityItems {
    static func item(_ row: TablePriority) -> DynamoItem {
        var w = DynamoItemWriter()
        w.string("name", row.id)
        w.string("team", row.team)
        w.string("dataset", row.dataset)
        w.string("table", row.table)
        w.string("priority", row.level)
        w.string("source", row.source.rawValue)
        w.date("updated_at", row.updatedAt)
        return w.item
    }

    /// Reads a row; rows written by the reference WLM hold only `name` and `priority`, so team,
    /// dataset and table fall back to the parts of `name` (none of them contains `-`).
    static func priority(_ item: DynamoItem, table: String) throws(LakeError) -> TablePriority {
        let r = DynamoItemReader(item: item, table: table)
        let parts = (r.optionalString("name") ?? "").split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        let named = parts.count == 3 ? parts : nil
        guard let source = TablePriority.Source(rawValue: r.optionalString("source") ?? TablePriority.Source.import.rawValue) else {
            throw LakeError(
                .metadata, "a row of \(table) has an unknown source", hint: "use config, cli or import, or delete the row",
                context: ["table": table])
        }
        func part(_ field: String, _ index: Int) throws(LakeError) -> String {
            if let value = r.optionalString(field) { return value }
            if let named { return named[index] }
            return try r.string(field)
        }
        return TablePriority(
            team: try part("team", 0), dataset: try part("dataset", 1), table: try part("table", 2), level: try r.string("priority"),
            source: source, updatedAt: r.optionalDate("updated_at") ?? Date(timeIntervalSince1970: 0))
    }
}
