import LakeCore
import Yams

/// Renders scalars and free-form values as YAML text that reads back to the same value:
/// text that would be read as a number, boolean, null or date is quoted.
enum YAMLText {
    /// A string as a plain scalar when that is safe, else double-quoted with escapes.
    static func scalar(_ text: String) -> String {
        isPlainSafe(text) ? text : quoted(text)
    }

    /// A free-form value in flow style: `{command: [python3, x.py], timeout: 10m}`.
    static func flow(_ value: ConfigValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return double(number)
        case .string(let text): return scalar(text)
        case .array(let items): return "[" + items.map(flow).joined(separator: ", ") + "]"
        case .object(let object):
            return "{" + object.sorted { $0.key < $1.key }.map { "\(scalar($0.key)): \(flow($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    /// Transform options as a flow mapping.
    static func options(_ options: TransformOptions) -> String { flow(.object(options)) }

    /// A duration that parses back exactly: `1h30m`, `250ms`, `1.5s` for odd fractions.
    static func duration(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0, seconds >= 1 { return DurationText.format(duration) }
        if seconds == 0, attoseconds == 0 { return "0s" }
        let perMillisecond: Int64 = 1_000_000_000_000_000
        if attoseconds % perMillisecond == 0, seconds >= 0 {
            return "\(seconds * 1000 + attoseconds / perMillisecond)ms"
        }
        return "\(duration.seconds)s"
    }

    /// A trigger: `event` or `every 5m`.
    static func trigger(_ trigger: StageBTrigger) -> String {
        switch trigger {
        case .event: return "event"
        case .every(let interval): return "every " + duration(interval)
        }
    }

    /// A double that YAML reads back as a float (always with a `.` or exponent form it accepts).
    static func double(_ number: Double) -> String {
        if number.isNaN { return ".nan" }
        if number.isInfinite { return number < 0 ? "-.inf" : ".inf" }
        var text = "\(number)"
        if !text.contains(".") {
            if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
                text.insert(contentsOf: ".0", at: e)
            } else {
                text += ".0"
            }
        }
        return text
    }

    private static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        guard first != "-", first != " ", last != " ", !text.contains("  ") else { return false }
        let safe = text.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", ".", "/", "-", " ": return true
            default: return false
            }
        }
        return safe && Node(text).tagName == .str
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if [0x85, 0x2028, 0x2029, 0xFEFF].contains(scalar.value) {
                    out += "\\u" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
                } else if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16, uppercase: true)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
