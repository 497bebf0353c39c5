import Yams

/// A YAML node being read, with the config path that names it in issues and the position issues
/// about it point at (the key's position when it came from a mapping).
struct YAMLValue {
    let node: Node
    let path: String
    let position: ConfigSourceMap.Position?

    /// True for `~`, `null` and an empty value.
    var isNull: Bool {
        if case .scalar = node { return node.tagName == .null }
        return false
    }

    /// The scalar text, or nil for mappings and lists.
    var scalarText: String? {
        if case .scalar(let scalar) = node { return scalar.string }
        return nil
    }

    /// A short description of what the node is, for "expected X, found Y" messages.
    var kindDescription: String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if isNull { return "nothing" }
            let text = scalar.string.count > 40 ? String(scalar.string.prefix(40)) + "..." : scalar.string
            return "'\(text)'"
        }
    }

    /// The position of a node's own mark.
    static func position(of node: Node) -> ConfigSourceMap.Position? {
        node.mark.map { ConfigSourceMap.Position(line: $0.line, column: $0.column) }
    }
}

extension Node {
    /// The node's resolved tag name (`str`, `int`, `bool`, `null`, `map`...).
    var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }
}
