import Foundation

/// The `csv-normalize` light transform: reads any delimited file (delimiter and header
/// detected, whitespace trimmed, UTF-8 checked or repaired) and writes plain comma-separated
/// UTF-8 with a header row and `\n` line ends. Streaming; the output appears only when complete.
public enum CSVNormalizer {
    /// What a normalization did.
    public struct Summary: Sendable, Hashable {
        /// Data rows written.
        public var rows: Int
        /// Rows dropped by the ragged-row policy.
        public var rowsSkipped: Int
        /// Rows padded or cut by the ragged-row policy.
        public var rowsPadded: Int
        /// The delimiter found in the input.
        public var inputDelimiter: UInt8
        /// Whether the input had a header (without one, `column1`... is written).
        public var inputHadHeader: Bool
        /// The column names written.
        public var columns: [String]
    }

    /// Normalizes `input` into `output`. `options.trimWhitespace` defaults to true here.
    public static func normalize(
        input: URL, output: URL, options: CSVOptions = CSVOptions(trimWhitespace: true)
    ) throws(FormatError) -> Summary {
        let reader = try CSVReader(url: input, options: options)
        let temp = FormatConverter.temporaryURL(for: output)
        do throws(FormatError) {
            let writer = try CSVWriter(url: temp)
            try writer.writeRow(reader.columnNames)
            var repaired: [UInt8] = []
            var decoder = ColumnDecoder(nulls: NullTokens([], quotedCanBeNull: false), invalidUTF8: .replace, quote: options.quote)
            while let grid = try reader.nextGrid() {
                let ascii = reader.batchIsASCII
                guard let base = grid.base?.assumingMemoryBound(to: UInt8.self) else { continue }
                for r in 0..<grid.rowCount {
                    for c in 0..<grid.columnCount {
                        if c > 0 { writer.appendDelimiter() }
                        let i = c * grid.rowCapacity + r
                        let k = grid.kinds[i]
                        if k == CellKind.missing { continue }
                        let p = base + Int(grid.starts[i])
                        let n = Int(grid.lengths[i])
                        if k == CellKind.quotedEscaped || k == CellKind.mixed {
                            decoder.unescape(p, n, kind: k)
                            repaired = decoder.scratch
                        } else if !ascii {
                            repaired.removeAll(keepingCapacity: true)
                            repaired.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
                        }
                        let usesCopy = k == CellKind.quotedEscaped || k == CellKind.mixed || !ascii
                        if usesCopy {
                            if !ascii, let bad = UTF8Validation.firstInvalid(repaired) {
                                if options.invalidUTF8 == .error {
                                    throw FormatError.at(
                                        .invalidUTF8, "a value is not valid UTF-8",
                                        hint: "re-encode the file as UTF-8 or normalize with invalidUTF8 .replace",
                                        line: grid.rowLines[r], byteOffset: Int(grid.rowOffsets[r]) + bad,
                                        column: reader.columnNames[c], path: input.path)
                                }
                                let raw = repaired
                                repaired.removeAll(keepingCapacity: true)
                                raw.withUnsafeBufferPointer { b in
                                    if let bp = b.baseAddress { UTF8Validation.appendRepairing(bp, b.count, to: &repaired) }
                                }
                            }
                            repaired.withUnsafeBufferPointer { b in
                                writer.appendField(b.baseAddress ?? p, b.count, forceQuote: k != CellKind.plain && b.isEmpty)
                            }
                            continue
                        }
                        writer.appendField(p, n, forceQuote: k != CellKind.plain && n == 0)
                    }
                    try writer.endRow()
                }
            }
            try writer.close()
            try FormatConverter.moveIntoPlace(temp, output)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
        return Summary(
            rows: reader.rowsRead, rowsSkipped: reader.rowsSkipped, rowsPadded: reader.rowsPadded,
            inputDelimiter: reader.delimiter, inputHadHeader: reader.hasHeader, columns: reader.columnNames)
    }
}
