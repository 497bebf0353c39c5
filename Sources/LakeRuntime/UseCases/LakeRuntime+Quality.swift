import Foundation
import LakeCore
import LakeEngine

extension LakeRuntime {
    /// Rule outcomes of the data-quality step (`lake dq results`), newest first.
    public func qualityResults(_ query: QualityResultQuery) async throws -> [QualityRuleRecord] {
        guard let store = env.quality else { return [] }
        return try await store.rules(matching: query)
    }

    /// A table's metric history (`lake dq metrics DB.TABLE`), oldest first.
    public func qualityMetrics(_ qualified: String, metric: String? = nil, column: String? = nil) async throws -> [QualityMetricRecord] {
        let (unit, table) = try qualityTable(qualified)
        guard let store = env.quality else { return [] }
        return try await store.metrics(dataset: "\(unit.ref.team)/\(unit.ref.dataset)", table: table, name: metric, column: column)
    }

    /// Local copies (or, on the embedded backend, the files themselves) of `DB.TABLE`'s Parquet
    /// files, for `lake dq check|profile|suggest` on a catalog table.
    public func qualityTableFiles(_ qualified: String, scratch: URL) async throws -> [URL] {
        let (unit, table) = try qualityTable(qualified)
        _ = try await CatalogLookup(catalog: env.catalog, naming: CatalogNaming(config: env.config)).table(qualified)
        let prefix = CatalogNaming.tablePrefix(unit.ref, table: table)
        let records = try await env.metadata.objects(matching: ObjectQuery(zone: .analytics, keyPrefix: prefix))
            .filter { $0.key.hasSuffix(".parquet") }.sorted { $0.key < $1.key }
        guard !records.isEmpty else {
            throw LakeError(.notFound, "table \(qualified) has no Parquet files", hint: "run the pipeline first (`lake process --until-idle`)")
        }
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        var files: [URL] = []
        for record in records { files.append(try await env.objects.fetch(ObjectLocation(.analytics, try ObjectKey(record.key)), into: scratch)) }
        return files
    }

    /// Puts the outputs an execution's failed quality rules held in quarantine back into their
    /// table (`lake dq release`); returns the keys released.
    public func releaseQuarantine(_ executionId: String) async throws -> [String] {
        try requireWritable("release quarantined files")
        guard let execution = try await env.metadata.execution(id: executionId) else {
            throw LakeError(.notFound, "no execution '\(executionId)'", hint: "`lake executions --stage b` lists them")
        }
        guard let unit = topology.sortedDatasets.first(where: { $0.ref.team == execution.team && $0.ref.dataset == execution.dataset }) else {
            throw LakeError(.notFound, "the dataset \(execution.team)/\(execution.dataset) of \(executionId) is not in lake.yaml")
        }
        return try await QualityQuarantine(env: env).release(executionId: executionId, dataset: unit)
    }

    /// The dataset whose analytics database is `DB`, and the table name, of `DB.TABLE`.
    private func qualityTable(_ qualified: String) throws -> (Topology.DatasetUnit, String) {
        let (database, table) = try CatalogLookup.split(qualified)
        let unit = try topology.dataset(ofAnalyticsDatabase: database, naming: CatalogNaming(config: env.config))
        return (unit, table)
    }
}
