/// Where each config path came from in the YAML text, and which paths could not be read.
/// Validation runs on the model; this map lets it point at the right line, and keeps it quiet
/// about values the parser already reported.
struct ConfigSourceMap: Sendable {
    /// A 1-based line and column.
    struct Position: Sendable, Hashable {
        var line: Int
        var column: Int
    }

    private var positions: [String: Position] = [:]
    private var laterPositions: [String: Position] = [:]
    private var failed: Set<String> = []
    /// The key each dataset was written under (`name` or `team/name`), by index in the model.
    var datasetKeys: [Int: String] = [:]

    /// Records where `path` is written. A second record of the same path (a name listed twice)
    /// is kept apart, so duplicate errors can point at the repetition.
    mutating func record(_ path: String, _ position: Position?) {
        guard let position else { return }
        if positions[path] == nil {
            positions[path] = position
        } else if laterPositions[path] == nil {
            laterPositions[path] = position
        }
    }

    /// Marks a path whose value was unusable and already reported.
    mutating func markFailed(_ path: String) { failed.insert(path) }

    /// True when `path` or one of its ancestors was already reported as unusable.
    func hasFailed(_ path: String) -> Bool {
        var current: Substring? = Substring(path)
        while let candidate = current {
            if failed.contains(String(candidate)) { return true }
            current = Self.parent(of: candidate)
        }
        return false
    }

    /// The position of `path`, or of its nearest recorded ancestor (a default value has no
    /// position of its own, but the section it belongs to does).
    func position(of path: String) -> Position? {
        var current: Substring? = Substring(path)
        while let candidate = current {
            if let found = positions[String(candidate)] { return found }
            current = Self.parent(of: candidate)
        }
        return nil
    }

    /// The position of the second occurrence of `path`, falling back to the first.
    func repeatedPosition(of path: String) -> Position? {
        laterPositions[path] ?? position(of: path)
    }

    private static func parent(of path: Substring) -> Substring? {
        guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
        return path[..<cut]
    }
}
