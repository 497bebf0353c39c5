/// Variable-length values (strings, binary) packed Arrow-style: all bytes in one buffer and
/// `count + 1` offsets, value `i` being `bytes[offsets[i]..<offsets[i+1]]`.
public struct ByteArrayColumn: Sendable, Hashable {
    public var bytes: [UInt8]
    public var offsets: [Int32]
    public init() {
        bytes = []
        offsets = [0]
    }
    public init(bytes: [UInt8], offsets: [Int32]) {
        self.bytes = bytes
        self.offsets = offsets
    }
    public var count: Int { offsets.count - 1 }
    public mutating func append<C: Collection>(_ value: C) where C.Element == UInt8 {
        bytes.append(contentsOf: value)
        offsets.append(Int32(bytes.count))
    }
    public mutating func appendEmpty() { offsets.append(Int32(bytes.count)) }
    public mutating func reserveCapacity(values: Int, bytes byteCount: Int) {
        offsets.reserveCapacity(values + 1)
        bytes.reserveCapacity(byteCount)
    }
    public subscript(i: Int) -> ArraySlice<UInt8> { bytes[Int(offsets[i])..<Int(offsets[i + 1])] }
    public func string(at i: Int) -> String { String(decoding: self[i], as: UTF8.self) }
}

/// Dense column values: one slot per row, null rows hold a placeholder (0, false, empty).
/// Dates are days (Int32), timestamps the unit count (Int64), decimals the unscaled value
/// (Int64 up to precision 18; big-endian two's complement bytes above).
public enum ColumnValues: Sendable, Hashable {
    case bool([Bool])
    case int32([Int32])
    case int64([Int64])
    case float([Float])
    case double([Double])
    case bytes(ByteArrayColumn)
    /// Lists (and maps, as lists of key-value structs), Arrow-style: row `i` holds the elements
    /// `offsets[i]..<offsets[i+1]` of `values`; a null row holds none.
    indirect case list(offsets: [Int32], values: Column)
    /// Structs: one child column per field, each `count` rows long (a null row's children
    /// hold placeholders).
    indirect case structure(count: Int, fields: [Column])

    public var count: Int {
        switch self {
        case .bool(let v): return v.count
        case .int32(let v): return v.count
        case .int64(let v): return v.count
        case .float(let v): return v.count
        case .double(let v): return v.count
        case .bytes(let v): return v.count
        case .list(let offsets, _): return offsets.count - 1
        case .structure(let count, _): return count
        }
    }
}

/// One column of a batch: values and, when any row is null, a validity mask (`true` = present).
public struct Column: Sendable, Hashable {
    public var values: ColumnValues
    /// nil means every row is present.
    public var validity: [Bool]?
    public init(values: ColumnValues, validity: [Bool]? = nil) {
        self.values = values
        self.validity = validity
    }
    public var count: Int { values.count }
    public func isNull(_ row: Int) -> Bool { validity.map { !$0[row] } ?? false }
    public var nullCount: Int { validity.map { $0.reduce(0) { $0 + ($1 ? 0 : 1) } } ?? 0 }
}

/// A set of equally long columns with their schema: the unit readers produce and writers take.
public struct RecordBatch: Sendable, Hashable {
    public var schema: Schema
    public var columns: [Column]
    public var rowCount: Int
    public init(schema: Schema, columns: [Column], rowCount: Int) {
        self.schema = schema
        self.columns = columns
        self.rowCount = rowCount
    }
}
