import Foundation
import LakeCore

/// A raw table the partition job keeps registered: a table of lake.yaml with a `raw:` section.
public struct RawTableRef: Sendable, Hashable {
    /// Its dataset.
    public var dataset: DatasetRef
    /// Its lake.yaml settings.
    public var table: TableConfig
    /// Its format and layout.
    public var raw: RawTableConfig
    /// Its catalog database, `<org>_<app>_<env>_<team>_<dataset>_raw_db`.
    public var database: String
}

/// The raw tables' partition job (DESIGN §3.4): for every raw table, finds the partition
/// directories that exist under `raw/<team>/<dataset>/<table>/` (``PartitionDiscovery``),
/// compares them with the catalog's partitions (one paged read) and registers only the missing
/// ones, in calls of at most 100. Malformed directories are ignored and reported; partitions the
/// layout expects in the window but storage lacks are reported as missing. A run that finds
/// nothing new writes nothing. The table and its `_raw_db` database are created on first use,
/// with columns from lake.yaml or inferred from one file.
///
/// Raw partitions record values and location only (file count, rows and bytes stay 0): the job
/// never lists or reads files, which keeps it cheap.
public struct PartitionSyncJob: Sendable {
    /// Which tables, which window, and whether to write.
    public struct Request: Sendable, Hashable {
        /// Only this raw database.
        public var database: String?
        /// Only this table (`name` or `database.name`).
        public var table: String?
        /// Discover only partitions overlapping this window (nil: all), and expect partitions in it.
        public var window: PartitionWindow?
        /// Report what would be written without writing.
        public var dryRun: Bool

        /// Creates a request: every raw table, every partition, writing.
        public init(database: String? = nil, table: String? = nil, window: PartitionWindow? = nil, dryRun: Bool = false) {
            self.database = database
            self.table = table
            self.window = window
            self.dryRun = dryRun
        }
    }

    let env: LakeEnvironment
    let naming: CatalogNaming

    /// A job over the raw tables of `env.config`, writing to `env.catalog`.
    public init(env: LakeEnvironment) {
        self.env = env
        self.naming = CatalogNaming(config: env.config)
    }

    /// Every raw table of the config, by database then name.
    public var rawTables: [RawTableRef] {
        env.config.datasets.flatMap { dataset in
            dataset.tables.compactMap { table in
                table.raw.map { RawTableRef(dataset: dataset.ref, table: table, raw: $0, database: naming.rawDatabase(dataset.ref)) }
            }
        }.sorted { ($0.database, $0.table.name) < ($1.database, $1.table.name) }
    }

    /// The window partitions are expected in by default: `catalog.partition_sync` around today.
    public var defaultWindow: PartitionWindow {
        let sync = env.config.catalog.partitionSync
        return PartitionWindow.around(env.clock.now(), lookbackDays: sync.lookbackDays, lookaheadDays: sync.lookaheadDays)
    }

    /// Syncs the selected raw tables. Throws `.notFound` when the request names no raw table;
    /// a table that fails is reported with its error and the others carry on.
    public func run(_ request: Request) async throws -> PartitionSyncReport {
        let started = ContinuousClock.now
        let expected = request.window ?? defaultWindow
        var reports: [PartitionSyncTableReport] = []
        for ref in try select(request) {
            var report = PartitionSyncTableReport(
                database: ref.database, table: ref.table.name, dataset: ref.dataset.description, layout: ref.raw.partitionScheme, format: ref.raw.format)
            do {
                try await sync(ref, request: request, expected: expected, report: &report)
            } catch {
                report.error = (error as? LakeError)?.message ?? "\(error)"
                env.logger.error("partition sync failed", metadata: ["table": "\(ref.database).\(ref.table.name)", "error": "\(error)"])
            }
            reports.append(report)
        }
        return PartitionSyncReport(
            dryRun: request.dryRun, window: request.window, expectedWindow: expected, tables: reports,
            elapsedSeconds: (ContinuousClock.now - started).seconds)
    }

    /// The raw tables a request names.
    func select(_ request: Request) throws -> [RawTableRef] {
        var tables = rawTables
        let known = tables.map { "\($0.database).\($0.table.name)" }
        if let database = request.database {
            tables = tables.filter { $0.database == database }
            guard !tables.isEmpty else {
                throw LakeError(.notFound, "no raw tables in database '\(database)'", hint: Self.listing(known), context: ["database": database])
            }
        }
        if let table = request.table {
            tables = tables.filter { $0.table.name == table || "\($0.database).\($0.table.name)" == table }
            guard !tables.isEmpty else {
                throw LakeError(.notFound, "no raw table '\(table)'", hint: Self.listing(known), context: ["table": table])
            }
        }
        return tables
    }

    static func listing(_ known: [String]) -> String {
        known.isEmpty
            ? "no table has a `raw:` section in lake.yaml; add `raw: {format: json, partitions: \"dt={yyyy-MM-dd}\"}` to one"
            : "raw tables: " + known.joined(separator: ", ")
    }
}
