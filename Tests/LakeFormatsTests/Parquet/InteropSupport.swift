import Foundation
import LakeTestSupport
import LakeFormats
import Testing

/// Runs the Python interop scripts next to these tests and exchanges JSON with them.
/// pyarrow and duckdb must be installed (scripts/ensure-test-deps.sh): the tests fail, not
/// skip, when they are missing.
enum Interop {
    /// `Tests/LakeFormatsTests/Interop/<name>`, found from this file's path.
    static func script(_ name: String, file: String = #filePath) -> String {
        URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Interop").appendingPathComponent(name).path
    }

    /// Runs `python3 script args...`; throws with its stderr when it fails.
    static func python(_ scriptName: String, _ args: [String]) throws {
        _ = try Subprocess.output(["python3", script(scriptName)] + args)
    }

    /// Reads a JSON file written by a script.
    static func json(_ path: String) throws -> Any {
        try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// A fresh temporary directory, removed by the caller with `cleanup`.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lakeformats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func cleanup(_ url: URL) { try? FileManager.default.removeItem(at: url) }

    /// The canonical text of a value, matching interop_common.py: ints as digits, floats as
    /// IEEE bits ("nan" for NaN), timestamps in microseconds, dates in days, decimals as exact
    /// text, binary as "b64:" + base64, nil for null.
    static func canonical(_ value: Value) -> String? {
        switch value {
        case .null: return nil
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let f): return f.isNaN ? "nan" : String(Int32(bitPattern: f.bitPattern))
        case .double(let d): return d.isNaN ? "nan" : String(Int64(bitPattern: d.bitPattern))
        case .string(let s): return s
        case .binary(let b): return "b64:" + Data(b).base64EncodedString()
        case .date(let d): return String(d)
        case .timestamp(let v, let unit): return String(unit == .millis ? v * 1000 : v)
        case .decimal(let unscaled, let scale): return ValueFormatter.text(.decimal(unscaled: unscaled, scale: scale))
        case .list, .structure, .map: return ValueFormatter.text(value)
        }
    }

    /// The nested canonical form of parquet_nested_dump.py: lists `{"l":[...]}`, structs
    /// `{"s":[[name,v],...]}`, maps `{"m":[[k,v],...]}`, leaves their ``canonical(_:)`` text;
    /// JSON with sorted keys and no spaces, nil for null.
    static func nestedText(_ value: Value) -> String? {
        func tree(_ v: Value) -> Any {
            switch v {
            case .null: return NSNull()
            case .list(let items): return ["l": items.map(tree)]
            case .structure(let names, let values): return ["s": zip(names, values).map { [$0, tree($1)] }]
            case .map(let keys, let values): return ["m": zip(keys, values).map { [tree($0), tree($1)] }]
            default: return canonical(v) ?? NSNull()
            }
        }
        guard value != .null else { return nil }
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]
        guard let data = try? JSONSerialization.data(withJSONObject: tree(value), options: options) else { return "unencodable" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Nested canonical columns (``nestedText(_:)``) of batches.
    static func nestedColumns(_ batches: [RecordBatch]) -> [[String?]] {
        guard let first = batches.first else { return [] }
        var columns = [[String?]](repeating: [], count: first.schema.fields.count)
        for batch in batches {
            for (i, field) in batch.schema.fields.enumerated() {
                for r in 0..<batch.rowCount { columns[i].append(nestedText(batch.columns[i].value(at: r, type: field.type))) }
            }
        }
        return columns
    }

    /// Canonical columns of every row group of a file read with ParquetReader.
    static func canonicalColumns(_ reader: ParquetReader) throws -> [[String?]] {
        var columns = [[String?]](repeating: [], count: reader.schema.fields.count)
        for g in 0..<reader.rowGroupCount {
            let batch = try reader.readRowGroup(g)
            for (i, field) in batch.schema.fields.enumerated() {
                for r in 0..<batch.rowCount {
                    columns[i].append(canonical(batch.columns[i].value(at: r, type: field.type)))
                }
            }
        }
        return columns
    }

    /// Canonical columns of a batch list written by SwiftLake.
    static func canonicalColumns(_ batches: [RecordBatch]) -> [[String?]] {
        guard let first = batches.first else { return [] }
        var columns = [[String?]](repeating: [], count: first.schema.fields.count)
        for batch in batches {
            for (i, field) in batch.schema.fields.enumerated() {
                for r in 0..<batch.rowCount {
                    columns[i].append(canonical(batch.columns[i].value(at: r, type: field.type)))
                }
            }
        }
        return columns
    }

    /// Nil when the columns are equal, else where they first differ (short enough for a test
    /// message, unlike the columns themselves).
    static func difference(_ actual: [[String?]], _ expected: [[String?]], names: [String] = []) -> String? {
        guard actual != expected else { return nil }
        guard actual.count == expected.count else { return "\(actual.count) columns, \(expected.count) expected" }
        for (c, (a, e)) in zip(actual, expected).enumerated() where a != e {
            let name = c < names.count ? names[c] : "#\(c)"
            guard a.count == e.count else { return "column \(name): \(a.count) values, \(e.count) expected" }
            if let r = a.indices.first(where: { a[$0] != e[$0] }) {
                return "column \(name) row \(r): \(a[r] ?? "null") but \(e[r] ?? "null") expected"
            }
        }
        return "columns differ"
    }

    /// The "columns" array of a script's JSON as optional strings.
    static func columns(_ json: Any) -> [[String?]] {
        guard let dict = json as? [String: Any], let cols = dict["columns"] as? [[Any]] else { return [] }
        return cols.map { $0.map { $0 as? String } }
    }
}
