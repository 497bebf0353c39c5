/// Non-null values of one physical type, decoded from PLAIN pages or gathered through a
/// dictionary. One of the arrays is used, by ``physical``. Every decode checks the page has the
/// bytes it needs before reading them.
struct ValueBuffer {
    let physical: ParquetThrift.PhysicalType
    /// Bytes per value for FIXED_LEN_BYTE_ARRAY.
    let typeLength: Int
    var bools: [Bool] = []
    var int32s: [Int32] = []
    /// INT64 values, and INT96 timestamps already converted to microseconds.
    var int64s: [Int64] = []
    var floats: [Float] = []
    var doubles: [Double] = []
    var bytes = ByteArrayColumn()

    init(physical: ParquetThrift.PhysicalType, typeLength: Int) {
        self.physical = physical
        self.typeLength = typeLength
    }

    var count: Int {
        switch physical {
        case .boolean: return bools.count
        case .int32: return int32s.count
        case .int64, .int96: return int64s.count
        case .float: return floats.count
        case .double: return doubles.count
        case .byteArray, .fixedLenByteArray: return bytes.count
        }
    }

    /// Decodes `count` PLAIN values from `page[start...]`; returns the offset after them.
    @discardableResult
    mutating func appendPlain(_ page: UnsafeRawBufferPointer, from start: Int, count: Int) throws -> Int {
        guard count >= 0 else { throw FormatError.corrupt("negative value count") }
        let available = page.count - start
        func need(_ n: Int) throws {
            guard n <= available else {
                throw FormatError.corrupt("page holds fewer values than its header announces")
            }
        }
        guard let base = page.baseAddress, count > 0 else { return start }
        let p = base + start
        switch physical {
        case .boolean:
            try need((count + 7) / 8)
            bools.reserveCapacity(bools.count + count)
            for i in 0..<count {
                bools.append(p.load(fromByteOffset: i >> 3, as: UInt8.self) >> UInt8(i & 7) & 1 == 1)
            }
            return start + (count + 7) / 8
        case .int32:
            try need(count * 4)
            for i in 0..<count { int32s.append(p.loadUnaligned(fromByteOffset: i * 4, as: Int32.self)) }
            return start + count * 4
        case .int64:
            try need(count * 8)
            for i in 0..<count { int64s.append(p.loadUnaligned(fromByteOffset: i * 8, as: Int64.self)) }
            return start + count * 8
        case .int96:
            try need(count * 12)
            for i in 0..<count {
                let nanos = p.loadUnaligned(fromByteOffset: i * 12, as: Int64.self)
                let julian = Int64(p.loadUnaligned(fromByteOffset: i * 12 + 8, as: Int32.self))
                let days = julian - 2_440_588
                int64s.append(days &* 86_400_000_000 &+ nanos / 1000)
            }
            return start + count * 12
        case .float:
            try need(count * 4)
            for i in 0..<count { floats.append(p.loadUnaligned(fromByteOffset: i * 4, as: Float.self)) }
            return start + count * 4
        case .double:
            try need(count * 8)
            for i in 0..<count { doubles.append(p.loadUnaligned(fromByteOffset: i * 8, as: Double.self)) }
            return start + count * 8
        case .byteArray:
            var offset = 0
            bytes.offsets.reserveCapacity(bytes.offsets.count + min(count, available / 4))
            for _ in 0..<count {
                try need(offset + 4)
                let length = Int(p.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                offset += 4
                try need(offset + length)
                bytes.append(UnsafeRawBufferPointer(start: p + offset, count: length))
                offset += length
                guard bytes.bytes.count <= Int(Int32.max) else {
                    throw FormatError.unsupported("a column chunk holds more than 2 GiB of byte-array data")
                }
            }
            return start + offset
        case .fixedLenByteArray:
            guard typeLength > 0 else { throw FormatError.corrupt("fixed-length column without a length") }
            try need(count * typeLength)
            for i in 0..<count {
                bytes.append(UnsafeRawBufferPointer(start: p + i * typeLength, count: typeLength))
            }
            return start + count * typeLength
        }
    }

    /// Appends `dictionary[i]` for each index; throws when an index is out of range.
    mutating func appendGathered(_ dictionary: ValueBuffer, indices: [UInt32]) throws {
        let n = UInt32(dictionary.count)
        for i in indices where i >= n {
            throw FormatError.corrupt("dictionary index \(i) is outside a dictionary of \(n) values")
        }
        switch physical {
        case .boolean: bools.append(contentsOf: indices.lazy.map { dictionary.bools[Int($0)] })
        case .int32: int32s.append(contentsOf: indices.lazy.map { dictionary.int32s[Int($0)] })
        case .int64, .int96: int64s.append(contentsOf: indices.lazy.map { dictionary.int64s[Int($0)] })
        case .float: floats.append(contentsOf: indices.lazy.map { dictionary.floats[Int($0)] })
        case .double: doubles.append(contentsOf: indices.lazy.map { dictionary.doubles[Int($0)] })
        case .byteArray, .fixedLenByteArray:
            for i in indices { bytes.append(dictionary.bytes[Int(i)]) }
            guard bytes.bytes.count <= Int(Int32.max) else {
                throw FormatError.unsupported("a column chunk holds more than 2 GiB of byte-array data")
            }
        }
    }

    /// Appends booleans decoded from the RLE encoding (v2 pages).
    mutating func appendBooleans(_ values: [UInt32]) {
        bools.append(contentsOf: values.lazy.map { $0 != 0 })
    }
}
