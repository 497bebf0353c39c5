import Foundation

/// What one run of the partition job did (`lake partitions sync --json` prints it).
public struct PartitionSyncReport: Sendable, Codable {
    /// True when nothing was written (`--dry-run`): `added` lists what would have been.
    public var dryRun: Bool
    /// The window partitions were discovered in; nil when every partition was discovered.
    public var window: PartitionWindow?
    /// The window `missing` partitions were expected in.
    public var expectedWindow: PartitionWindow
    /// One entry per raw table, in database and table order.
    public var tables: [PartitionSyncTableReport]
    /// Wall-clock seconds the run took.
    public var elapsedSeconds: Double

    /// Partitions registered (or, dry, to register) over all tables.
    public var added: Int { tables.reduce(0) { $0 + $1.added.count } }
    /// Partitions found that were already registered.
    public var skipped: Int { tables.reduce(0) { $0 + $1.skipped } }
    /// Directories that are not partitions.
    public var malformed: Int { tables.reduce(0) { $0 + $1.malformed.count } }
    /// Catalog write calls made (tables, databases and batches of at most 100 partitions).
    public var writeCalls: Int { tables.reduce(0) { $0 + $1.writeCalls } }
    /// Tables that could not be synced.
    public var failed: Int { tables.filter { $0.error != nil }.count }

    enum CodingKeys: String, CodingKey {
        case dryRun, window, expectedWindow, tables, elapsedSeconds, added, skipped, malformed, writeCalls, failed
    }

    /// Encodes the stored fields and the totals.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(dryRun, forKey: .dryRun)
        try c.encode(window, forKey: .window)
        try c.encode(expectedWindow, forKey: .expectedWindow)
        try c.encode(tables, forKey: .tables)
        try c.encode(elapsedSeconds, forKey: .elapsedSeconds)
        try c.encode(added, forKey: .added)
        try c.encode(skipped, forKey: .skipped)
        try c.encode(malformed, forKey: .malformed)
        try c.encode(writeCalls, forKey: .writeCalls)
        try c.encode(failed, forKey: .failed)
    }

    /// Decodes the stored fields (totals are derived).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        dryRun = try c.decode(Bool.self, forKey: .dryRun)
        window = try c.decodeIfPresent(PartitionWindow.self, forKey: .window)
        expectedWindow = try c.decode(PartitionWindow.self, forKey: .expectedWindow)
        tables = try c.decode([PartitionSyncTableReport].self, forKey: .tables)
        elapsedSeconds = try c.decode(Double.self, forKey: .elapsedSeconds)
    }

    /// Creates a report.
    public init(dryRun: Bool, window: PartitionWindow?, expectedWindow: PartitionWindow, tables: [PartitionSyncTableReport], elapsedSeconds: Double) {
        self.dryRun = dryRun
        self.window = window
        self.expectedWindow = expectedWindow
        self.tables = tables
        self.elapsedSeconds = elapsedSeconds
    }
}

/// What the partition job did for one raw table.
public struct PartitionSyncTableReport: Sendable, Codable {
    /// A directory below the table that is not one of its partitions.
    public struct Malformed: Sendable, Codable, Hashable {
        /// Path below the table, ending in `/`.
        public var path: String
        /// Why it was ignored.
        public var reason: String
    }

    /// The raw database.
    public var database: String
    /// The table.
    public var table: String
    /// `team/dataset`.
    public var dataset: String
    /// The layout from lake.yaml (`dt={yyyy-MM-dd}`, `discover`).
    public var layout: String
    /// `json`, `csv` or `parquet`.
    public var format: String
    /// The partition keys, outermost first.
    public var keys: [String] = []
    /// True when the job created the catalog table (or, dry, would have).
    public var createdTable = false
    /// Partitions registered (or to register), as paths below the table: `dt=2026-11-22/`.
    public var added: [String] = []
    /// Partitions found that were already registered.
    public var skipped = 0
    /// Directories ignored, with the reason.
    public var malformed: [Malformed] = []
    /// Partitions the layout expects in the expected window that are not in storage (gaps).
    public var missing: [String] = []
    /// Catalog write calls made for this table.
    public var writeCalls = 0
    /// Directory listings made.
    public var listings = 0
    /// Why the table could not be synced, if it could not.
    public var error: String?

    /// Creates an empty report for a table.
    public init(database: String, table: String, dataset: String, layout: String, format: String) {
        self.database = database
        self.table = table
        self.dataset = dataset
        self.layout = layout
        self.format = format
    }
}
