/// A raw table's partition layout, parsed from text such as `dt={yyyy-MM-dd}`,
/// `year={yyyy}/month={MM}/day={dd}/hour={HH}` or `discover`.
///
/// A layout is one or more `/`-separated segments `name={pattern}`; patterns use the tokens
/// `yyyy`, `MM`, `dd`, `HH`, optionally separated by `-`, `_` or `.`. Over the whole layout the
/// tokens must be a prefix of year, month, day, hour, each once and in that order.
struct RawPartitionScheme: Hashable {
    /// One `name={pattern}` segment.
    struct Segment: Hashable {
        var name: String
        var tokens: [Token]
    }

    /// A date token.
    enum Token: String, CaseIterable {
        case year = "yyyy", month = "MM", day = "dd", hour = "HH"
    }

    /// Nil for `discover` (partitions are found by listing, not generated).
    var segments: [Segment]?

    /// Why a scheme was rejected.
    struct Problem: Error {
        var message: String
    }

    /// Parses the text form.
    static func parse(_ text: String) -> Result<RawPartitionScheme, Problem> {
        if text == "discover" { return .success(RawPartitionScheme(segments: nil)) }
        var segments: [Segment] = []
        for part in text.split(separator: "/", omittingEmptySubsequences: false) {
            switch parseSegment(Substring(part)) {
            case .success(let segment): segments.append(segment)
            case .failure(let problem): return .failure(problem)
            }
        }
        let tokens = segments.flatMap(\.tokens)
        guard !tokens.isEmpty else { return .failure(Problem(message: "it has no date tokens")) }
        guard tokens == Array(Token.allCases.prefix(tokens.count)) else {
            return .failure(Problem(message: "date tokens must run year, month, day, hour in order, each once"))
        }
        var names: Set<String> = []
        for segment in segments where !names.insert(segment.name).inserted {
            return .failure(Problem(message: "partition key '\(segment.name)' appears twice"))
        }
        return .success(RawPartitionScheme(segments: segments))
    }

    private static func parseSegment(_ part: Substring) -> Result<Segment, Problem> {
        guard let equals = part.firstIndex(of: "=") else {
            return .failure(Problem(message: "segment '\(part)' is not name={pattern}"))
        }
        let name = part[..<equals]
        let value = part[part.index(after: equals)...]
        guard let first = name.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z"),
              name.utf8.allSatisfy({ NameRules.lowerAlnum($0) || $0 == UInt8(ascii: "_") })
        else { return .failure(Problem(message: "partition key '\(name)' must be lowercase letters, digits or '_'")) }
        guard value.hasPrefix("{"), value.hasSuffix("}"), value.count >= 2 else {
            return .failure(Problem(message: "segment '\(part)' must put its pattern in braces, e.g. \(name)={yyyy}"))
        }
        var pattern = value.dropFirst().dropLast()
        var tokens: [Token] = []
        while !pattern.isEmpty {
            if let token = Token.allCases.first(where: { pattern.hasPrefix($0.rawValue) }) {
                tokens.append(token)
                pattern = pattern.dropFirst(token.rawValue.count)
            } else if let separator = pattern.first, "-_.".contains(separator), !tokens.isEmpty {
                pattern = pattern.dropFirst()
            } else {
                return .failure(Problem(message: "'\(value)' is not a date pattern of yyyy, MM, dd, HH"))
            }
        }
        guard !tokens.isEmpty else { return .failure(Problem(message: "segment '\(part)' has an empty pattern")) }
        return .success(Segment(name: String(name), tokens: tokens))
    }
}
