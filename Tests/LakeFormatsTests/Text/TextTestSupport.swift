import Foundation
import LakeTestSupport
import Testing

@testable import LakeFormats

/// A fresh temporary directory per test, removed at the end.
final class TempDir {
    let url: URL
    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("lft-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` (or bytes) to `name` and returns its URL.
    func file(_ name: String, _ text: String) -> URL { file(name, Array(text.utf8)) }
    func file(_ name: String, _ bytes: [UInt8]) -> URL {
        let u = url.appendingPathComponent(name)
        _ = FileManager.default.createFile(atPath: u.path, contents: Data(bytes))
        return u
    }
    func path(_ name: String) -> URL { url.appendingPathComponent(name) }
}

/// Runs python3 with `script` and arguments; returns stdout (throws on failure).
func python(_ script: String, _ args: [String] = []) throws -> String { try Subprocess.python(script, args) }

/// All rows of a CSV file read with the reader, as strings (nil for null), via a string schema.
func readAllStrings(_ url: URL, _ options: CSVOptions = CSVOptions()) throws -> (names: [String], rows: [[String?]], reader: CSVReader) {
    let reader = try CSVReader(url: url, options: options)
    let schema = Schema(reader.columnNames.map { Field(name: $0, type: .string) })
    var rows: [[String?]] = []
    while let batch = try reader.next(schema: schema) {
        for r in 0..<batch.rowCount {
            rows.append(batch.columns.map { col in
                guard !col.isNull(r), case .bytes(let b) = col.values else { return nil }
                return b.string(at: r)
            })
        }
    }
    return (reader.columnNames, rows, reader)
}

/// All rows of a JSON file with the inferred schema, rendered as strings.
func readAllJSON(_ url: URL, _ options: JSONOptions = JSONOptions()) throws -> (names: [String], rows: [[String?]]) {
    let reader = try JSONReader(url: url, options: options)
    var rows: [[String?]] = []
    var names: [String] = []
    while let batch = try reader.nextTextRows() {
        names = batch.names
        rows += batch.rows
    }
    return (names, rows.map { r in r + Array(repeating: nil, count: max(0, names.count - r.count)) })
}

/// The FormatError `body` throws, or nil (recording an issue) when it throws nothing else.
func formatError(_ body: () throws -> Void) -> FormatError? {
    do {
        try body()
    } catch {
        if let e = error as? FormatError { return e }
        Issue.record("unexpected error \(error)")
        return nil
    }
    Issue.record("expected an error")
    return nil
}
