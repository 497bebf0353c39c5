import Foundation
import LakeCore
import LakeQuality

extension ConfigParser {
    static let qualityKeys = ["rules", "file", "on_failure", "scope"]

    /// `quality: {rules: "Rules = [...]" | file: rules.dqdl, on_failure: fail|warn|quarantine, scope: batch|partitions|table}`.
    /// The DQDL is parsed here, so `lake config validate` reports a syntax error with its line
    /// and column in the rules, and (given `columns`, an explicit schema) a column no table has.
    func parseQuality(_ value: YAMLValue, columns: [String]? = nil) -> QualityConfig? {
        guard let fields = reader.fields(value, allowed: Self.qualityKeys) else { return nil }
        var text: String?
        var source = "inline"
        let rulesItem = fields.value("rules")
        let fileItem = fields.value("file")
        switch (rulesItem, fileItem) {
        case (let item?, nil):
            text = reader.string(item)
        case (nil, let item?):
            guard let path = reader.string(item) else { return nil }
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : baseDirectory.appendingPathComponent(path)
            guard let contents = try? String(contentsOf: url, encoding: .utf8) else {
                reader.fail(item, "cannot read the rules file \(url.path)", hint: "the path is relative to lake.yaml's directory")
                return nil
            }
            text = contents
            source = path
        case (_?, _?):
            reader.fail(value, "quality takes `rules:` or `file:`, not both")
            return nil
        case (nil, nil):
            reader.fail(value, "quality needs `rules:` (DQDL text) or `file:` (a .dqdl file)", hint: #"e.g. rules: 'Rules = [ IsComplete "id" ]'"#)
            return nil
        }
        guard let text else { return nil }
        var config = QualityConfig(rules: text, source: source)
        if let item = fields.value("on_failure"),
            let chosen = reader.choice(item, QualityFailureAction.allCases.map(\.rawValue), what: "on_failure action")
        {
            config.onFailure = QualityFailureAction(rawValue: chosen) ?? .fail
        }
        if let item = fields.value("scope"), let chosen = reader.choice(item, QualityScope.allCases.map(\.rawValue), what: "quality scope") {
            config.scope = QualityScope(rawValue: chosen) ?? .batch
        }
        let at = rulesItem ?? fileItem ?? value
        do {
            let ruleset = try DQDLParser.parse(text)
            if let columns, !columns.isEmpty {
                for name in ruleset.columns where !columns.contains(name) {
                    reader.fail(at, "the quality rules (\(source)) name column \"\(name)\", which the table's schema does not have",
                        hint: "columns: " + columns.joined(separator: ", "))
                }
            }
        } catch {
            reader.fail(at, "the quality rules (\(source)) do not parse: \(error.description)",
                hint: "DQDL: Rules = [ IsComplete \"id\", ColumnValues \"country\" in [\"US\", \"DE\"] ]")
        }
        return config
    }
}
