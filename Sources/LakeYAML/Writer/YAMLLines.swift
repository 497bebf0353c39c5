/// Accumulates lines of YAML text.
struct YAMLLines {
    private(set) var lines: [String] = []
    mutating func line(_ text: String) { lines.append(text) }
    mutating func comment(_ text: String) { lines.append("# " + text) }
    mutating func blank() { lines.append("") }
    var text: String { lines.joined(separator: "\n") + "\n" }
}
