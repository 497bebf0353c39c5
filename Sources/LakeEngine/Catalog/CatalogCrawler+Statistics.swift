import Foundation
import LakeCore

/// Files, rows and bytes of a table or partition, with a fingerprint of the files counted.
struct TableTotals: Sendable, Hashable {
    var files = 0
    var rows: Int64 = 0
    var bytes: Int64 = 0
    /// `key size hash` of each file counted, in key order: a recount that sees the same
    /// fingerprint saw the same files.
    var fingerprint: [String] = []
}

extension CatalogCrawler {
    /// Recounts every partition the batch touched from what is under its prefix and upserts
    /// them in calls of at most 100. A partition whose files changed while it was counted (a
    /// concurrent writer in another process) is counted again. Returns how many were written.
    func refreshPartitions(_ plan: TablePlan, _ context: CrawlContext) async throws -> Int {
        let prefix = CatalogNaming.tablePrefix(context.dataset.ref, table: plan.scan.table)
        var pending = plan.scan.partitions
        for _ in 0..<3 where !pending.isEmpty {
            let now = env.clock.now()
            var counted: [TableScan.Partition: TableTotals] = [:]
            var partitions: [CatalogPartition] = []
            for partition in pending {
                let totals = try await count(prefix: prefix + partition.path, context)
                counted[partition] = totals
                partitions.append(CatalogPartition(
                    values: partition.values,
                    location: try CatalogNaming.location(of: prefix + partition.path, zone: .analytics, objects: env.objects),
                    fileCount: totals.files, rowCount: totals.rows, sizeBytes: totals.bytes, createdAt: now, updatedAt: now))
            }
            try await env.catalog.upsertAllPartitions(database: context.database, table: plan.scan.table, partitions)
            var changed: [TableScan.Partition] = []
            for partition in pending {
                let again = try await count(prefix: prefix + partition.path, context, footers: false)
                if again.fingerprint != counted[partition]?.fingerprint { changed.append(partition) }
            }
            pending = changed
        }
        return plan.scan.partitions.count
    }

    /// Sums the table's partitions (or, unpartitioned, its files) into its parameters
    /// `recordCount`, `sizeKey`, `numFiles`, over the latest stored version of the table.
    ///
    /// The sum is taken again after it is written: a crawler in another process may have
    /// added partitions after this one summed and written its own sum first, which this write
    /// would then undo (the table a batch short). A sum that moved is written again.
    func writeStatistics(_ plan: TablePlan, _ context: CrawlContext) async throws -> TableTotals {
        var totals = try await tableTotals(plan, context)
        for _ in 0..<Self.maxAttempts {
            guard var table = try await env.catalog.table(database: context.database, name: plan.scan.table) else {
                throw LakeError(.notFound, "catalog table \(context.database).\(plan.scan.table) vanished while the crawler wrote it",
                    hint: "redrive the execution", context: context.logContext)
            }
            table.parameters["recordCount"] = String(totals.rows)
            table.parameters["sizeKey"] = String(totals.bytes)
            table.parameters["numFiles"] = String(totals.files)
            table.parameters["schemaVersion"] = String(table.schemaVersion)
            table.updatedAt = env.clock.now()
            guard try await env.catalog.upsertTable(table, change: "statistics", ifSchemaVersion: table.schemaVersion) else {
                continue
            }
            let again = try await tableTotals(plan, context)
            if again.files == totals.files && again.rows == totals.rows && again.bytes == totals.bytes { return totals }
            totals = again
        }
        throw LakeError(.conflict, "catalog table \(context.database).\(plan.scan.table) kept changing while its statistics were written",
            hint: "redrive the execution", context: context.logContext)
    }

    /// The table's files, rows and bytes: its partitions summed, or its files counted when it
    /// has no partition keys.
    private func tableTotals(_ plan: TablePlan, _ context: CrawlContext) async throws -> TableTotals {
        guard !plan.scan.partitionKeys.isEmpty else {
            return try await count(prefix: CatalogNaming.tablePrefix(context.dataset.ref, table: plan.scan.table), context)
        }
        var totals = TableTotals()
        for partition in try await env.catalog.allPartitions(database: context.database, table: plan.scan.table) {
            totals.files += partition.fileCount
            totals.rows += partition.rowCount
            totals.bytes += partition.sizeBytes
        }
        return totals
    }

    /// Counts the Parquet files under `prefix` from their object metadata; a file without a
    /// recorded row count has its footer read (unless `footers` is false: fingerprint only).
    func count(prefix: String, _ context: CrawlContext, footers: Bool = true) async throws -> TableTotals {
        var totals = TableTotals()
        for record in try await env.metadata.objects(matching: ObjectQuery(zone: .analytics, keyPrefix: prefix))
        where record.key.hasSuffix(".parquet") {
            totals.files += 1
            totals.bytes += record.size
            totals.fingerprint.append("\(record.key) \(record.size) \(record.contentHash)")
            guard footers else { continue }
            if let rows = record.rows {
                totals.rows += rows
            } else {
                let location = ObjectLocation(.analytics, try ObjectKey(record.key))
                totals.rows += try await ParquetFooter.read(location, objects: env.objects, scratch: context.scratch).rows
            }
        }
        return totals
    }
}
