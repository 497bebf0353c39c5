import Foundation
import LakeFormats

/// One value as a condition sees it: missing, a number (dates and timestamps in epoch seconds),
/// or text.
enum TestValue {
    case null
    case number(Double)
    case text(String)
}

/// A DQDL ``Condition`` made ready to test values: regexes compiled, dates read, `now()` fixed
/// to the check's time. Nulls fail every condition except `!=`, `= NULL`, `in [..., NULL]` and
/// negations, as Glue Data Quality defines it.
struct ValueTest: @unchecked Sendable {
    private indirect enum Node {
        case compare(ComparisonOperator, Target)
        case between(Target, Target)
        case inList([Target])
        case matches(NSRegularExpression)
        case not(Node)
    }

    /// An operand resolved for comparison.
    private enum Target {
        case null, empty, whitespacesOnly
        case number(Double)
        /// Text, and the number it reads as (a date string's epoch seconds, or a numeric string).
        case text(String, Double?)
    }

    private let node: Node

    /// Prepares `condition`; `now` is the check's time for `now()` operands.
    init(_ condition: Condition, now: Date) throws(QualityError) {
        node = try Self.compile(condition, now: now)
    }

    private static func compile(_ condition: Condition, now: Date) throws(QualityError) -> Node {
        switch condition {
        case .compare(let op, let operand): return .compare(op, target(operand, now: now))
        case .between(let a, let b): return .between(target(a, now: now), target(b, now: now))
        case .inList(let items): return .inList(items.map { target($0, now: now) })
        case .matches(let pattern):
            do {
                return .matches(try NSRegularExpression(pattern: "^(?:" + pattern + ")$"))
            } catch {
                throw QualityError.badRule("the pattern \"\(pattern)\" is not a valid regular expression", hint: "write it in ICU (Java-like) syntax")
            }
        case .not(let inner): return .not(try compile(inner, now: now))
        }
    }

    private static func target(_ operand: Operand, now: Date) -> Target {
        switch operand {
        case .null: .null
        case .empty: .empty
        case .whitespacesOnly: .whitespacesOnly
        case .number(let x): .number(x)
        case .duration(let seconds): .number(seconds)
        case .now(let offset): .number(now.timeIntervalSince1970 + offset)
        case .string(let s): .text(s, ISOInstant.epochSeconds(s) ?? Double(s))
        }
    }

    /// Whether `value` satisfies the condition.
    func test(_ value: TestValue) -> Bool { Self.evaluate(node, value) }

    /// The condition on a present number as plain comparisons, when it is one (`> 5`,
    /// `between 1 and 9`): the row loops' fast path.
    var numberTest: (@Sendable (Double) -> Bool)? {
        switch node {
        case .compare(let op, .number(let y)):
            switch op {
            case .equal: return { $0 == y }
            case .notEqual: return { $0 != y }
            case .greater: return { $0 > y }
            case .greaterOrEqual: return { $0 >= y }
            case .less: return { $0 < y }
            case .lessOrEqual: return { $0 <= y }
            }
        case .between(.number(let a), .number(let b)): return { $0 > a && $0 < b }
        default: return nil
        }
    }

    private static func evaluate(_ node: Node, _ value: TestValue) -> Bool {
        switch node {
        case .not(let inner):
            return !evaluate(inner, value)
        case .compare(let op, let target):
            if case .null = value {
                if case .null = target { return op == .equal }
                return op == .notEqual
            }
            if case .null = target { return op == .notEqual }
            guard let order = compare(value, target) else { return op == .notEqual }
            switch op {
            case .equal: return order == 0
            case .notEqual: return order != 0
            case .greater: return order > 0
            case .greaterOrEqual: return order >= 0
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            }
        case .between(let low, let high):
            guard let a = compare(value, low), let b = compare(value, high) else { return false }
            return a > 0 && b < 0
        case .inList(let targets):
            return targets.contains { target in
                if case .null = value { if case .null = target { return true } else { return false } }
                return compare(value, target) == 0
            }
        case .matches(let regex):
            guard case .text(let s) = value else {
                if case .number(let x) = value { return matches(regex, numberText(x)) }
                return false
            }
            return matches(regex, s)
        }
    }

    private static func matches(_ regex: NSRegularExpression, _ s: String) -> Bool {
        regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }

    private static func numberText(_ x: Double) -> String {
        x.rounded() == x && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }

    /// -1, 0, 1 comparing `value` with `target`; nil when they cannot be compared.
    private static func compare(_ value: TestValue, _ target: Target) -> Int? {
        switch (value, target) {
        case (.null, _), (_, .null): return nil
        case (.text(let s), .empty): return s.isEmpty ? 0 : 1
        case (.text(let s), .whitespacesOnly):
            return !s.isEmpty && s.allSatisfy(\.isWhitespace) ? 0 : 1
        case (.number, .empty), (.number, .whitespacesOnly): return 1
        case (.number(let x), .number(let y)): return order(x, y)
        case (.number(let x), .text(_, let y)): return y.map { order(x, $0) }
        case (.text(let s), .text(let t, _)): return s == t ? 0 : (s < t ? -1 : 1)
        case (.text(let s), .number(let y)): return Double(s).map { order($0, y) }
        }
    }

    private static func order(_ x: Double, _ y: Double) -> Int { x == y ? 0 : (x < y ? -1 : 1) }
}
