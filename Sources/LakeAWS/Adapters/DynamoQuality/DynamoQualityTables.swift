/// The data-quality repository's DynamoDB tables for one environment, named as SDLF's Octagon
/// names its data-quality tables: `octagon-DataQualityAnalysis-<env>` (metrics) and
/// `octagon-DataQualityResults-<env>` (rule outcomes).
///
/// - metrics: partition `series` (`<dataset>#<table>`), sort `sk`
///   (`<epoch millis, 15 digits>#<name>#<column>#<sequence>#<random>`), so a Query on one table's
///   partition returns its history in time order.
/// - rule outcomes: partition `dataset`, sort `sk` (`<epoch millis, 15 digits>#<sequence>#<random>`),
///   and the GSI ``executionIndex`` on `executionId` + `sk` for one execution's outcomes.
public struct DynamoQualityTables: Sendable, Hashable {
    /// DataQualityAnalysis: one item per metric, keyed `series` + `sk`.
    public var metrics: String
    /// DataQualityResults: one item per rule outcome, keyed `dataset` + `sk`, indexed by execution.
    public var results: String

    /// The GSI of ``results`` on `executionId` (partition) + `sk` (sort).
    public static let executionIndex = "by-execution"

    /// The tables of `environment`.
    public init(environment: String) {
        metrics = "octagon-DataQualityAnalysis-\(environment)"
        results = "octagon-DataQualityResults-\(environment)"
    }

    /// What to create (on-demand billing, string keys); also what `lake aws bootstrap` may add.
    public var specs: [DynamoTableSpec] {
        [
            DynamoTableSpec(name: metrics, keys: [.partition("series"), .sort("sk")]),
            DynamoTableSpec(
                name: results, keys: [.partition("dataset"), .sort("sk")],
                indexes: [DynamoIndex(name: Self.executionIndex, keys: [.partition("executionId"), .sort("sk")])]),
        ]
    }
}
