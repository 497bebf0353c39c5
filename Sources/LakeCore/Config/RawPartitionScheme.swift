/// A raw table's partition layout, parsed from text such as `dt={yyyy-MM-dd}`,
/// `year={yyyy}/month={MM}/day={dd}/hour={HH}` or `discover` (DESIGN §3.4).
///
/// A layout is one or more `/`-separated segments `name={pattern}`; patterns use the tokens
/// `yyyy`, `MM`, `dd`, `HH`, optionally separated by `-`, `_` or `.`. Over the whole layout the
/// tokens must be a prefix of year, month, day, hour, each once and in that order. The config
/// validator and the engine's partition job share this type, so a layout that validates is
/// exactly a layout the job can generate and match.
public struct RawPartitionScheme: Hashable, Sendable {
    /// One `name={pattern}` segment.
    public struct Segment: Hashable, Sendable {
        /// The partition key, e.g. `dt`.
        public var name: String
        /// The date tokens of the pattern, in order.
        public var tokens: [Token]
        /// The pattern as written between the braces, e.g. `yyyy-MM-dd`.
        public var pattern: String

        /// Creates a segment.
        public init(name: String, tokens: [Token], pattern: String) {
            self.name = name
            self.tokens = tokens
            self.pattern = pattern
        }
    }

    /// A date token.
    public enum Token: String, CaseIterable, Sendable {
        case year = "yyyy", month = "MM", day = "dd", hour = "HH"

        /// Digits the token stands for.
        public var width: Int { self == .year ? 4 : 2 }
    }

    /// Nil for `discover` (partitions are found by listing, not generated).
    public var segments: [Segment]?

    /// Why a scheme was rejected.
    public struct Problem: Error, Sendable {
        /// What is wrong, for a config issue.
        public var message: String
    }

    /// Creates a scheme from parsed segments (nil: `discover`).
    public init(segments: [Segment]?) {
        self.segments = segments
    }

    /// The partition keys, outermost first; empty for `discover`.
    public var keys: [String] { segments?.map(\.name) ?? [] }

    /// The finest token of the layout (`day` for `dt={yyyy-MM-dd}`); nil for `discover`.
    public var granularity: Token? { segments?.flatMap(\.tokens).last }

    /// Parses the text form.
    public static func parse(_ text: String) -> Result<RawPartitionScheme, Problem> {
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
              name.utf8.allSatisfy({ isLowerAlnum($0) || $0 == UInt8(ascii: "_") })
        else { return .failure(Problem(message: "partition key '\(name)' must be lowercase letters, digits or '_'")) }
        guard value.hasPrefix("{"), value.hasSuffix("}"), value.count >= 2 else {
            return .failure(Problem(message: "segment '\(part)' must put its pattern in braces, e.g. \(name)={yyyy}"))
        }
        let text = value.dropFirst().dropLast()
        var pattern = text
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
        return .success(Segment(name: String(name), tokens: tokens, pattern: String(text)))
    }

    private static func isLowerAlnum(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
    }
}
