import Foundation
import LakeCore
import LakeFormats

/// Stage A `csv-normalize`: detects the delimiter and header, trims whitespace, checks UTF-8
/// (or replaces invalid bytes with `invalid_utf8: replace`), and writes comma-separated UTF-8
/// with a header as `<name>.csv`.
public struct CSVNormalizeTransform: LightTransform {
    public var options: CSVOptions

    /// The options `lake config validate` checks.
    public static let options = [
        TransformOptionSpec("invalid_utf8", .string, default: "error", allowed: ["error", "replace"],
                            summary: "invalid UTF-8: fail the object, or replace bad bytes with U+FFFD"),
        TransformOptionSpec("delimiter", .string, summary: "the field delimiter, one character (default: detected)"),
    ]

    public init(options: TransformOptions) throws {
        var csv = CSVOptions(trimWhitespace: true)
        switch try options.string("invalid_utf8", transform: "csv-normalize") {
        case nil, "error"?: csv.invalidUTF8 = .error
        case "replace"?: csv.invalidUTF8 = .replace
        case let other?:
            throw LakeError(.invalidConfig, "option 'invalid_utf8' of csv-normalize must be error or replace, not '\(other)'", context: ["transform": "csv-normalize"])
        }
        if let delimiter = try options.string("delimiter", transform: "csv-normalize") {
            guard delimiter.utf8.count == 1, let byte = delimiter.utf8.first else {
                throw LakeError(.invalidConfig, "option 'delimiter' of csv-normalize must be one character", context: ["transform": "csv-normalize"])
            }
            csv.delimiter = byte
        }
        self.options = csv
    }

    public func run(_ input: LightTransformInput) async throws -> [TransformOutput] {
        let name = input.baseName + ".csv"
        let out = input.outputDirectory.appendingPathComponent(name)
        do {
            let summary = try CSVNormalizer.normalize(input: input.file, output: out, options: options)
            return [TransformOutput(table: input.table, name: name, file: out, rows: Int64(summary.rows))]
        } catch {
            throw LakeError(.format, "\(input.location.key): \(error.message)", hint: error.hint, context: ["key": input.location.key.rawValue])
        }
    }
}

/// Stage A `auto`: `json-flatten` for .json/.jsonl/.ndjson, `csv-normalize` for .csv/.tsv/.txt,
/// `passthrough` for anything else. Options go to the transform chosen.
public struct AutoLightTransform: LightTransform {
    let json: JSONFlattenTransform
    let csv: CSVNormalizeTransform

    public init(options: TransformOptions) throws {
        json = try JSONFlattenTransform(options: options.filter { $0.key == "nested" })
        csv = try CSVNormalizeTransform(options: options.filter { $0.key == "invalid_utf8" || $0.key == "delimiter" })
    }

    public func run(_ input: LightTransformInput) async throws -> [TransformOutput] {
        switch input.location.key.name.split(separator: ".").last.map({ $0.lowercased() }) {
        case "json"?, "jsonl"?, "ndjson"?: return try await json.run(input)
        case "csv"?, "tsv"?, "txt"?: return try await csv.run(input)
        default: return try await PassthroughTransform().run(input)
        }
    }
}
