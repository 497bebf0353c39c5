/// Data-quality rules of a table (or of every table of a dataset): DQDL text checked at the end
/// of stage B, what a failing error-level rule does, and which data the rules look at.
public struct QualityConfig: Sendable, Hashable {
    /// The DQDL document (`Rules = [ ... ]`), inline or read from `file:` when the config loads.
    public var rules: String
    /// Where the rules came from: `inline` or the file's path (for messages).
    public var source: String
    public var onFailure: QualityFailureAction
    public var scope: QualityScope

    public init(rules: String, source: String = "inline", onFailure: QualityFailureAction = .fail, scope: QualityScope = .batch) {
        self.rules = rules
        self.source = source
        self.onFailure = onFailure
        self.scope = scope
    }
}

/// What a failing error-level rule does to the stage-B execution.
public enum QualityFailureAction: String, Sendable, Hashable, CaseIterable {
    /// The execution fails (component `quality`); the batch's outputs are withdrawn and a redrive re-checks.
    case fail
    /// Recorded; the execution completes.
    case warn
    /// The failing tables' outputs move to `_quarantine/<execution>/` in the analytics zone, out of
    /// the table, until `lake dq release`; the execution completes.
    case quarantine
}

/// Which data a table's rules are checked against.
public enum QualityScope: String, Sendable, Hashable, CaseIterable {
    /// The files the execution wrote.
    case batch
    /// Every file of the partitions the execution wrote to.
    case partitions
    /// Every file of the table.
    case table
}
