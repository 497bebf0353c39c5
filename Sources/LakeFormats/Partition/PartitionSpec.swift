/// How rows are split into Hive-style partition directories (`key=value/...`).
public struct PartitionSpec: Sendable, Hashable {
    /// Calendar parts of a timestamp or date column.
    public enum TimeGranularity: String, Sendable, Hashable, CaseIterable {
        /// `year=YYYY`
        case year
        /// `year=YYYY/month=MM`
        case month
        /// `year=YYYY/month=MM/day=DD`
        case day
        /// `year=YYYY/month=MM/day=DD/hour=HH`
        case hour
    }

    /// What the directory level is made from.
    public enum Kind: Sendable, Hashable {
        /// The column's value: `column=value`. The column is not stored in the files (Hive
        /// convention); readers add it back from the path.
        case value
        /// The UTC calendar parts of a timestamp or date column, zero-padded:
        /// `year=2026/month=11/day=22/hour=07`. The column itself stays in the files.
        case time(TimeGranularity)
    }

    /// The source column.
    public var column: String
    /// Value or calendar parts.
    public var kind: Kind

    /// Partition by a column's value.
    public static func value(_ column: String) -> PartitionSpec { PartitionSpec(column: column, kind: .value) }

    /// Partition by the calendar parts of a timestamp or date column.
    public static func time(_ column: String, _ granularity: TimeGranularity) -> PartitionSpec {
        PartitionSpec(column: column, kind: .time(granularity))
    }

    /// Creates a spec.
    public init(column: String, kind: Kind) {
        self.column = column
        self.kind = kind
    }

    /// The directory keys this spec produces, outermost first.
    public var keys: [String] {
        switch kind {
        case .value: return [column]
        case .time(let g):
            let all = ["year", "month", "day", "hour"]
            let count = TimeGranularity.allCases.firstIndex(of: g).map { $0 + 1 } ?? 1
            return Array(all.prefix(count))
        }
    }
}
