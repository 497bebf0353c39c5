import Foundation

/// Suggests DQDL rules that hold on a profiled table (`lake dq suggest`), as Deequ's
/// constraint suggestion does for SDLF: row count, completeness, uniqueness, types, allowed
/// values of low-cardinality text, numeric ranges and text lengths. Every rule passes when
/// checked against the data it was suggested from; thresholds are floored to two decimals.
public enum RuleSuggester {
    /// Distinct values up to which a text column gets an `in [...]` rule.
    public static let allowedValuesLimit = 20

    public static func suggest(_ profile: TableProfile) -> DQDLRuleset {
        var rules: [DQDLRule] = [rule(.rowCount, [], .compare(.greater, .number(0)))]
        guard profile.rows > 0 else { return DQDLRuleset(rules: rules) }
        for c in profile.columns {
            let complete = c.present == c.rows
            let completeness = floor(c.completeness * 100) / 100
            if complete {
                rules.append(rule(.isComplete, [c.name]))
            } else if completeness > 0 {
                rules.append(rule(.completeness, [c.name], .compare(.greaterOrEqual, .number(completeness))))
            }
            guard c.present > 0 else { continue }
            if let typeName = typeName(c.type) {
                rules.append(rule(.columnDataType, [c.name], .compare(.equal, .string(typeName))))
            }
            if c.uniqueness == 1, c.rows > 1 { rules.append(rule(.isUnique, [c.name])) }
            let threshold: Condition? = complete ? nil : .compare(.greaterOrEqual, .number(completeness))
            if c.type == "string", let top = c.topValues, let distinct = c.distinct, Int(distinct) <= allowedValuesLimit,
                top.count == Int(distinct), c.present >= 2 * top.count
            {
                let values = top.map(\.value).sorted().map { Operand.string($0) } + (complete ? [] : [.null])
                rules.append(rule(.columnValues, [c.name], .inList(values)))
            } else if isNumber(c.type), let low = c.minimum, let high = c.maximum {
                rules.append(rule(.columnValues, [c.name], .compare(.greaterOrEqual, .number(low)), threshold: threshold))
                rules.append(rule(.columnValues, [c.name], .compare(.lessOrEqual, .number(high)), threshold: threshold))
            }
            if c.type == "string", let longest = c.maxLength {
                rules.append(rule(.columnLength, [c.name], .compare(.lessOrEqual, .number(Double(longest))), threshold: threshold))
            }
        }
        return DQDLRuleset(rules: rules)
    }

    private static func rule(_ type: RuleType, _ columns: [String], _ condition: Condition? = nil, threshold: Condition? = nil) -> DQDLRule {
        DQDLRule(body: .check(RuleCheck(type: type, columns: columns, condition: condition, threshold: threshold)))
    }

    private static func isNumber(_ type: String) -> Bool {
        ["int32", "int64", "float", "double"].contains(type) || type.hasPrefix("decimal(")
    }

    private static func typeName(_ type: String) -> String? {
        switch type {
        case "bool": "BOOLEAN"
        case "int32": "INTEGER"
        case "int64": "LONG"
        case "float": "FLOAT"
        case "double": "DOUBLE"
        case "string": "STRING"
        case "binary": "BINARY"
        case "date": "DATE"
        default: type.hasPrefix("timestamp") ? "TIMESTAMP" : (type.hasPrefix("decimal") ? "DECIMAL" : nil)
        }
    }
}
