import Foundation
import LakeFormats

/// A table with every SwiftLake type and the awkward values interop must survive: nulls,
/// unicode, empty strings, Int32/Int64 extremes, NaN, ±infinity, -0.0, pre-1970 timestamps and
/// dates, decimals of every storage width (negative ones too), required and optional columns.
enum AllTypesFixture {
    static let schema = Schema([
        Field(name: "req_i64", type: .int64, nullable: false),
        Field(name: "b", type: .bool),
        Field(name: "i32", type: .int32),
        Field(name: "i64", type: .int64),
        Field(name: "f32", type: .float),
        Field(name: "f64", type: .double),
        Field(name: "s", type: .string),
        Field(name: "bin", type: .binary),
        Field(name: "d", type: .date),
        Field(name: "ts_ms", type: .timestamp(.millis)),
        Field(name: "ts_us", type: .timestamp(.micros)),
        Field(name: "dec9", type: .decimal(precision: 9, scale: 2)),
        Field(name: "dec18", type: .decimal(precision: 18, scale: 6)),
        Field(name: "dec38", type: .decimal(precision: 38, scale: 0)),
        Field(name: "req_s", type: .string, nullable: false),
        Field(name: "all_null", type: .double),
    ])

    static let strings = ["", "héllo wörld", "日本語テキスト", "emoji 🚀🎉", "quote \" backslash \\ tab \t nl \n", "\u{01}\u{1F}ctl", "plain"]
    static let int32s: [Int32] = [.min, .max, 0, -1, 1, 123_456]
    static let int64s: [Int64] = [.min, .max, 0, -1, 9_007_199_254_740_993]
    static let floats: [Float] = [.nan, .infinity, -.infinity, -0.0, 0.0, 1.5, -3.25, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
    static let doubles: [Double] = [.nan, .infinity, -.infinity, -0.0, 0.0, 0.1, -1e300, .leastNonzeroMagnitude]
    static let dates: [Int32] = [-719_162, -1, 0, 19_782, 2_932_896]
    static let millis: [Int64] = [-62_135_596_800_000, -1, 0, 1_700_000_000_123, 253_402_300_799_999]
    static let micros: [Int64] = [-1, -86_400_000_001, 0, 1_700_000_000_123_456]
    static let dec9: [Int64] = [999_999_999, -999_999_999, 0, -1, 12_345]
    static let dec18: [Int64] = [999_999_999_999_999_999, -999_999_999_999_999_999, 1, -123_456_789]
    static let dec38: [[UInt8]] = [
        hex("4b3b4ca85a86c47a098a223fffffffff"), hex("b4c4b357a5793b85f675ddc000000001"),
        [0x00], [0xFF], hex("fa9438a1d29cf00000"), [0x01, 0x00],
    ]

    static func hex(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var chars = Array(text.utf8)[...]
        while chars.count >= 2 {
            out.append(UInt8(String(decoding: chars.prefix(2), as: UTF8.self), radix: 16) ?? 0)
            chars = chars.dropFirst(2)
        }
        return out
    }

    /// Rows `start..<start+count`. Column k is null on rows where (row + k) % (3 + k % 4) == 0.
    static func batch(start: Int, count: Int) -> RecordBatch {
        var cols: [Column] = []
        for (k, field) in schema.fields.enumerated() {
            let nullable = field.nullable
            let valid: [Bool] = (0..<count).map { r in
                if field.name == "all_null" { return false }
                return !nullable || (start + r + k) % (3 + k % 4) != 0
            }
            let rows = (start..<(start + count))
            func pick<T>(_ values: [T]) -> [T] { rows.map { values[$0 % values.count] } }
            func bytes(_ values: [[UInt8]]) -> ByteArrayColumn {
                var c = ByteArrayColumn()
                for (i, r) in rows.enumerated() {
                    if valid[i] { c.append(values[r % values.count]) } else { c.appendEmpty() }
                }
                return c
            }
            let values: ColumnValues
            switch field.name {
            case "req_i64": values = .int64(rows.map { Int64($0) * 7 - 1000 })
            case "b": values = .bool(rows.map { $0 % 3 == 1 })
            case "i32": values = .int32(pick(int32s))
            case "i64": values = .int64(pick(int64s))
            case "f32": values = .float(pick(floats))
            case "f64", "all_null": values = .double(pick(doubles))
            case "s": values = .bytes(bytes(strings.map { Array($0.utf8) }))
            case "bin": values = .bytes(bytes([[], [0, 255, 128], Array("abc".utf8)]))
            case "d": values = .int32(pick(dates))
            case "ts_ms": values = .int64(pick(millis))
            case "ts_us": values = .int64(pick(micros))
            case "dec9": values = .int64(pick(dec9))
            case "dec18": values = .int64(pick(dec18))
            case "dec38": values = .bytes(bytes(dec38))
            default: values = .bytes(bytes(rows.map { Array("row \($0 % 500)".utf8) }))
            }
            cols.append(Column(values: values, validity: valid.allSatisfy { $0 } ? nil : valid))
        }
        return RecordBatch(schema: schema, columns: cols, rowCount: count)
    }
}
