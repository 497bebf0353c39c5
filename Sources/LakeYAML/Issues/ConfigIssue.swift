/// One problem found in a lake.yaml: where it is (a dotted path such as
/// `pipelines.main.stage_b.max_items`, and the line and column when known), what is wrong,
/// and what to do about it.
public struct ConfigIssue: Sendable, Hashable, CustomStringConvertible {
    /// Dotted path of the offending key, e.g. `datasets.legislators.pipeline`; list items are
    /// written `[i]` (`wlm.levels[2]`). Empty for problems with the file as a whole.
    public var path: String
    /// 1-based line of the key (or value) in the file; nil for configs built in code.
    public var line: Int?
    /// 1-based column, counted in Unicode scalars.
    public var column: Int?
    /// What is wrong.
    public var message: String
    /// How to fix it, when we know.
    public var hint: String?

    /// Creates an issue.
    public init(path: String, line: Int? = nil, column: Int? = nil, message: String, hint: String? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    /// `14:5: datasets.legislators.pipeline: pipeline 'mian' is not defined (hint: ...)`.
    public var description: String { formatted(file: nil) }

    /// The issue as one line, prefixed with `file:line:column:` like a compiler diagnostic.
    public func formatted(file: String?) -> String {
        var location: [String] = []
        if let file { location.append(file) }
        if let line {
            location.append(String(line))
            if let column { location.append(String(column)) }
        }
        var text = location.isEmpty ? "" : location.joined(separator: ":") + ": "
        if !path.isEmpty { text += path + ": " }
        text += message
        if let hint { text += " (hint: \(hint))" }
        return text
    }
}
