import Foundation

/// A DynamoDB attribute value, coded as DynamoDB's JSON (`{"S": "x"}`, `{"N": "1"}`, `{"M": {...}}`).
public indirect enum AttributeValue: Sendable, Hashable, Codable {
    /// A string.
    case s(String)
    /// A number, kept as its decimal text (DynamoDB numbers have 38 digits).
    case n(String)
    /// Binary data (base64 on the wire).
    case b(Data)
    /// A boolean.
    case bool(Bool)
    /// An explicit null.
    case null
    /// A list.
    case l([AttributeValue])
    /// A map.
    case m([String: AttributeValue])
    /// A set of strings.
    case ss([String])
    /// A set of numbers, as decimal text.
    case ns([String])
    /// A set of binary values.
    case bs([Data])

    private enum Key: String, CodingKey {
        case s = "S", n = "N", b = "B", bool = "BOOL", null = "NULL", l = "L", m = "M", ss = "SS", ns = "NS", bs = "BS"
    }

    /// Decodes the single-key object DynamoDB sends.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        guard let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "empty attribute value"))
        }
        switch key {
        case .s: self = .s(try container.decode(String.self, forKey: key))
        case .n: self = .n(try container.decode(String.self, forKey: key))
        case .b: self = .b(try AttributeValue.base64(try container.decode(String.self, forKey: key), decoder))
        case .bool: self = .bool(try container.decode(Bool.self, forKey: key))
        case .null: self = .null
        case .l: self = .l(try container.decode([AttributeValue].self, forKey: key))
        case .m: self = .m(try container.decode([String: AttributeValue].self, forKey: key))
        case .ss: self = .ss(try container.decode([String].self, forKey: key))
        case .ns: self = .ns(try container.decode([String].self, forKey: key))
        case .bs: self = .bs(try container.decode([String].self, forKey: key).map { try AttributeValue.base64($0, decoder) })
        }
    }

    /// Encodes the single-key object DynamoDB expects.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .s(let value): try container.encode(value, forKey: .s)
        case .n(let value): try container.encode(value, forKey: .n)
        case .b(let value): try container.encode(value.base64EncodedString(), forKey: .b)
        case .bool(let value): try container.encode(value, forKey: .bool)
        case .null: try container.encode(true, forKey: .null)
        case .l(let value): try container.encode(value, forKey: .l)
        case .m(let value): try container.encode(value, forKey: .m)
        case .ss(let value): try container.encode(value, forKey: .ss)
        case .ns(let value): try container.encode(value, forKey: .ns)
        case .bs(let value): try container.encode(value.map { $0.base64EncodedString() }, forKey: .bs)
        }
    }

    private static func base64(_ text: String, _ decoder: any Decoder) throws -> Data {
        guard let data = Data(base64Encoded: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid base64"))
        }
        return data
    }

    /// A number attribute.
    public static func number<N: BinaryInteger>(_ value: N) -> AttributeValue { .n(String(value)) }
    /// A number attribute from a double (seconds since the epoch, durations).
    public static func number(_ value: Double) -> AttributeValue { .n(AttributeValue.decimalText(value)) }

    /// The string, when this is `.s`.
    public var string: String? { if case .s(let value) = self { return value } else { return nil } }
    /// The number as an `Int64`, when this is `.n` and integral.
    public var int: Int64? {
        guard case .n(let value) = self else { return nil }
        return Int64(value) ?? Double(value).flatMap { $0.rounded() == $0 ? Int64(exactly: $0) : nil }
    }
    /// The number as a `Double`, when this is `.n`.
    public var double: Double? { if case .n(let value) = self { return Double(value) } else { return nil } }
    /// The bool, when this is `.bool`.
    public var bool: Bool? { if case .bool(let value) = self { return value } else { return nil } }
    /// The map, when this is `.m`.
    public var map: [String: AttributeValue]? { if case .m(let value) = self { return value } else { return nil } }
    /// The list, when this is `.l`.
    public var list: [AttributeValue]? { if case .l(let value) = self { return value } else { return nil } }

    /// Decimal text of a double without exponent noise for whole numbers.
    static func decimalText(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 9e15 { return String(Int64(value)) }
        return String(value)
    }
}

/// A DynamoDB item: attribute name to value.
public typealias DynamoItem = [String: AttributeValue]
