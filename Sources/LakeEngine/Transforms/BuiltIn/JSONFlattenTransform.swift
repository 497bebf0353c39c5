import Foundation
import LakeCore

/// Stage A `json-flatten`: reads a JSON array of objects or JSON Lines and writes JSON Lines
/// with only the top-level scalar fields (SDLF's light transform, which also reads JSON Lines).
///
/// Options: `nested: drop` (default) drops nested objects and arrays; `nested: json` keeps them
/// as JSON text; `nested: keep` passes them through as they are (pair it with the `parquet`
/// transform's `nested: keep` to get struct, list and map columns).
public struct JSONFlattenTransform: LightTransform {
    public enum Nested: String, Sendable, CaseIterable { case drop, json, keep }
    public var nested: Nested

    public init(nested: Nested = .drop) { self.nested = nested }

    /// The options `lake config validate` checks.
    public static let options = [
        TransformOptionSpec("nested", .string, default: "drop", allowed: Nested.allCases.map(\.rawValue),
                            summary: "nested objects and arrays: drop them (SDLF), keep them as JSON text, or keep them as they are"),
    ]

    public init(options: TransformOptions) throws {
        let raw = try options.string("nested", transform: "json-flatten") ?? "drop"
        guard let mode = Nested(rawValue: raw) else {
            throw LakeError(.invalidConfig, "option 'nested' of json-flatten must be 'drop', 'json' or 'keep', not '\(raw)'", context: ["transform": "json-flatten"])
        }
        nested = mode
    }

    public func run(_ input: LightTransformInput) async throws -> [TransformOutput] {
        let bytes = try [UInt8](Data(contentsOf: input.file))
        let records: [JSONValue]
        do {
            records = try Self.records(in: bytes)
        } catch {
            throw LakeError(
                .format, "\(input.location.key) is not valid JSON or JSON Lines: \(error)",
                hint: "fix the file and land it again; it stays in the stage-A dead-letter queue until redriven",
                context: ["key": input.location.key.rawValue])
        }
        var out = ""
        out.reserveCapacity(bytes.count)
        for record in records {
            guard case .object(let members) = record else {
                throw LakeError(.format, "\(input.location.key) holds a JSON value that is not an object", context: ["key": input.location.key.rawValue])
            }
            var flat: [(String, JSONValue)] = []
            flat.reserveCapacity(members.count)
            for (key, value) in members {
                if value.isScalar || nested == .keep {
                    flat.append((key, value))
                } else if nested == .json {
                    flat.append((key, .string(value.text)))
                }
            }
            JSONValue.object(flat).write(into: &out)
            out += "\n"
        }
        let name = input.baseName + ".jsonl"
        let file = input.outputDirectory.appendingPathComponent(name)
        try ScratchFile.save(Data(out.utf8), to: file)
        return [TransformOutput(table: input.table, name: name, file: file, rows: Int64(records.count))]
    }

    /// A top-level array's elements, a single object, or one value per line.
    static func records(in bytes: [UInt8]) throws(JSONSyntaxError) -> [JSONValue] {
        var first = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { first = 3 }
        while first < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[first]) { first += 1 }
        guard first < bytes.count else { return [] }
        let body = Array(bytes[first...])
        if body[0] == UInt8(ascii: "[") {
            if case .array(let items) = try JSONParser.parse(body) { return items }
        }
        return try JSONParser.parseLines(body)
    }
}
