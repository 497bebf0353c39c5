import Foundation
import LakeCore

/// What `lake compact` does: which partitions, how big the files it writes may grow, how many
/// small files a partition needs before it is worth rewriting, and whether to only plan.
public struct CompactionOptions: Sendable, Hashable {
    /// Only this partition, as its folder path (`year=2024/month=01`); nil: every partition.
    public var partition: String?
    /// Files at least this big are left alone; outputs grow up to it.
    public var targetSize: Int64
    /// A partition with fewer small files than this is left alone.
    public var minFiles: Int
    /// Plan only: nothing is written or deleted.
    public var dryRun: Bool

    public init(partition: String? = nil, targetSize: Int64 = 128 << 20, minFiles: Int = 4, dryRun: Bool = false) {
        self.partition = partition
        self.targetSize = targetSize
        self.minFiles = minFiles
        self.dryRun = dryRun
    }
}

/// What `lake compact` did to one table (its `--json` output).
public struct CompactionReport: Sendable, Hashable, Codable {
    /// One partition (or, unpartitioned, the table's folder).
    public struct Partition: Sendable, Hashable, Codable {
        /// The folder below the table (`year=2024/month=01`; empty when unpartitioned).
        public var partition: String
        /// `compacted`, `planned` (dry run), or `skipped` with a reason.
        public var status: String
        public var reason: String?
        public var filesBefore: Int
        public var filesAfter: Int
        public var rows: Int64
        public var bytesBefore: Int64
        public var bytesAfter: Int64
        /// Keys of the files rewritten (or that would be).
        public var inputs: [String]
        /// Keys of the files written.
        public var outputs: [String]
    }

    public var database: String
    public var table: String
    public var dryRun: Bool
    public var targetSize: Int64
    public var partitions: [Partition]
    /// Compactions a crash interrupted, finished or undone before this one began.
    public var recovered: [String]
    public var elapsedSeconds: Double
}
