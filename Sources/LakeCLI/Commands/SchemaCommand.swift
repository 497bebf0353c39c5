import ArgumentParser
import Foundation
import LakeCore
import LakeFormats

/// `lake schema`: the inferred schema of a CSV/JSON file, or a Parquet file's schema.
struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Print the inferred schema of a CSV/JSON file, or a Parquet file's schema.",
        discussion: "The output is a valid --schema file for `lake convert`.")

    @Argument(help: "A .csv, .json, .jsonl or .parquet file.") var file: String
    @Option(help: "Input format: csv, json or jsonl (default: from the extension).") var format: String?
    @Option(help: "JSON objects and arrays: flatten, json or keep (struct, list and map columns).") var nested: String = "flatten"
    @OptionGroup var output: OutputOptions

    struct ColumnOut: Encodable {
        var name: String
        var type: String
        var nullable: Bool
        init(_ field: Field) {
            name = field.name
            type = field.type.description
            nullable = field.nullable
        }
    }

    func run() async throws {
        let url = URL(fileURLWithPath: file)
        guard FileManager.default.fileExists(atPath: url.path) else { throw LakeError(.usage, "no such file: \(file)") }
        let schema: Schema
        var notes: [String] = []
        if url.pathExtension.lowercased() == "parquet" || ParquetProbe.isParquet(url) {
            schema = try ParquetReader(url: url).schema
        } else {
            var inputFormat: InputFormat?
            if let format {
                guard let f = InputFormat(rawValue: format) else { throw ValidationError("--format takes csv, json or jsonl") }
                inputFormat = f
            }
            var json = JSONOptions()
            json.nested = try NestedOption.parse(nested)
            let inferred = try SchemaInference.infer(url: url, format: inputFormat, json: json)
            schema = inferred.schema
            notes.append("inferred from \(inferred.rowsSampled) row(s) of \(inferred.format.rawValue)")
            if let d = inferred.delimiter { notes.append("delimiter \(Character(Unicode.Scalar(d)).debugDescription), header: \(inferred.hasHeader ?? false)") }
        }
        if output.json {
            try Console.json(["columns": schema.fields.map(ColumnOut.init)])
        } else {
            print(SchemaFile.render(schema), terminator: "")
            for note in notes { Console.note("note: \(note)") }
        }
    }
}

/// The `--nested` option of `lake convert` and `lake schema`.
enum NestedOption {
    static func parse(_ text: String) throws -> JSONOptions.Nested {
        switch text {
        case "flatten": return .flatten
        case "json": return .keepAsJSON
        case "keep": return .keep
        default: throw ValidationError("--nested takes flatten, json or keep, not '\(text)'")
        }
    }
}

/// Recognises Parquet by its magic bytes.
enum ParquetProbe {
    static func isParquet(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)) == Data("PAR1".utf8)
    }
}
