import Foundation
import LakeCore
import LakeFormats
import Logging

/// A table's merge, decided before anything is written.
struct TablePlan: Sendable {
    var scan: TableScan
    /// The catalog table as read (nil: new).
    var existing: CatalogTable?
    var merge: SchemaMerge
    var partitionKeys: [CatalogColumn]

    /// True when the table must be (re)written for its schema.
    var writesSchema: Bool { existing == nil || merge.changed }
    /// The schema version after the write.
    var version: Int { (existing?.schemaVersion ?? 0) + (writesSchema ? 1 : 0) }

    /// `persons v2 (added column x (bigint)): 3 partition(s), 1200 row(s) written`.
    func summary(partitions: Int, totals: TableTotals) -> String {
        var text = "\(scan.table) v\(version)"
        if writesSchema { text += " (\(merge.changes.joined(separator: "; ")))" }
        text += ": \(scan.rows) row(s) written"
        if !scan.partitionKeys.isEmpty { text += ", \(partitions) partition(s) refreshed" }
        return text + ", \(totals.rows) row(s) in \(totals.files) file(s) in all"
    }
}

extension CatalogCrawler {
    /// Reads the table and merges the scan into it; throws `.schemaConflict` for an
    /// incompatible change under `schema_policy: fail`, and for changed partition keys.
    func plan(_ scan: TableScan, _ context: CrawlContext) async throws -> TablePlan {
        let existing = try await env.catalog.table(database: context.database, name: scan.table)
        let qualified = "\(context.database).\(scan.table)"
        var errorContext = context.logContext
        errorContext["table"] = scan.table
        if let existing, existing.partitionKeys.map({ $0.name.lowercased() }) != scan.partitionKeys.map({ $0.lowercased() }) {
            throw LakeError(
                .schemaConflict,
                "the partition keys of table \(qualified) changed from [\(existing.partitionKeys.map(\.name).joined(separator: ", "))] to [\(scan.partitionKeys.joined(separator: ", "))]",
                hint: "a catalog table's partition keys cannot change in place: restore partition_by in lake.yaml, or write to a new table",
                context: errorContext)
        }
        let merge = existing.map { SchemaMerge.merge($0.columns, with: scan.columns) } ?? SchemaMerge.initial(scan.columns)
        let conflicts = scan.conflicts + merge.conflicts
        if !conflicts.isEmpty {
            let text = conflicts.map(\.description).joined(separator: "; ")
            switch context.dataset.schemaPolicy {
            case .fail:
                throw LakeError(
                    .schemaConflict,
                    "table \(qualified): \(text); incompatible with schema version \(existing?.schemaVersion ?? 0), nothing was catalogued",
                    hint: "fix the data or the table's schema in lake.yaml (or set schema_policy: log on dataset \(context.dataset.ref)), "
                        + "then `lake redrive --dataset \(context.dataset.ref) --stage b`",
                    context: errorContext)
            case .log:
                env.logger.warning("incompatible schema change recorded (schema_policy: log)", metadata: [
                    "table": "\(qualified)", "change": "\(text)",
                ])
            }
        }
        let keys = existing?.partitionKeys ?? scan.partitionKeys.map { key in
            CatalogColumn(name: key, type: partitionKeyType(key, dataset: context.dataset, table: scan.table))
        }
        return TablePlan(scan: scan, existing: existing, merge: merge, partitionKeys: keys)
    }

    /// The Hive type of a partition key: the declared type of a value-partition column in
    /// lake.yaml, else `string` (calendar parts are zero-padded text; inferred values vary).
    func partitionKeyType(_ key: String, dataset: DatasetConfig, table: String) -> String {
        guard let config = dataset.table(named: table),
              config.partitionBy.contains(where: { if case .column(let c) = $0 { return c.lowercased() == key.lowercased() } else { return false } }),
              let spec = config.schema.first(where: { $0.name.lowercased() == key.lowercased() }),
              let type = ColumnType(parsing: spec.type)?.hiveType
        else { return "string" }
        return type
    }

    /// Writes the merged columns when they changed (or the table is new), conditional on the
    /// version read. Returns false when another writer got there first.
    func writeSchema(_ plan: TablePlan, _ context: CrawlContext) async throws -> Bool {
        guard plan.writesSchema else { return true }
        let now = env.clock.now()
        let location = try CatalogNaming.location(
            of: CatalogNaming.tablePrefix(context.dataset.ref, table: plan.scan.table), zone: .analytics, objects: env.objects)
        var parameters = plan.existing?.parameters ?? [:]
        parameters["classification"] = "parquet"
        parameters["typeOfData"] = "file"
        parameters["schemaVersion"] = String(plan.version)
        if let codec = plan.scan.codec { parameters["compressionType"] = codec.lowercased() }
        let table = CatalogTable(
            database: context.database, name: plan.scan.table, columns: plan.merge.columns, partitionKeys: plan.partitionKeys,
            location: location, format: .parquet, classification: "parquet", parameters: parameters,
            schemaVersion: plan.version, createdAt: plan.existing?.createdAt ?? now, updatedAt: now)
        let change = plan.merge.changes.joined(separator: "; ")
        guard try await env.catalog.upsertTable(table, change: change, ifSchemaVersion: plan.existing?.schemaVersion) else { return false }
        try await env.metadata.recordEvent(EventRecord(
            id: env.ids.next(), at: now, kind: "catalog.schema-version",
            message: "\(context.database).\(plan.scan.table) v\(plan.version): \(change)",
            details: ["database": context.database, "table": plan.scan.table, "version": String(plan.version), "execution": context.executionId]))
        return true
    }
}
