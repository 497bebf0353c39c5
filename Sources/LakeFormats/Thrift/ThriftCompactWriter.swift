/// Encodes Thrift structs in the compact protocol into a byte array.
///
/// Structs are written field by field in increasing field-id order; `beginStruct`/`endStruct`
/// keep the last-field-id stack the protocol's delta encoding needs.
struct ThriftCompactWriter {
    private(set) var bytes: [UInt8] = []
    private var lastFieldID: Int16 = 0
    private var stack: [Int16] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    // MARK: structure

    /// Starts a nested struct (the caller has written its field header or list header).
    mutating func beginStruct() {
        stack.append(lastFieldID)
        lastFieldID = 0
    }

    /// Writes the STOP byte and returns to the enclosing struct.
    mutating func endStruct() {
        bytes.append(0)
        lastFieldID = stack.popLast() ?? 0
    }

    mutating func fieldHeader(_ id: Int16, _ type: ThriftType) {
        let delta = Int(id) - Int(lastFieldID)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeVarint(zigzag(Int64(id)))
        }
        lastFieldID = id
    }

    mutating func listHeader(_ type: ThriftType, count: Int) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | type.rawValue)
        } else {
            bytes.append(0xF0 | type.rawValue)
            writeVarint(UInt64(count))
        }
    }

    // MARK: fields

    mutating func field(_ id: Int16, bool value: Bool) {
        fieldHeader(id, value ? .boolTrue : .boolFalse)
    }

    mutating func field(_ id: Int16, i8 value: Int8) {
        fieldHeader(id, .byte)
        bytes.append(UInt8(bitPattern: value))
    }

    mutating func field(_ id: Int16, i32 value: Int32) {
        fieldHeader(id, .i32)
        writeVarint(zigzag(Int64(value)))
    }

    mutating func field(_ id: Int16, i64 value: Int64) {
        fieldHeader(id, .i64)
        writeVarint(zigzag(value))
    }

    mutating func field(_ id: Int16, binary value: [UInt8]) {
        fieldHeader(id, .binary)
        writeBinary(value)
    }

    mutating func field(_ id: Int16, string value: String) {
        field(id, binary: Array(value.utf8))
    }

    /// Writes a field holding an empty struct (used by Thrift unions of marker structs).
    mutating func field(_ id: Int16, emptyStruct: Void) {
        fieldHeader(id, .struct)
        bytes.append(0)
    }

    /// Writes a struct field whose body `body` writes.
    mutating func field(_ id: Int16, struct body: (inout ThriftCompactWriter) -> Void) {
        fieldHeader(id, .struct)
        beginStruct()
        body(&self)
        endStruct()
    }

    mutating func field(_ id: Int16, i32List values: [Int32]) {
        fieldHeader(id, .list)
        listHeader(.i32, count: values.count)
        for v in values { writeVarint(zigzag(Int64(v))) }
    }

    mutating func field(_ id: Int16, stringList values: [String]) {
        fieldHeader(id, .list)
        listHeader(.binary, count: values.count)
        for v in values { writeBinary(Array(v.utf8)) }
    }

    /// Writes a list of structs, calling `body` once per element between begin/end.
    mutating func field<T>(_ id: Int16, structList values: [T], _ body: (inout ThriftCompactWriter, T) -> Void) {
        fieldHeader(id, .list)
        listHeader(.struct, count: values.count)
        for v in values {
            beginStruct()
            body(&self, v)
            endStruct()
        }
    }

    // MARK: primitives

    mutating func writeBinary(_ value: [UInt8]) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    @inline(__always) func zigzag(_ v: Int64) -> UInt64 {
        UInt64(bitPattern: (v << 1) ^ (v >> 63))
    }
}
