import Foundation

/// One option a transform accepts: its name, type, default and allowed values. Transforms
/// declare their options when they are registered; `lake config validate` checks every
/// `options:` mapping in lake.yaml against them and `lake config transforms` lists them.
public struct TransformOptionSpec: Sendable, Hashable, Codable {
    /// The value types an option can take.
    public enum ValueType: String, Sendable, Hashable, Codable, CaseIterable {
        case string, integer, number, boolean
        /// `30s`, `10m`, or a number of seconds.
        case duration
        /// A list of strings, or one string (split on spaces where the transform says so).
        case stringList = "string-list"
        /// A mapping of string keys to string values.
        case stringMap = "string-map"
    }

    public var name: String
    public var type: ValueType
    /// The default, as text (what the transform uses when the option is absent); nil when none.
    public var defaultValue: String?
    /// The only values allowed (for an enumerated string option); nil when any value of the type is.
    public var allowed: [String]?
    /// What the option does, in one line.
    public var summary: String

    public init(_ name: String, _ type: ValueType, default defaultValue: String? = nil, allowed: [String]? = nil, summary: String) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.allowed = allowed
        self.summary = summary
    }

    enum CodingKeys: String, CodingKey { case name, type, defaultValue = "default", allowed, summary }

    /// Encodes absent defaults and allowed lists as null rather than leaving the keys out.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(type, forKey: .type)
        try c.encode(defaultValue, forKey: .defaultValue)
        try c.encode(allowed, forKey: .allowed)
        try c.encode(summary, forKey: .summary)
    }

    /// Why `value` does not fit this option, or nil when it does.
    public func problem(with value: ConfigValue) -> String? {
        switch type {
        case .string:
            guard let text = value.scalarText else { return "must be a string, not \(value.kindName)" }
            if let allowed, !allowed.contains(text) {
                return "must be one of \(allowed.joined(separator: ", ")), not '\(text)'"
            }
            return nil
        case .integer:
            guard case .int = value else {
                if case .string(let s) = value, Int(s) != nil { return nil }
                return "must be a whole number, not \(value.kindName) \(value)"
            }
            return nil
        case .number:
            return value.doubleValue == nil || value.arrayValue != nil ? "must be a number, not \(value.kindName) \(value)" : nil
        case .boolean:
            return value.boolValue == nil ? "must be true or false, not \(value)" : nil
        case .duration:
            if let seconds = value.doubleValue, seconds >= 0 { return nil }
            if case .string(let s) = value, DurationText.parse(s) != nil { return nil }
            return "must be a duration such as 30s or 10m, not \(value)"
        case .stringList:
            if case .string = value { return nil }
            guard let items = value.arrayValue else { return "must be a list of strings, not \(value.kindName)" }
            return items.allSatisfy({ $0.scalarText != nil }) ? nil : "must be a list of strings"
        case .stringMap:
            guard let map = value.objectValue else { return "must be a mapping of names to strings, not \(value.kindName)" }
            return map.values.allSatisfy({ $0.scalarText != nil }) ? nil : "must map names to strings"
        }
    }
}

/// What a registered transform declares about itself: its stage, a summary and its options.
/// `acceptsOtherOptions` marks transforms that pass options they do not know on (the `command`
/// transform hands them to the program it runs); their unknown keys are not errors.
public struct TransformDescriptor: Sendable, Hashable, Codable {
    public var name: String
    public var stage: PipelineStage
    public var summary: String
    public var options: [TransformOptionSpec]
    public var acceptsOtherOptions: Bool

    public init(name: String, stage: PipelineStage, summary: String, options: [TransformOptionSpec] = [], acceptsOtherOptions: Bool = false) {
        self.name = name
        self.stage = stage
        self.summary = summary
        self.options = options
        self.acceptsOtherOptions = acceptsOtherOptions
    }

    /// The option called `name`, if declared.
    public func option(_ name: String) -> TransformOptionSpec? { options.first { $0.name == name } }
}

extension ConfigValue {
    /// The value as text when it is a scalar (strings, numbers, booleans).
    var scalarText: String? {
        switch self {
        case .string, .int, .double, .bool: return stringValue
        default: return nil
        }
    }

    /// `a string`, `a number`, `a list`... for error messages.
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int, .double: return "a number"
        case .string: return "a string"
        case .array: return "a list"
        case .object: return "a mapping"
        }
    }
}
