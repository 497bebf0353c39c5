/// Naming rules of DESIGN §2, shared by config validation and the CLI.
public enum LakeNames {
    /// Team names: `[a-z0-9]{2,12}`.
    public static func isValidTeam(_ s: String) -> Bool { matches(s, 2...12) }
    /// Pipeline names: `[a-z0-9]{2,10}`.
    public static func isValidPipeline(_ s: String) -> Bool { matches(s, 2...10) }
    /// Dataset names: `[a-z0-9]{2,14}`.
    public static func isValidDataset(_ s: String) -> Bool { matches(s, 2...14) }
    /// Table names: `[a-z0-9_]{1,64}`, starting with a letter or digit.
    public static func isValidTable(_ s: String) -> Bool {
        guard (1...64).contains(s.utf8.count), let first = s.utf8.first, first != UInt8(ascii: "_")
        else { return false }
        return s.utf8.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "_") }
    }

    private static func matches(_ s: String, _ range: ClosedRange<Int>) -> Bool {
        range.contains(s.utf8.count) && s.utf8.allSatisfy(isLowerAlnum)
    }
    private static func isLowerAlnum(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
    }

    /// A table name derived from a file name: its base name before the first `_` or `.`,
    /// lower-cased, with characters outside `[a-z0-9_]` replaced by `_`.
    public static func tableName(fromFileName name: String) -> String {
        let base = name.split(whereSeparator: { $0 == "_" || $0 == "." }).first.map(String.init) ?? name
        let cleaned = String(base.lowercased().map { ch -> Character in
            ch.isASCII && (ch.isLetter || ch.isNumber) ? ch : "_"
        })
        return cleaned.isEmpty ? "data" : cleaned
    }
}

/// A dataset's address: `<team>/<dataset>`.
public struct DatasetRef: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public var team: String
    public var dataset: String
    public init(team: String, dataset: String) {
        self.team = team
        self.dataset = dataset
    }
    /// Parses `team/dataset`.
    public init(parsing text: String) throws(LakeError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw LakeError(
                .usage, "'\(text)' is not a dataset reference", hint: "write it as TEAM/DATASET, e.g. demoteam/legislators")
        }
        team = String(parts[0])
        dataset = String(parts[1])
    }
    /// SDLF's registry id, `<team>-<dataset>`.
    public var id: String { "\(team)-\(dataset)" }
    public var description: String { "\(team)/\(dataset)" }
    public static func < (a: DatasetRef, b: DatasetRef) -> Bool { (a.team, a.dataset) < (b.team, b.dataset) }
}

/// Where a raw key belongs: team, dataset and table parsed from `<team>/<dataset>/[<table>/]<name>`.
public struct RawKeyParts: Hashable, Sendable {
    public var dataset: DatasetRef
    public var table: String
    public var fileName: String

    /// Parses a raw-zone key. Returns nil when it has fewer than three segments.
    public init?(_ key: ObjectKey) {
        let segments = key.segments
        guard segments.count >= 3 else { return nil }
        dataset = DatasetRef(team: String(segments[0]), dataset: String(segments[1]))
        fileName = String(segments[segments.count - 1])
        if segments.count >= 4 {
            table = String(segments[2])
        } else {
            table = LakeNames.tableName(fromFileName: fileName)
        }
    }
}
