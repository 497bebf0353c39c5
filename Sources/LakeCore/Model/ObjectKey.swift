/// A validated object key: a relative, `/`-separated path of at most 1,024 UTF-8 bytes with no
/// empty, `.` or `..` segments and no NUL or control characters. The same rules hold on every
/// backend, so a key that works embedded works on S3.
public struct ObjectKey: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public static let maxBytes = 1024

    public init(_ raw: String) throws(LakeError) {
        try ObjectKey.validate(raw)
        rawValue = raw
    }

    /// Validates without constructing; throws a ``LakeError`` naming the key and the rule.
    public static func validate(_ raw: String) throws(LakeError) {
        func reject(_ why: String, _ hint: String) -> LakeError {
            LakeError(
                .invalidKey, "invalid object key \(quoted(raw)): \(why)", hint: hint,
                context: ["key": quoted(raw)])
        }
        if raw.isEmpty { throw reject("it is empty", "give a path such as team/dataset/file.json") }
        if raw.utf8.count > maxBytes {
            throw reject(
                "it is \(raw.utf8.count) bytes long, the limit is \(maxBytes)", "use a shorter path")
        }
        if raw.hasPrefix("/") {
            throw reject("it is absolute", "drop the leading '/': keys are relative to a zone")
        }
        for scalar in raw.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7F {
            throw reject(
                "it contains the control character U+\(String(scalar.value, radix: 16, uppercase: true))",
                "remove NUL, newline, tab and other control characters from the name")
        }
        for segment in raw.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.isEmpty {
                throw reject("it has an empty path segment", "remove doubled or trailing '/'")
            }
            if segment == ".." || segment == "." {
                throw reject("it has a '\(segment)' segment", "keys cannot climb or self-reference directories")
            }
        }
    }

    /// The key's `/`-separated segments.
    public var segments: [Substring] { rawValue.split(separator: "/") }
    /// The last segment.
    public var name: String { String(segments.last ?? Substring(rawValue)) }

    public var description: String { rawValue }
    public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        try self.init(raw)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Shows a possibly hostile string safely in an error: control characters are escaped.
func quoted(_ raw: String) -> String {
    var out = "'"
    for scalar in raw.unicodeScalars.prefix(200) {
        if scalar.value < 0x20 || scalar.value == 0x7F {
            out += "\\u{\(String(scalar.value, radix: 16))}"
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    if raw.unicodeScalars.count > 200 { out += "..." }
    return out + "'"
}

/// A zone and a key: the address of one object.
public struct ObjectLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var zone: Zone
    public var key: ObjectKey
    public init(_ zone: Zone, _ key: ObjectKey) {
        self.zone = zone
        self.key = key
    }
    public var description: String { "\(zone)/\(key)" }
}
