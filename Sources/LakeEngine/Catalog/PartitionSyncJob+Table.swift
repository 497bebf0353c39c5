import Foundation
import LakeCore

extension PartitionSyncJob {
    /// Syncs one raw table, filling `report`.
    func sync(_ ref: RawTableRef, request: Request, expected: PartitionWindow, report: inout PartitionSyncTableReport) async throws {
        let context = ["database": ref.database, "table": ref.table.name]
        guard case .success(let scheme) = RawPartitionScheme.parse(ref.raw.partitionScheme) else {
            throw LakeError(.invalidConfig, "partition layout '\(ref.raw.partitionScheme)' is invalid", hint: "run `lake config validate`", context: context)
        }
        guard let format = TableFormat(rawValue: ref.raw.format) else {
            throw LakeError(.invalidConfig, "raw format '\(ref.raw.format)' is not json, csv or parquet", hint: "run `lake config validate`", context: context)
        }
        let root = CatalogNaming.tablePrefix(ref.dataset, table: ref.table.name)
        let discovery = PartitionDiscovery(objects: env.objects, root: root)
        let existing = try await env.catalog.table(database: ref.database, name: ref.table.name)
        let found: PartitionDiscovery.Result
        if let segments = scheme.segments {
            found = try await discovery.walk(scheme, segments: segments, window: request.window)
            if let granularity = scheme.granularity {
                let present = Set(found.partitions.map(\.path))
                report.missing = expected.dates(granularity: granularity).map(scheme.path(for:)).filter { !present.contains($0) }
            }
        } else {
            let known = existing.map { $0.partitionKeys.map(\.name) }.flatMap { $0.isEmpty ? nil : $0 }
            found = try await discovery.discover(knownKeys: known)
        }
        report.keys = found.keys
        report.listings = found.listings
        report.malformed = found.malformed.map { PartitionSyncTableReport.Malformed(path: $0.path, reason: $0.reason) }
        if let existing, !existing.partitionKeys.isEmpty || !found.partitions.isEmpty, existing.partitionKeys.map(\.name) != found.keys {
            throw LakeError(
                .schemaConflict,
                "the catalog table's partition keys [\(existing.partitionKeys.map(\.name).joined(separator: ", "))] differ from the layout's [\(found.keys.joined(separator: ", "))]",
                hint: "partition keys cannot change in place: restore the layout in lake.yaml, or register the table under a new name", context: context)
        }
        var registered: Set<[String]> = []
        if existing != nil {
            registered = Set(try await env.catalog.allPartitions(database: ref.database, table: ref.table.name).map(\.values))
        }
        let missing = found.partitions.filter { !registered.contains($0.values) }
        report.skipped = found.partitions.count - missing.count
        report.added = missing.map(\.path)
        guard !missing.isEmpty else { return }

        let now = env.clock.now()
        if existing == nil {
            report.createdTable = true
            let scratch = env.workDirectory.appendingPathComponent("partition-sync-\(env.ids.next())")
            defer { try? FileManager.default.removeItem(at: scratch) }
            guard let columns = try await RawTableColumns.resolve(
                table: ref.table, format: format, sampleUnder: missing.last.map { root + $0.path }, keys: found.keys,
                objects: env.objects, scratch: scratch)
            else {
                throw LakeError(.catalog, "cannot tell the columns of raw table \(ref.table.name): no schema in lake.yaml and no file to infer from",
                    hint: "declare tables.\(ref.table.name).schema in lake.yaml", context: context)
            }
            if !request.dryRun {
                if try await env.catalog.database(named: ref.database) == nil {
                    try await env.catalog.upsertDatabase(CatalogDatabase(name: ref.database, description: "SwiftLake raw tables of \(ref.dataset)", createdAt: now))
                    report.writeCalls += 1
                }
                var parameters = columns.parameters
                parameters["classification"] = format.rawValue
                parameters["typeOfData"] = "file"
                parameters["partitionLayout"] = ref.raw.partitionScheme
                parameters["schemaVersion"] = "1"
                let table = CatalogTable(
                    database: ref.database, name: ref.table.name, columns: columns.columns,
                    partitionKeys: found.keys.map { CatalogColumn(name: $0, type: "string") },
                    location: try CatalogNaming.location(of: root, zone: .raw, objects: env.objects), format: format,
                    parameters: parameters, createdAt: now, updatedAt: now)
                try await env.catalog.upsertTable(table, change: "created by the partition job with \(columns.columns.count) column(s) (\(columns.source))")
                report.writeCalls += 1
            }
        }
        guard !request.dryRun else { return }
        let partitions = try missing.map { partition in
            CatalogPartition(
                values: partition.values, location: try CatalogNaming.location(of: root + partition.path, zone: .raw, objects: env.objects),
                createdAt: now, updatedAt: now)
        }
        try await env.catalog.upsertAllPartitions(database: ref.database, table: ref.table.name, partitions)
        report.writeCalls += (partitions.count + 99) / 100
    }
}
