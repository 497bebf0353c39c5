/// What a rule type takes in DQDL: its columns, whether it needs a condition, which operands that
/// condition may use, and whether `with threshold` applies. The parser checks rules against it.
struct DQDLRuleShape: Sendable {
    /// How many quoted column names follow the rule type.
    enum Columns: Sendable, Equatable {
        case none, one, two, oneOrMore
        /// `DetectAnomalies`: a metric's rule type name, then that metric's columns.
        case metric

        /// The exact count, when there is one.
        var count: Int? {
            switch self {
            case .none: 0
            case .one: 1
            case .two: 2
            case .oneOrMore, .metric: nil
            }
        }
    }

    /// Which operands a rule's condition may use.
    enum Operands: Sendable, Equatable {
        /// Numbers only (metrics such as `RowCount`, `Completeness`, `ColumnLength`).
        case numbers
        /// Anything but a bare duration (`ColumnValues`); `matches` allowed.
        case values
        /// `= "TYPE"` or `in ["TYPE", ...]` (`ColumnDataType`).
        case typeNames
        /// Bare durations such as `24 hours` (`DataFreshness`).
        case durations
    }

    let type: RuleType
    let columns: Columns
    let needsCondition: Bool
    let operands: Operands
    let acceptsThreshold: Bool

    init(_ type: RuleType) {
        self.type = type
        switch type {
        case .rowCount, .columnCount: columns = .none
        case .columnCorrelation: columns = .two
        case .isPrimaryKey: columns = .oneOrMore
        case .detectAnomalies: columns = .metric
        default: columns = .one
        }
        switch type {
        case .columnExists, .isComplete, .isUnique, .isPrimaryKey, .detectAnomalies: needsCondition = false
        default: needsCondition = true
        }
        switch type {
        case .columnValues: operands = .values
        case .columnDataType: operands = .typeNames
        case .dataFreshness: operands = .durations
        default: operands = .numbers
        }
        acceptsThreshold = [.columnValues, .columnLength, .dataFreshness].contains(type)
    }

    /// Rule types that produce a single number: what `DetectAnomalies` can watch and what
    /// `Analyzers = [ ... ]` can compute.
    static let metricTypes: [RuleType] = [
        .rowCount, .columnCount, .completeness, .uniqueness, .uniqueValueRatio, .distinctValuesCount,
        .mean, .sum, .standardDeviation, .entropy, .columnLength, .columnCorrelation,
    ]

    var isMetric: Bool { Self.metricTypes.contains(type) }

    /// AWS rule types SwiftLake knows of but does not evaluate.
    static let unsupportedAWSTypes: Set<String> = [
        "AggregateMatch", "AllStatistics", "ColumnNamesMatchPattern", "CustomSql", "CustomSQL", "DatasetMatch",
        "FileFreshness", "FileMatch", "FileSize", "FileUniqueness", "ReferentialIntegrity", "RowCountMatch",
        "SchemaMatch",
    ]

    /// A well-formed rule of this type, for hints.
    var example: String {
        switch type {
        case .rowCount: "RowCount > 0"
        case .columnCount: "ColumnCount = 5"
        case .columnExists: "ColumnExists \"id\""
        case .columnDataType: "ColumnDataType \"id\" = \"INTEGER\""
        case .isComplete: "IsComplete \"id\""
        case .completeness: "Completeness \"id\" > 0.95"
        case .isUnique: "IsUnique \"id\""
        case .isPrimaryKey: "IsPrimaryKey \"id\""
        case .uniqueness: "Uniqueness \"id\" > 0.95"
        case .uniqueValueRatio: "UniqueValueRatio \"id\" > 0.5"
        case .distinctValuesCount: "DistinctValuesCount \"country\" > 3"
        case .columnValues: "ColumnValues \"country\" in [\"US\", \"DE\"]"
        case .columnLength: "ColumnLength \"zip\" = 5"
        case .mean: "Mean \"price\" between 10 and 20"
        case .sum: "Sum \"amount\" > 0"
        case .standardDeviation: "StandardDeviation \"price\" < 5"
        case .entropy: "Entropy \"category\" > 1"
        case .columnCorrelation: "ColumnCorrelation \"height\" \"weight\" > 0.8"
        case .dataFreshness: "DataFreshness \"updated_at\" <= 24 hours"
        case .detectAnomalies: "DetectAnomalies \"Completeness\" \"id\""
        }
    }

    /// Why a rule of this type takes no condition, and what to use instead.
    var noConditionHint: String? {
        switch type {
        case .isComplete: "use Completeness \"col\" > 0.95 to allow some missing values"
        case .isUnique: "use Uniqueness \"col\" > 0.95 to allow some duplicates"
        case .detectAnomalies: "DetectAnomalies compares against history; tune it with options such as with strategy = ..."
        default: "e.g. \(example)"
        }
    }
}

/// Spelling suggestions for unknown names.
enum DQDLSuggestion {
    /// The candidate closest to `word` within `maxDistance` edits (a case-insensitive match wins),
    /// or nil when none is close enough to be a plausible typo.
    static func closest(to word: String, among candidates: [String], maxDistance: Int = 3) -> String? {
        if let same = candidates.first(where: { $0.lowercased() == word.lowercased() }) { return same }
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = levenshtein(word, candidate)
            guard distance <= maxDistance, distance < word.count else { continue }
            if distance < best?.distance ?? Int.max { best = (candidate, distance) }
        }
        return best?.name
    }

    /// Edits (insertions, deletions, substitutions) to turn `a` into `b`.
    static func levenshtein(_ a: String, _ b: String) -> Int {
        let left = Array(a), right = Array(b)
        guard !left.isEmpty else { return right.count }
        guard !right.isEmpty else { return left.count }
        var previous = Array(0...right.count)
        var current = previous
        for i in 1...left.count {
            current[0] = i
            for j in 1...right.count {
                let substitution = previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[right.count]
    }
}
