import Foundation

/// A value in a CloudFormation template: the JSON subset templates use (strings, integers,
/// booleans, lists, objects) plus the intrinsic functions, which are objects of one key
/// (`{"Ref": ...}`, `{"Fn::GetAtt": [...]}`) built by the static helpers.
///
/// Objects keep no order of their own: both renderers sort keys, so the same lake.yaml always
/// gives the same bytes.
public indirect enum CFNValue: Sendable, Hashable {
    /// A string.
    case string(String)
    /// An integer.
    case int(Int)
    /// A boolean.
    case bool(Bool)
    /// A list.
    case list([CFNValue])
    /// An object.
    case object([String: CFNValue])

    /// `{"Ref": name}`: a parameter's value, a resource's physical id, or a pseudo parameter.
    public static func ref(_ name: String) -> CFNValue { .object(["Ref": .string(name)]) }

    /// `{"Fn::GetAtt": [resource, attribute]}`.
    public static func getAtt(_ resource: String, _ attribute: String) -> CFNValue {
        .object(["Fn::GetAtt": .list([.string(resource), .string(attribute)])])
    }

    /// `{"Fn::Sub": text}`: `${Name}` replaced by a parameter, resource or pseudo parameter.
    /// Plain text when `text` has nothing to substitute (cfn-lint warns about a needless Sub).
    public static func sub(_ text: String) -> CFNValue {
        text.contains("${") ? .object(["Fn::Sub": .string(text)]) : .string(text)
    }

    /// `{"Fn::ImportValue": name}`: an output another stack exported.
    public static func importValue(_ name: String) -> CFNValue { .object(["Fn::ImportValue": .string(name)]) }

    /// `arn:${AWS::Partition}:<service>:${AWS::Region}:${AWS::AccountId}:<resource>` as a Sub;
    /// `regional: false` leaves the region empty (IAM, S3).
    public static func arn(_ service: String, _ resource: String, regional: Bool = true, account: Bool = true) -> CFNValue {
        .sub("arn:${AWS::Partition}:\(service):\(regional ? "${AWS::Region}" : ""):\(account ? "${AWS::AccountId}" : ""):\(resource)")
    }

    /// A list of strings.
    public static func strings(_ values: [String]) -> CFNValue { .list(values.map(CFNValue.string)) }

    /// The value as Foundation objects for `JSONSerialization`.
    public var foundationObject: Any {
        switch self {
        case .string(let text): return text
        case .int(let number): return number
        case .bool(let flag): return flag
        case .list(let items): return items.map(\.foundationObject)
        case .object(let fields): return fields.mapValues(\.foundationObject)
        }
    }

    /// The object's fields, or nil for other values.
    public var fields: [String: CFNValue]? {
        if case .object(let fields) = self { return fields }
        return nil
    }

    /// The string, or nil for other values.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The list's items, or nil for other values.
    public var items: [CFNValue]? {
        if case .list(let items) = self { return items }
        return nil
    }
}

extension CFNValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// A string literal.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An integer literal.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// A boolean literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// A list literal.
    public init(arrayLiteral elements: CFNValue...) { self = .list(elements) }
    /// An object literal; a repeated key keeps the last value.
    public init(dictionaryLiteral elements: (String, CFNValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
