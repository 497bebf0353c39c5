/// What one scan measured about one column: the values every column rule and the profile read.
/// Fields a scan was not asked for, or that do not apply to the column's type, are nil.
public struct ColumnMetrics: Sendable, Codable, Equatable {
    public var name: String
    /// The column's type as `lake schema` prints it.
    public var type: String
    public var rows: Int
    /// Rows whose value is present.
    public var present: Int
    public var completeness: Double { rows == 0 ? 1 : Double(present) / Double(rows) }

    /// Distinct present values: exact, or a HyperLogLog estimate when the column had more values
    /// than ``AnalysisOptions/exactFrequencyLimit`` (then `distinctError` is its relative standard error).
    public var distinct: Double?
    public var distinctError: Double?
    /// Present values that occur exactly once (exact counts only).
    public var uniqueValues: Int?
    /// Why the frequency metrics (uniqueness, unique value ratio, entropy) are missing, when asked for.
    public var frequencyNote: String?

    public var minimum: Double?
    public var maximum: Double?
    public var sum: Double?
    public var mean: Double?
    /// Population standard deviation (Deequ's and Glue Data Quality's definition).
    public var standardDeviation: Double?
    /// Shortest and longest value in characters (text columns).
    public var minLength: Int?
    public var maxLength: Int?
    /// The most frequent values with their counts (profiles; only while the column has few distinct values).
    public var topValues: [ValueCount]?
    /// Shannon entropy (natural log) of the value distribution, over all rows as Deequ does.
    public var entropy: Double?

    /// Unique values over all rows (Deequ's Uniqueness).
    public var uniqueness: Double? { uniqueValues.map { rows == 0 ? 1 : Double($0) / Double(rows) } }
    /// Unique values over distinct values (Deequ's UniqueValueRatio).
    public var uniqueValueRatio: Double? {
        guard let uniqueValues, distinctError == nil, let distinct else { return nil }
        return distinct == 0 ? 1 : Double(uniqueValues) / distinct
    }
}

/// A value and how many rows hold it.
public struct ValueCount: Sendable, Codable, Equatable {
    public var value: String
    public var count: Int
}
