import Foundation
import LakeCore
import Logging

/// The crawler at the end of stage B (DESIGN §3.1 step 6): for every analytics table a batch
/// wrote, reads the new Parquet files' footers, merges their columns into the catalog table
/// (``SchemaMerge``; each change is a new schema version, the DataSchemas record quality checks
/// read), and refreshes the partitions the batch touched and the table's statistics.
///
/// Talks only to the ports. An incompatible type change under `schema_policy: fail` throws a
/// `.schemaConflict` ``LakeError`` naming the column and both types before anything is written,
/// so the execution fails with the catalog untouched; under `log` it is recorded and the new
/// type wins.
///
/// Statistics are exact and idempotent: a touched partition is recounted from the object
/// metadata of what is really under its prefix (per-file row counts stored by the executor,
/// a footer read for files without one), never incremented, so a retried batch that overwrites
/// its own files counts them once. Crawls of one dataset in this process take turns; across
/// processes, table writes are conditional on the schema version read, and each recount and
/// the table's summed statistics are checked after they are written.
public struct CatalogCrawler: StageBCrawler {
    let env: LakeEnvironment
    let naming: CatalogNaming
    let locks = KeyedLock()
    /// Attempts of a table write that keeps losing to other writers.
    static let maxAttempts = 5

    /// A crawler writing to `env.catalog`.
    public init(env: LakeEnvironment) {
        self.env = env
        self.naming = CatalogNaming(config: env.config)
    }

    /// Registers the batch's Parquet outputs; returns a summary such as
    /// `persons v2 (added column x (bigint)): 3 partition(s), 1200 row(s) written`.
    public func crawl(dataset: Topology.DatasetUnit, written: [WrittenObject], executionId: String) async throws -> String {
        let parquet = written.filter { $0.name.hasSuffix(".parquet") }
        let ignored = written.count - parquet.count
        let note = ignored > 0 ? "\(ignored) non-Parquet file(s) not catalogued" : nil
        guard !parquet.isEmpty else { return note ?? "" }
        let scratch = env.workDirectory.appendingPathComponent("crawl-\(executionId)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var scans: [TableScan] = []
        for (table, files) in Dictionary(grouping: parquet, by: \.table).sorted(by: { $0.key < $1.key }) {
            scans.append(try await TableScan.read(table: table, files: files, objects: env.objects, scratch: scratch))
        }
        let database = naming.analyticsDatabase(dataset.ref)
        let context = CrawlContext(database: database, dataset: dataset.config, executionId: executionId, scratch: scratch)
        let tables = scans
        let summaries = try await locks.withLock(database) { try await register(tables, context) }
        return (summaries + [note].compactMap { $0 }).joined(separator: "; ")
    }

    /// What every step of one crawl shares.
    struct CrawlContext: Sendable {
        var database: String
        var dataset: DatasetConfig
        var executionId: String
        var scratch: URL
        var logContext: [String: String] { ["database": database, "dataset": dataset.ref.description, "execution": executionId] }
    }

    /// Plans every table first (so a refused schema change writes nothing), then writes.
    func register(_ scans: [TableScan], _ context: CrawlContext) async throws -> [String] {
        var plans: [TablePlan] = []
        for scan in scans { plans.append(try await plan(scan, context)) }
        if try await env.catalog.database(named: context.database) == nil {
            try await env.catalog.upsertDatabase(CatalogDatabase(
                name: context.database, description: "SwiftLake analytics tables of \(context.dataset.ref)", createdAt: env.clock.now()))
        }
        var summaries: [String] = []
        for var plan in plans {
            var attempt = 1
            while try await !writeSchema(plan, context) {
                // Another process changed the table since it was read: merge again over its version.
                guard attempt < Self.maxAttempts else {
                    throw LakeError(
                        .conflict, "catalog table \(context.database).\(plan.scan.table) kept changing while the crawler wrote it",
                        hint: "the execution can be redriven: `lake redrive --dataset \(context.dataset.ref) --stage b`",
                        context: context.logContext)
                }
                attempt += 1
                plan = try await self.plan(plan.scan, context)
            }
            let partitions = try await refreshPartitions(plan, context)
            let totals = try await writeStatistics(plan, context)
            summaries.append(plan.summary(partitions: partitions, totals: totals))
        }
        return summaries
    }
}
