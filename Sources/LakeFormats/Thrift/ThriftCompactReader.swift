/// Decodes the Thrift compact protocol from a byte buffer, checking every length against the
/// bytes that remain: corrupt input throws ``FormatError`` (code `corrupt` or `truncated`),
/// never traps, and never allocates more than the input could hold.
struct ThriftCompactReader {
    let bytes: [UInt8]
    private(set) var position: Int
    let end: Int
    /// Byte offset of `bytes[0]` in the file, for error messages.
    let baseOffset: Int64
    private var lastFieldID: Int16 = 0
    private var stack: [Int16] = []
    private static let maxDepth = 64

    /// Reads `bytes[start..<end]`; `baseOffset` is where `bytes[0]` sits in the file.
    init(_ bytes: [UInt8], start: Int = 0, end: Int? = nil, baseOffset: Int64 = 0) {
        self.bytes = bytes
        self.position = start
        self.end = min(end ?? bytes.count, bytes.count)
        self.baseOffset = baseOffset
    }

    var remaining: Int { end - position }

    func corrupt(_ what: String) -> FormatError {
        FormatError.corrupt(
            "invalid Thrift metadata: \(what)",
            context: FormatError.Context(byteOffset: baseOffset + Int64(position)))
    }

    func truncated(_ what: String) -> FormatError {
        FormatError.truncated(
            "Thrift metadata ends early while reading \(what)",
            context: FormatError.Context(byteOffset: baseOffset + Int64(position)))
    }

    // MARK: structure

    mutating func beginStruct() throws {
        guard stack.count < Self.maxDepth else { throw corrupt("structs nested too deeply") }
        stack.append(lastFieldID)
        lastFieldID = 0
    }

    mutating func endStruct() {
        lastFieldID = stack.popLast() ?? 0
    }

    /// Reads the next field header; nil at the struct's STOP byte.
    mutating func readFieldHeader() throws -> (id: Int16, type: ThriftType)? {
        let byte = try readByte()
        if byte == 0 { return nil }
        guard let type = ThriftType(rawValue: byte & 0x0F) else {
            throw corrupt("unknown field type \(byte & 0x0F)")
        }
        let delta = byte >> 4
        let id: Int16
        if delta != 0 {
            id = lastFieldID &+ Int16(delta)
        } else {
            let raw = try readZigzag()
            guard let small = Int16(exactly: raw) else { throw corrupt("field id out of range") }
            id = small
        }
        lastFieldID = id
        return (id, type)
    }

    /// Reads a list (or set) header. The count is checked against the remaining bytes, since
    /// every element takes at least one byte.
    mutating func readListHeader() throws -> (type: ThriftType, count: Int) {
        let byte = try readByte()
        guard let type = ThriftType(rawValue: byte & 0x0F) else {
            throw corrupt("unknown list element type \(byte & 0x0F)")
        }
        var count = Int(byte >> 4)
        if count == 15 {
            let raw = try readVarint()
            guard raw <= UInt64(Int32.max) else { throw corrupt("list size \(raw) too large") }
            count = Int(raw)
        }
        guard count <= remaining else { throw truncated("a list of \(count) elements") }
        return (type, count)
    }

    // MARK: values

    mutating func readByte() throws -> UInt8 {
        guard position < end else { throw truncated("a byte") }
        let b = bytes[position]
        position += 1
        return b
    }

    mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try readByte()
            guard shift < 64 else { throw corrupt("varint longer than 10 bytes") }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
        }
    }

    mutating func readZigzag() throws -> Int64 {
        let v = try readVarint()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    mutating func readI32() throws -> Int32 {
        let v = try readZigzag()
        guard let small = Int32(exactly: v) else { throw corrupt("i32 value out of range") }
        return small
    }

    mutating func readI64() throws -> Int64 { try readZigzag() }

    mutating func readBinary() throws -> [UInt8] {
        let n = try readVarint()
        guard n <= UInt64(remaining) else { throw truncated("a binary of \(n) bytes") }
        let count = Int(n)
        let out = Array(bytes[position..<position + count])
        position += count
        return out
    }

    mutating func readString() throws -> String {
        String(decoding: try readBinary(), as: UTF8.self)
    }

    /// Reads a bool field's value: compact protocol carries it in the field type.
    func boolValue(_ type: ThriftType) throws -> Bool {
        switch type {
        case .boolTrue: return true
        case .boolFalse: return false
        default: throw corrupt("expected a bool field, found type \(type.rawValue)")
        }
    }

    /// Reads a bool list element (one byte, 1 = true).
    mutating func readListBool() throws -> Bool { try readByte() == 1 }

    /// Checks a field has the expected type before reading it.
    func expect(_ type: ThriftType, _ actual: ThriftType, field: String) throws {
        let ok = type == actual || (type == .boolTrue && actual == .boolFalse)
        guard ok else { throw corrupt("field \(field) has type \(actual.rawValue), expected \(type.rawValue)") }
    }

    /// Skips a value of `type` (used for fields this reader does not know).
    mutating func skip(_ type: ThriftType, depth: Int = 0) throws {
        guard depth < Self.maxDepth else { throw corrupt("values nested too deeply") }
        switch type {
        case .stop: throw corrupt("unexpected STOP")
        case .boolTrue, .boolFalse: return
        case .byte: _ = try readByte()
        case .i16, .i32, .i64: _ = try readVarint()
        case .double:
            guard remaining >= 8 else { throw truncated("a double") }
            position += 8
        case .binary:
            let n = try readVarint()
            guard n <= UInt64(remaining) else { throw truncated("a binary of \(n) bytes") }
            position += Int(n)
        case .list, .set:
            let (elem, count) = try readListHeader()
            for _ in 0..<count {
                if elem == .boolTrue || elem == .boolFalse { _ = try readByte() } else {
                    try skip(elem, depth: depth + 1)
                }
            }
        case .map:
            let raw = try readVarint()
            guard raw <= UInt64(remaining) else { throw truncated("a map of \(raw) entries") }
            if raw == 0 { return }
            let kv = try readByte()
            guard let k = ThriftType(rawValue: kv >> 4), let v = ThriftType(rawValue: kv & 0x0F) else {
                throw corrupt("unknown map types")
            }
            for _ in 0..<Int(raw) {
                if k == .boolTrue || k == .boolFalse { _ = try readByte() } else { try skip(k, depth: depth + 1) }
                if v == .boolTrue || v == .boolFalse { _ = try readByte() } else { try skip(v, depth: depth + 1) }
            }
        case .struct:
            try beginStruct()
            while let (_, t) = try readFieldHeader() { try skip(t, depth: depth + 1) }
            endStruct()
        }
    }
}
