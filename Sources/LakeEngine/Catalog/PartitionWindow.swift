import Foundation
import LakeCore

/// A range of whole days, UTC, both ends included: where the partition job expects raw
/// partitions (by default from 7 days ago to tomorrow).
public struct PartitionWindow: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The first day.
    public var from: Day
    /// The last day.
    public var to: Day

    /// A calendar day.
    public struct Day: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
        /// Year, month, day.
        public var year: Int, month: Int, day: Int

        /// Parses `yyyy-MM-dd`; nil for anything else or a day that does not exist.
        public init?(parsing text: String) {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                  let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
                  PartitionDate(year: y, month: m, day: d).isValid
            else { return nil }
            year = y
            month = m
            day = d
        }

        /// The UTC day of `date`.
        public init(_ date: Date) {
            let parts = PartitionWindow.calendar.dateComponents([.year, .month, .day], from: date)
            year = parts.year ?? 1970
            month = parts.month ?? 1
            day = parts.day ?? 1
        }

        /// Midnight UTC starting the day.
        var start: Date {
            PartitionWindow.calendar.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSince1970: 0)
        }

        /// `yyyy-MM-dd`.
        public var description: String {
            "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        }

        private func pad(_ n: Int, _ width: Int) -> String {
            let text = String(n)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }

        /// Orders days.
        public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

        /// Encoded as `yyyy-MM-dd`.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(description)
        }

        /// Decoded from `yyyy-MM-dd`.
        public init(from decoder: any Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let day = Day(parsing: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a yyyy-MM-dd day"))
            }
            self = day
        }
    }

    /// A window; `from` must not be after `to`.
    public init(from: Day, to: Day) {
        self.from = from
        self.to = to
    }

    /// From `lookbackDays` before the day of `now` to `lookaheadDays` after it.
    public static func around(_ now: Date, lookbackDays: Int, lookaheadDays: Int) -> PartitionWindow {
        let day = Day(now).start
        let from = calendar.date(byAdding: .day, value: -lookbackDays, to: day) ?? day
        let to = calendar.date(byAdding: .day, value: lookaheadDays, to: day) ?? day
        return PartitionWindow(from: Day(from), to: Day(to))
    }

    /// `2026-11-15..2026-11-23`.
    public var description: String { "\(from)..\(to)" }

    /// Every partition date of the window at a layout's granularity, in order: each year,
    /// month, day or hour that overlaps it.
    func dates(granularity: RawPartitionScheme.Token) -> [PartitionDate] {
        var dates: [PartitionDate] = []
        var day = from.start
        let end = to.start
        while day <= end {
            let d = Day(day)
            let date = PartitionDate(year: d.year, month: d.month, day: d.day)
            switch granularity {
            case .hour: dates += (0..<24).map { PartitionDate(year: d.year, month: d.month, day: d.day, hour: $0) }
            case .day: dates.append(date)
            case .month: if dates.last.map({ ($0.year, $0.month) != (d.year, d.month) }) ?? true { dates.append(PartitionDate(year: d.year, month: d.month)) }
            case .year: if dates.last?.year != d.year { dates.append(PartitionDate(year: d.year)) }
            }
            guard let next = Self.calendar.date(byAdding: .day, value: 1, to: day) else { break }
            day = next
        }
        return dates
    }

    /// Whether the period of a (partial) date, known down to `granularity`, overlaps the window.
    func overlaps(_ date: PartitionDate, granularity: RawPartitionScheme.Token) -> Bool {
        switch granularity {
        case .year: return (from.year...to.year).contains(date.year)
        case .month: return (from.year, from.month) <= (date.year, date.month) && (date.year, date.month) <= (to.year, to.month)
        case .day, .hour:
            let day = (date.year, date.month, date.day)
            return (from.year, from.month, from.day) <= day && day <= (to.year, to.month, to.day)
        }
    }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }()
}
