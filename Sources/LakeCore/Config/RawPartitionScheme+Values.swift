/// A calendar position of a raw partition, UTC: the year and, as the layout's granularity
/// needs them, month, day and hour (unused parts stay 1, 1, 0).
public struct PartitionDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Four-digit year.
    public var year: Int
    /// 1-12.
    public var month: Int
    /// 1-31.
    public var day: Int
    /// 0-23.
    public var hour: Int

    /// Creates a date; nothing is checked (see ``isValid``).
    public init(year: Int, month: Int = 1, day: Int = 1, hour: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
    }

    /// True when every part is in range and the day exists in its month.
    public var isValid: Bool {
        (0...9999).contains(year) && (1...12).contains(month) && (0...23).contains(hour)
            && (1...Self.daysIn(month: month, year: year)).contains(day)
    }

    /// Days in a month of the Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `yyyy-MM-dd HH` for messages.
    public var description: String {
        "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2)) \(Self.pad(hour, 2))h"
    }

    /// Orders by year, month, day, hour.
    public static func < (a: PartitionDate, b: PartitionDate) -> Bool {
        (a.year, a.month, a.day, a.hour) < (b.year, b.month, b.day, b.hour)
    }

    /// Zero-padded decimal text of `value`.
    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

extension RawPartitionScheme.Segment {
    /// The segment's value for `date`: the pattern with each token replaced by zero-padded digits.
    public func render(_ date: PartitionDate) -> String {
        var out = ""
        var rest = Substring(pattern)
        while let first = rest.first {
            if let token = RawPartitionScheme.Token.allCases.first(where: { rest.hasPrefix($0.rawValue) }) {
                let value: Int
                switch token {
                case .year: value = date.year
                case .month: value = date.month
                case .day: value = date.day
                case .hour: value = date.hour
                }
                out += PartitionDate.pad(value, token.width)
                rest = rest.dropFirst(token.rawValue.count)
            } else {
                out.append(first)
                rest = rest.dropFirst()
            }
        }
        return out
    }

    /// The token values of a partition value written with this segment's pattern, or nil when
    /// the value does not have the pattern's shape (digits where tokens are, the same separators).
    public func parse(_ value: Substring) -> [RawPartitionScheme.Token: Int]? {
        var found: [RawPartitionScheme.Token: Int] = [:]
        var rest = Substring(pattern)
        var input = value.utf8[...]
        while let first = rest.first {
            if let token = RawPartitionScheme.Token.allCases.first(where: { rest.hasPrefix($0.rawValue) }) {
                let digits = input.prefix(token.width)
                guard digits.count == token.width, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
                else { return nil }
                found[token] = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
                input = input.dropFirst(token.width)
                rest = rest.dropFirst(token.rawValue.count)
            } else {
                guard let byte = first.asciiValue, input.first == byte else { return nil }
                input = input.dropFirst()
                rest = rest.dropFirst()
            }
        }
        return input.isEmpty ? found : nil
    }
}

extension RawPartitionScheme {
    /// The partition values for `date`, one per segment; empty for `discover`.
    public func values(for date: PartitionDate) -> [String] {
        (segments ?? []).map { $0.render(date) }
    }

    /// The relative prefix of the partition for `date`: `dt=2026-11-22/`, or
    /// `year=2026/month=11/day=22/`; empty for `discover`.
    public func path(for date: PartitionDate) -> String {
        (segments ?? []).map { "\($0.name)=\($0.render(date))/" }.joined()
    }

    /// The date that partition values written with this layout stand for, or the reason they
    /// do not stand for one (wrong shape, month 13, February 30...). `values` may be a prefix
    /// (the values of parent directories): only the tokens present are checked.
    public func date(fromValues values: [String]) -> Result<PartitionDate, Problem> {
        guard let segments, values.count <= segments.count else {
            return .failure(Problem(message: "expected at most \(segments?.count ?? 0) partition values, found \(values.count)"))
        }
        var date = PartitionDate(year: 2000)
        var seen: Set<Token> = []
        for (segment, value) in zip(segments, values) {
            guard let parts = segment.parse(Substring(value)) else {
                return .failure(Problem(message: "'\(value)' does not match \(segment.name)={\(segment.pattern)}"))
            }
            for (token, number) in parts {
                seen.insert(token)
                switch token {
                case .year: date.year = number
                case .month: date.month = number
                case .day: date.day = number
                case .hour: date.hour = number
                }
            }
        }
        if seen.contains(.month), !(1...12).contains(date.month) {
            return .failure(Problem(message: "month \(date.month) is not 1-12"))
        }
        if seen.contains(.day), !(1...PartitionDate.daysIn(month: date.month, year: date.year)).contains(date.day) {
            return .failure(Problem(message: "day \(date.day) does not exist in \(PartitionDate.pad(date.year, 4))-\(PartitionDate.pad(date.month, 2))"))
        }
        if seen.contains(.hour), !(0...23).contains(date.hour) {
            return .failure(Problem(message: "hour \(date.hour) is not 0-23"))
        }
        return .success(date)
    }
}
