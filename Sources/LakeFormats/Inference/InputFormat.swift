import Foundation

/// The text formats SwiftLake reads.
public enum InputFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// Delimited text (CSV, TSV, semicolon- or pipe-separated).
    case csv
    /// A JSON array of objects, or JSON Lines (detected from the first byte).
    case json
    /// JSON Lines / NDJSON: one object per line.
    case jsonl

    /// The format a file name implies: `.csv`, `.tsv`, `.txt` -> csv; `.json` -> json;
    /// `.jsonl`, `.ndjson` -> jsonl (a trailing `.gz` is not supported). Nil when unknown.
    public init?(fileExtensionOf url: URL) {
        switch url.pathExtension.lowercased() {
        case "csv", "tsv", "txt", "psv": self = .csv
        case "json": self = .json
        case "jsonl", "ndjson": self = .jsonl
        default: return nil
        }
    }

    /// `format`, else the file name's, else a look at the first non-blank byte (`{`/`[` is
    /// JSON, anything else CSV).
    static func resolve(_ format: InputFormat?, url: URL) -> InputFormat {
        if let format { return format }
        if let f = InputFormat(fileExtensionOf: url) { return f }
        guard let handle = try? FileHandle(forReadingFrom: url) else { return .csv }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4096)) ?? Data()
        for b in head where b != 32 && b != 9 && b != 10 && b != 13 && b != 0xEF && b != 0xBB && b != 0xBF {
            return b == UInt8(ascii: "{") || b == UInt8(ascii: "[") ? .json : .csv
        }
        return .csv
    }
}
