import ArgumentParser
import Foundation
import LakeCore
import LakeFormats

/// `lake convert`: CSV or JSON to typed Parquet, streaming, without a lake.
struct ConvertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert", abstract: "Convert a CSV, JSON or JSON Lines file to Parquet.",
        discussion: "The schema is inferred (and widened if a later value needs it) unless --schema gives one: {\"columns\":[{\"name\":\"id\",\"type\":\"int64\",\"nullable\":false}]}. `lake schema FILE` prints the inferred one in that format.")

    @Argument(help: "Input file.") var input: String
    @Argument(help: "Output .parquet file.") var output: String
    @Option(help: "Input format: csv, json or jsonl (default: from the extension).") var format: String?
    @Option(help: "snappy, gzip, zstd, lz4_raw or none.") var compression: String = "snappy"
    @Option(help: "A schema file that wins over inference.") var schema: String?
    @Option(name: .customLong("row-group-mb"), help: "Row group size bound in MiB (default 64).") var rowGroupMB: Int?
    @Option(help: "JSON objects and arrays: flatten (objects to a.b columns, arrays as JSON text), json (both as JSON text) or keep (struct, list and map columns).")
    var nested: String = "flatten"
    @Option(name: .customLong("invalid-utf8"), help: "Text that is not valid UTF-8: error (stop, naming the line) or replace (write U+FFFD).")
    var invalidUTF8: String = "error"
    @OptionGroup var outputOptions: OutputOptions

    func run() async throws {
        var options = ConvertOptions()
        if let format {
            guard let f = InputFormat(rawValue: format) else { throw ValidationError("--format takes csv, json or jsonl") }
            options.format = f
        }
        guard let codec = ParquetCompression(rawValue: compression) else { throw ValidationError("--compression takes snappy, gzip, zstd, lz4_raw or none") }
        options.compression = codec
        options.json.nested = try NestedOption.parse(nested)
        switch invalidUTF8 {
        case "error": break
        case "replace":
            options.csv.invalidUTF8 = .replace
            options.json.invalidUTF8 = .replace
        default: throw ValidationError("--invalid-utf8 takes error or replace")
        }
        if let rowGroupMB {
            guard rowGroupMB >= 1 else { throw ValidationError("--row-group-mb must be at least 1") }
            options.rowGroupMB = rowGroupMB
        }
        options.keyValueMetadata["swiftlake.version"] = SwiftLakeVersion.current
        let inputURL = URL(fileURLWithPath: input)
        guard FileManager.default.fileExists(atPath: inputURL.path) else {
            throw LakeError(.usage, "no such file: \(input)", hint: "check the path")
        }
        if let schema { options.schema = try SchemaFile.load(url: URL(fileURLWithPath: schema)) }
        let summary = try FormatConverter.convert(input: inputURL, output: URL(fileURLWithPath: output), options: options)
        if outputOptions.json {
            try Console.json(Summary(summary, output: output))
        } else {
            print(String(
                format: "%@: %lld rows, %lld -> %lld bytes, %.2fs (%.1f MB/s)", output, summary.rows, summary.inputBytes, summary.outputBytes,
                summary.seconds, Double(summary.inputBytes) / 1e6 / max(summary.seconds, 1e-9)))
            if summary.rowsSkipped > 0 || summary.rowsPadded > 0 {
                print("  \(summary.rowsSkipped) row(s) skipped, \(summary.rowsPadded) padded by the ragged-row policy")
            }
            for w in summary.widenings { Console.note("note: \(w) (a value after the inference sample needed it)") }
            if summary.passes > 1 { Console.note("note: the input was converted \(summary.passes) times; pass --schema to convert it once") }
        }
    }

    struct Summary: Encodable {
        var output: String
        var rows: Int64
        var inputBytes: Int64
        var outputBytes: Int64
        var seconds: Double
        var rowsSkipped: Int
        var rowsPadded: Int
        var columns: [SchemaCommand.ColumnOut]
        /// Passes over the input (more than one when a value widened the inferred schema).
        var passes: Int
        var widenings: [WideningOut]
        init(_ s: ConversionSummary, output: String) {
            self.output = output
            rows = s.rows
            inputBytes = s.inputBytes
            outputBytes = s.outputBytes
            seconds = s.seconds
            rowsSkipped = s.rowsSkipped
            rowsPadded = s.rowsPadded
            columns = s.schema.fields.map(SchemaCommand.ColumnOut.init)
            passes = s.passes
            widenings = s.widenings.map { WideningOut(column: $0.column, from: $0.from?.description, to: $0.to.description) }
        }
    }

    /// A column widened after the sample (no `from`: a column first seen after it).
    struct WideningOut: Encodable {
        var column: String
        var from: String?
        var to: String
    }
}

/// Turns the formats library's errors into the CLI's.
enum FormatErrors {
    static func lake(_ error: FormatError) -> LakeError {
        let usage: Set<String> = ["invalidArgument", "invalidOption", "invalidSchema"]
        var context: [String: String] = [:]
        if let path = error.context.path { context["file"] = path }
        if let column = error.context.column { context["column"] = column }
        if let line = error.context.line { context["line"] = String(line) }
        if let rowGroup = error.context.rowGroup { context["rowGroup"] = String(rowGroup) }
        if let offset = error.context.byteOffset { context["offset"] = String(offset) }
        return LakeError(
            usage.contains(error.code.rawValue) ? .usage : .format, "\(error.code): \(error.message)", hint: error.hint, context: context)
    }
}
