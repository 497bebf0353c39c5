extension ValueBuffer {
    /// Appends `count` DELTA_BINARY_PACKED integers (INT32 or INT64 columns).
    mutating func appendDeltaBinaryPacked(_ page: UnsafeRawBufferPointer, from start: Int, count: Int) throws {
        let (values, _) = try DeltaBinaryPackedDecoder.decode(page, start: start, end: page.count, count: count)
        switch physical {
        case .int32: int32s.append(contentsOf: values.lazy.map { Int32(truncatingIfNeeded: $0) })
        case .int64: int64s.append(contentsOf: values)
        default: throw FormatError.corrupt("DELTA_BINARY_PACKED on a \(physical.name) column")
        }
    }

    /// Appends `count` DELTA_LENGTH_BYTE_ARRAY values: delta-packed lengths, then the bytes.
    mutating func appendDeltaLengthByteArrays(_ page: UnsafeRawBufferPointer, from start: Int, count: Int) throws {
        guard physical == .byteArray else { throw FormatError.corrupt("DELTA_LENGTH_BYTE_ARRAY on a \(physical.name) column") }
        let (lengths, dataStart) = try DeltaBinaryPackedDecoder.decode(page, start: start, end: page.count, count: count)
        guard let base = page.baseAddress else { return }
        var at = dataStart
        for length in lengths {
            guard length >= 0, length <= Int64(page.count - at) else {
                throw FormatError.corrupt("byte-array length runs past the page")
            }
            bytes.append(UnsafeRawBufferPointer(start: base + at, count: Int(length)))
            at += Int(length)
        }
        try checkByteVolume()
    }

    /// Appends `count` DELTA_BYTE_ARRAY values: shared-prefix lengths, then suffixes as
    /// DELTA_LENGTH_BYTE_ARRAY; each value is the previous one's prefix plus its suffix.
    mutating func appendDeltaByteArrays(_ page: UnsafeRawBufferPointer, from start: Int, count: Int) throws {
        guard physical == .byteArray || physical == .fixedLenByteArray else {
            throw FormatError.corrupt("DELTA_BYTE_ARRAY on a \(physical.name) column")
        }
        let (prefixes, suffixStart) = try DeltaBinaryPackedDecoder.decode(page, start: start, end: page.count, count: count)
        let (suffixLengths, dataStart) = try DeltaBinaryPackedDecoder.decode(page, start: suffixStart, end: page.count, count: count)
        guard let base = page.baseAddress else { return }
        var at = dataStart
        var previous: [UInt8] = []
        for (prefix, suffix) in zip(prefixes, suffixLengths) {
            guard prefix >= 0, prefix <= Int64(previous.count), suffix >= 0, suffix <= Int64(page.count - at) else {
                throw FormatError.corrupt("DELTA_BYTE_ARRAY prefix or suffix out of range")
            }
            var value = Array(previous[..<Int(prefix)])
            value.append(contentsOf: UnsafeRawBufferPointer(start: base + at, count: Int(suffix)))
            at += Int(suffix)
            if physical == .fixedLenByteArray && value.count != typeLength {
                throw FormatError.corrupt("fixed-length value of \(value.count) bytes, \(typeLength) declared")
            }
            bytes.append(value)
            previous = value
            try checkByteVolume()
        }
    }

    /// Appends `count` BYTE_STREAM_SPLIT values: byte k of every value stored together.
    mutating func appendByteStreamSplit(_ page: UnsafeRawBufferPointer, from start: Int, count: Int) throws {
        let width: Int
        switch physical {
        case .int32, .float: width = 4
        case .int64, .double: width = 8
        case .fixedLenByteArray: width = typeLength
        default: throw FormatError.corrupt("BYTE_STREAM_SPLIT on a \(physical.name) column")
        }
        guard width > 0, count <= (page.count - start) / width else {
            throw FormatError.corrupt("page holds fewer values than its header announces")
        }
        guard count > 0 else { return }
        var joined = [UInt8](repeating: 0, count: count * width)
        for k in 0..<width {
            let stream = start + k * count
            for i in 0..<count { joined[i * width + k] = page[stream + i] }
        }
        try joined.withUnsafeBytes { _ = try appendPlain($0, from: 0, count: count) }
    }

    private func checkByteVolume() throws {
        guard bytes.bytes.count <= Int(Int32.max) else {
            throw FormatError.unsupported("a column chunk holds more than 2 GiB of byte-array data")
        }
    }
}
