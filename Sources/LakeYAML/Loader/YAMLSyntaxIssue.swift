import Yams

/// Turns a Yams parse error into a ``ConfigIssue`` with the line and column of the problem.
enum YAMLSyntaxIssue {
    static func issue(for error: any Error, in yaml: String) -> ConfigIssue {
        guard let yamlError = error as? YamlError else {
            return ConfigIssue(path: "", message: "YAML syntax error: \(error)")
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "YAML syntax error: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
            return ConfigIssue(path: "", line: mark.line, column: mark.column, message: message, hint: hint(yaml: yaml, line: mark.line))
        case .reader(let problem, let offset, _, _):
            let position = offset.map { lineAndColumn(ofCharacter: $0, in: yaml) }
            return ConfigIssue(path: "", line: position?.line, column: position?.column, message: "cannot read the file: \(problem)",
                hint: "save it as UTF-8 text")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return duplicateKeyIssue(duplicates, firstMark: context.mark, yaml: yaml)
        default:
            return ConfigIssue(path: "", message: "YAML syntax error: \(yamlError)")
        }
    }

    /// A hint for common mistakes on the offending line.
    private static func hint(yaml: String, line: Int) -> String? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return nil }
        let text = lines[line - 1]
        if text.contains("\t") { return "indent with spaces; YAML does not allow tabs" }
        return "check the indentation and the quoting on this line and the one above"
    }

    /// Yams reports only the first occurrence of a duplicated key; find the repetition, which is
    /// the line to fix, by looking for the same key at the same column further down.
    private static func duplicateKeyIssue(_ duplicates: [String], firstMark: Mark, yaml: String) -> ConfigIssue {
        let key = duplicates.first ?? ""
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        var line = firstMark.line
        var column = firstMark.column
        let indent = max(0, firstMark.column - 1)
        for (index, text) in lines.enumerated() where index >= firstMark.line {
            let body = text.dropFirst(indent)
            guard text.prefix(indent).allSatisfy({ $0 == " " || $0 == "-" }) else { continue }
            if body.hasPrefix(key + ":") || body.hasPrefix("\"\(key)\":") || body.hasPrefix("'\(key)':") {
                line = index + 1
                column = firstMark.column
                break
            }
        }
        return ConfigIssue(
            path: "", line: line, column: column,
            message: "key '\(key)' appears more than once in the same mapping (first at line \(firstMark.line))",
            hint: "remove or rename one; for datasets of the same name owned by two teams write the keys as team/name")
    }

    private static func lineAndColumn(ofCharacter offset: Int, in yaml: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for character in yaml.prefix(offset) {
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
