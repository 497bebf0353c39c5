import Foundation
import LakeCore

/// How the embedded databases store values that SQLite has no type for.
///
/// Times are REAL seconds since Foundation's reference date (2001-01-01 UTC): that is what
/// `Date` holds, so a stored date reads back equal to the one written. Collections are JSON text.
enum SQLiteValues {
    /// A date as stored.
    static func time(_ date: Date) -> Double { date.timeIntervalSinceReferenceDate }

    /// A stored time as a date.
    static func date(_ time: Double) -> Date { Date(timeIntervalSinceReferenceDate: time) }

    /// An optional stored time as a date.
    static func date(_ time: Double?) -> Date? { time.map { Date(timeIntervalSinceReferenceDate: $0) } }

    /// One encoder and one decoder for every call (their settings never change; making one per
    /// value was a measurable part of writing a batch's execution rows).
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
    private static let decoder = JSONDecoder()

    /// Encodes a value as JSON text with sorted keys (so equal values give equal text).
    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes JSON text written by ``json(_:)``.
    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try decoder.decode(type, from: Data(text.utf8))
    }

    /// A string map as JSON text, or nil when it is empty.
    static func jsonMap(_ map: [String: String]) throws -> String? {
        map.isEmpty ? nil : try json(map)
    }

    /// A string map read back from ``jsonMap(_:)``.
    static func map(_ text: String?) throws -> [String: String] {
        guard let text else { return [:] }
        return try decode([String: String].self, from: text)
    }

    /// The smallest string greater than every string that starts with `prefix`, for index range
    /// scans (`key >= prefix AND key < upperBound`); nil when there is none. SQLite compares TEXT
    /// bytewise (UTF-8), which is the order of Unicode scalar values.
    static func upperBound(ofPrefix prefix: String) -> String? {
        var scalars = Array(prefix.unicodeScalars)
        while let last = scalars.popLast() {
            var value = last.value + 1
            if value == 0xD800 { value = 0xE000 }
            if let next = Unicode.Scalar(value) {
                scalars.append(next)
                var result = String.UnicodeScalarView()
                result.append(contentsOf: scalars)
                return String(result)
            }
        }
        return nil
    }
}
