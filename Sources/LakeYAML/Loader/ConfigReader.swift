import LakeCore
import Yams

/// Reads typed values out of a YAML node tree, collecting every problem as a ``ConfigIssue``
/// instead of stopping, and recording where each path is written.
final class ConfigReader {
    private(set) var issues: [ConfigIssue] = []
    private(set) var sourceMap = ConfigSourceMap()

    // MARK: Reporting

    /// Records a problem at `path`.
    func report(_ path: String, at position: ConfigSourceMap.Position?, _ message: String, hint: String? = nil) {
        issues.append(ConfigIssue(path: path, line: position?.line, column: position?.column, message: message, hint: hint))
    }

    /// Records a problem with a value and marks its path unusable, so validation does not
    /// report it a second time.
    func fail(_ value: YAMLValue, _ message: String, hint: String? = nil) {
        report(value.path, at: value.position, message, hint: hint)
        sourceMap.markFailed(value.path)
    }

    /// Marks `path` unusable after a problem reported elsewhere (a missing required key).
    func markFailed(_ path: String) { sourceMap.markFailed(path) }

    /// Remembers the key a dataset was written under.
    func recordDatasetKey(_ key: String, index: Int) { sourceMap.datasetKeys[index] = key }

    /// Records an extra position for `path` (a name that is also written elsewhere).
    func record(_ path: String, _ position: ConfigSourceMap.Position?) { sourceMap.record(path, position) }

    // MARK: Structure

    /// The root value of a document.
    func root(_ node: Node) -> YAMLValue {
        YAMLValue(node: node, path: "", position: YAMLValue.position(of: node))
    }

    /// Reads a mapping. A null value reads as an empty mapping. Keys outside `allowed` are
    /// reported with a suggestion (pass nil to accept any key, e.g. for names or options).
    func fields(_ value: YAMLValue, allowed: [String]?) -> YAMLFields? {
        if value.isNull { return YAMLFields(path: value.path, position: value.position, entries: []) }
        guard case .mapping(let mapping) = value.node else {
            fail(value, "expected a mapping (key: value lines), found \(value.kindDescription)")
            return nil
        }
        var entries: [(key: String, value: YAMLValue)] = []
        var merged: [(key: String, value: YAMLValue)] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                report(value.path, at: YAMLValue.position(of: keyNode), "mapping keys must be plain text")
                continue
            }
            let keyPosition = YAMLValue.position(of: keyNode)
            if keyScalar.string == "<<", keyNode.tagName == .merge {
                merged += mergeEntries(valueNode, into: value.path, at: keyPosition)
                continue
            }
            let key = keyScalar.string
            let path = value.path.isEmpty ? key : value.path + "." + key
            sourceMap.record(path, keyPosition)
            entries.append((key, YAMLValue(node: valueNode, path: path, position: keyPosition)))
        }
        let explicit = Set(entries.map(\.key))
        entries += merged.filter { !explicit.contains($0.key) }
        if let allowed {
            for entry in entries where !allowed.contains(entry.key) {
                unknownKey(entry.key, at: entry.value, allowed: allowed)
            }
        }
        return YAMLFields(path: value.path, position: value.position, entries: entries)
    }

    /// Reports an unknown key, suggesting the closest known one.
    func unknownKey(_ key: String, at value: YAMLValue, allowed: [String], reason: String? = nil) {
        var hint = Suggestions.didYouMean(key, in: allowed).map { $0 + " " } ?? ""
        hint += "valid keys here: " + allowed.joined(separator: ", ")
        report(value.path, at: value.position, reason ?? "unknown key '\(key)'", hint: hint)
        sourceMap.markFailed(value.path)
    }

    /// Entries brought in by a YAML merge key (`<<: *anchor` or `<<: [*a, *b]`).
    private func mergeEntries(_ node: Node, into path: String, at position: ConfigSourceMap.Position?) -> [(key: String, value: YAMLValue)] {
        let sources: [Node]
        switch node {
        case .mapping: sources = [node]
        case .sequence(let sequence): sources = Array(sequence)
        default:
            report(path, at: position, "a merge key (<<) needs a mapping or a list of mappings")
            return []
        }
        var result: [(key: String, value: YAMLValue)] = []
        for source in sources {
            let value = YAMLValue(node: source, path: path, position: position)
            guard case .mapping = source else {
                report(path, at: position, "a merge key (<<) needs a mapping or a list of mappings")
                continue
            }
            for entry in fields(value, allowed: nil)?.entries ?? [] where !result.contains(where: { $0.key == entry.key }) {
                result.append(entry)
            }
        }
        return result
    }

    /// Reads a list; each item gets the path `path[i]`.
    func list(_ value: YAMLValue) -> [YAMLValue]? {
        guard case .sequence(let sequence) = value.node else {
            fail(value, "expected a list, found \(value.kindDescription)")
            return nil
        }
        return sequence.enumerated().map { index, node in
            let path = "\(value.path)[\(index)]"
            let position = YAMLValue.position(of: node)
            sourceMap.record(path, position)
            return YAMLValue(node: node, path: path, position: position)
        }
    }

    // MARK: Scalars

    /// Reads text (any scalar). Mappings and lists are reported.
    func string(_ value: YAMLValue) -> String? {
        guard let text = value.scalarText, !value.isNull else {
            fail(value, "expected text, found \(value.kindDescription)")
            return nil
        }
        return text
    }

    /// Reads a whole number.
    func int(_ value: YAMLValue) -> Int? {
        if let number = value.node.int, value.node.tagName == .int { return number }
        if let text = value.scalarText, let number = Int(text.trimmingCharacters(in: .whitespaces)) { return number }
        fail(value, "expected a whole number, found \(value.kindDescription)")
        return nil
    }

    /// Reads true or false (also yes/no, on/off).
    func bool(_ value: YAMLValue) -> Bool? {
        if let flag = value.node.bool, value.node.tagName == .bool { return flag }
        if let flag = value.scalarText.flatMap({ ConfigValue.string($0).boolValue }) { return flag }
        fail(value, "expected true or false, found \(value.kindDescription)")
        return nil
    }

    /// Reads a duration such as `90s`, `5m`, `1h30m`, `2d`, `250ms` (a bare number is seconds).
    func duration(_ value: YAMLValue) -> Duration? {
        guard let text = string(value) else { return nil }
        guard let duration = DurationText.parse(text) else {
            fail(value, "'\(text)' is not a duration", hint: Self.durationHint)
            return nil
        }
        return duration
    }

    /// Reads text that must be one of `choices`.
    func choice(_ value: YAMLValue, _ choices: [String], what: String) -> String? {
        guard let text = string(value) else { return nil }
        guard choices.contains(text) else {
            let suggestion = Suggestions.didYouMean(text, in: choices).map { $0 + " " } ?? ""
            fail(value, "unknown \(what) '\(text)'", hint: suggestion + "use one of: " + choices.joined(separator: ", "))
            return nil
        }
        return text
    }

    /// Transform options: a mapping of free-form values. Absent or null gives no options.
    func options(_ value: YAMLValue?) -> TransformOptions {
        guard let value, let fields = fields(value, allowed: nil) else { return [:] }
        var options: TransformOptions = [:]
        for (key, item) in fields.entries { options[key] = configValue(item) }
        return options
    }

    /// Converts any node into a ``ConfigValue``: plain scalars keep their YAML type (numbers,
    /// booleans, null), quoted ones are text.
    func configValue(_ value: YAMLValue) -> ConfigValue {
        switch value.node {
        case .scalar(let scalar):
            switch value.node.tagName {
            case .null: return .null
            case .bool: return value.node.bool.map(ConfigValue.bool) ?? .string(scalar.string)
            case .int: return value.node.int.map(ConfigValue.int) ?? .string(scalar.string)
            case .float: return value.node.float.map(ConfigValue.double) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .mapping:
            var object: [String: ConfigValue] = [:]
            for (key, item) in fields(value, allowed: nil)?.entries ?? [] { object[key] = configValue(item) }
            return .object(object)
        case .sequence:
            return .array((list(value) ?? []).map(configValue))
        case .alias:
            return .null
        }
    }

    /// The hint printed with every bad duration.
    static let durationHint = "write a number with a unit: 250ms, 90s, 5m, 1h30m, 2d"
}
