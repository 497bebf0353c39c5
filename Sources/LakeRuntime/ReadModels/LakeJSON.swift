import Foundation

/// How read models are written as JSON, by the CLI's `--json` and by the HTTP API alike: keys
/// sorted, slashes unescaped, dates as ISO 8601 with milliseconds in UTC.
public enum LakeJSON {
    /// A new encoder with SwiftLake's settings; `pretty` for people (the CLI), compact for the API.
    public static func encoder(pretty: Bool = true) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(timestamp(date))
        }
        return e
    }

    /// `2026-12-04T17:03:25.123Z`.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
