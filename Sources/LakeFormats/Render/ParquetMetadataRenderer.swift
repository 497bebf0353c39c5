import Foundation

/// Renders ``ParquetMetadata`` for `lake parquet-meta FILE [--json]`: an indented text report
/// or pretty-printed JSON of the Codable model.
public enum ParquetMetadataRenderer {
    /// Pretty-printed JSON with sorted keys (stable for tests and diffs).
    public static func json(_ metadata: ParquetMetadata) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(metadata), as: UTF8.self)
        } catch {
            throw FormatError(.invalidArgument, "cannot encode the metadata as JSON", underlying: "\(error)")
        }
    }

    /// A human-readable report: file summary, schema, then each row group's column chunks.
    public static func text(_ m: ParquetMetadata, path: String? = nil) -> String {
        var lines: [String] = []
        if let path { lines.append("file:        \(path)") }
        lines.append("created by:  \(m.createdBy ?? "unknown")")
        lines.append("version:     \(m.version)")
        lines.append("rows:        \(m.numRows)")
        lines.append("row groups:  \(m.rowGroups.count)")
        lines.append("")
        lines.append("schema (\(m.columns.count) columns):")
        let width = m.columns.map(\.name.count).max() ?? 0
        for c in m.columns {
            var line = "  \(c.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(c.type)"
            line += "  [\(c.physicalType)"
            if let l = c.logicalType { line += " \(l)" }
            line += ", \(c.repetition)]"
            lines.append(line)
        }
        if !m.keyValue.isEmpty {
            lines.append("")
            lines.append("key-value metadata:")
            for kv in m.keyValue {
                let value = kv.value ?? ""
                let shown = value.count > 200 ? String(value.prefix(200)) + "… (\(value.utf8.count) bytes)" : value
                lines.append("  \(kv.key) = \(shown)")
            }
        }
        for (i, g) in m.rowGroups.enumerated() {
            lines.append("")
            var head = "row group \(i): \(g.numRows) rows, \(g.totalByteSize) bytes uncompressed"
            if let c = g.totalCompressedSize { head += ", \(c) compressed" }
            lines.append(head)
            for c in g.columns {
                lines.append("  \(c.path): \(c.physicalType) \(c.codec) [\(c.encodings.joined(separator: ", "))]")
                var sizes = "    values \(c.numValues), \(c.compressedSize) bytes (\(c.uncompressedSize) uncompressed)"
                sizes += ", data page @\(c.dataPageOffset)"
                if let d = c.dictionaryPageOffset { sizes += ", dictionary @\(d)" }
                lines.append(sizes)
                if let s = c.statistics {
                    var stats = "    nulls \(s.nullCount.map(String.init) ?? "?")"
                    if let lo = s.min, let hi = s.max {
                        stats += ", min \(display(lo)), max \(display(hi))"
                    }
                    lines.append(stats)
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Shortens long statistics values and keeps control characters off the terminal.
    static func display(_ s: String) -> String {
        let clipped = s.count > 64 ? String(s.prefix(64)) + "…" : s
        return RowJSONRenderer.quoted(clipped)
    }
}
