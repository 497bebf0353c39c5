#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole records decoded while reading: with a known schema and `nested: keep`, a chunk's
/// records go straight into one builder per field (``NestedColumnBuilder/record(_:)``), with
/// no cells, no copy of their text and no second pass to decode the cells. The record parser
/// and the decoder did that work for every value; this reads each value once.
///
/// It is all or nothing per chunk: at the first record that does not fit (a key the schema
/// lacks or one given twice, a value of another type, a string that is not valid UTF-8, text
/// that is not JSON) the chunk is parsed again with cells, so every error, misfit and
/// widening is the record parser's and the decoder's, exactly as before. A record is decoded
/// here only where the two agree: the builders accept a value only if the decoder would turn
/// its text into the same value.
extension JSONReader {
    /// Decodes the records of `lane` into columns of `fields` (``TokenGrid/records``); false,
    /// when any record does not fit (the caller then fills the lane with cells).
    func parseRecords(_ lane: Lane, fields: [Field]) -> Bool {
        let names = lane.columns.names
        // Only when the columns met so far are the schema's: a column the schema lacks makes
        // the decoder widen, which needs cells.
        guard names.count == fields.count else { return false }
        var columnOfField: [Int] = []
        for field in fields {
            guard let c = names.firstIndex(of: field.name) else { return false }
            columnOfField.append(c)
        }
        let grid = lane.grid
        startFilling(grid, arena: lane.arena, columns: lane.columns)
        let record = NestedColumnBuilder.record(fields)
        let buf = lane.buf
        let n = lane.count
        // A record's values may nest as deep as the record parser lets them.
        let depth = options.maxDepth + 1
        var pos = 0
        var line = 1
        var reachedEnd = false
        while grid.rowCount < grid.rowCapacity {
            while pos < n {
                let c = buf[pos]
                if c > 32 { break }
                if c == 10 {
                    line += 1
                } else if c != 32 && c != 9 && c != 13 {
                    break
                }
                pos += 1
            }
            if pos >= n {
                reachedEnd = true
                break
            }
            guard buf[pos] == 123 else { return false }
            var cursor = JSONCursor(UnsafeRawBufferPointer(start: buf + pos, count: n - pos))
            guard record.append(&cursor, depth: depth) else { return false }
            let end = pos + cursor.pos
            let row = grid.rowCount
            grid.rowLines[row] = line
            grid.rowOffsets[row] = lane.bufferOffset + Int64(pos)
            grid.rowCount += 1
            // Line feeds between a record's values.
            var p = pos
            while p < end, let hit = memchr(buf + p, 10, end - p) {
                line += 1
                p = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - buf + 1
            }
            pos = end
        }
        let columns = record.fieldColumns()
        for (field, column) in zip(fields, columns) where field.type == .string {
            // As the decoder checks top-level strings (the chunk parsed with cells reports it).
            if case .bytes(let text) = column.values, UTF8Validation.firstInvalidValue(text) != nil { return false }
        }
        var records = [Column?](repeating: nil, count: names.count)
        for (i, c) in columnOfField.enumerated() { records[c] = columns[i] }
        grid.records = records
        lane.consumed = pos
        lane.line = line
        lane.reachedEnd = reachedEnd
        lane.isASCII = true
        return true
    }
}
