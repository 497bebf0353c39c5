extension ColumnChunkReader {
    /// Decodes a v1 page's definition levels (RLE with a 4-byte length, or the deprecated
    /// BIT_PACKED); returns the non-null count and where the values start.
    func appendV1Levels(
        _ page: UnsafeRawBufferPointer, _ n: Int, encoding: Int32, _ state: inout DecodeState
    ) throws -> (nonNull: Int, valuesStart: Int) {
        switch ParquetThrift.Encoding(rawValue: encoding) {
        case .rle:
            guard page.count >= 4 else { throw FormatError.corrupt("data page too short for its definition levels") }
            let length = Int(UInt32(littleEndian: page.loadUnaligned(as: UInt32.self)))
            guard length <= page.count - 4 else { throw FormatError.corrupt("definition levels run past the page") }
            return (try appendLevels(page, 4, 4 + length, n, &state), 4 + length)
        case .bitPacked:
            // One bit per level, most significant bit first, no length prefix.
            let bytes = (n + 7) / 8
            guard bytes <= page.count else { throw FormatError.corrupt("definition levels run past the page") }
            var nonNull = 0
            for i in 0..<n {
                let present = page[i >> 3] >> UInt8(7 - i & 7) & 1 == 1
                state.validity.append(present)
                if present { nonNull += 1 } else { state.anyNull = true }
            }
            return (nonNull, bytes)
        default:
            throw FormatError.unsupported(
                "definition levels encoded as \(ParquetThrift.Encoding.name(encoding)) are not supported")
        }
    }

    /// Decodes RLE / bit-packed definition levels (bit width 1) into the validity mask;
    /// returns the non-null count.
    func appendLevels(
        _ data: UnsafeRawBufferPointer, _ start: Int, _ end: Int, _ n: Int, _ state: inout DecodeState
    ) throws -> Int {
        guard n > 0 else { return 0 }
        let levels = try HybridDecoder.decode(data, start: start, end: end, bitWidth: 1, count: n)
        var nonNull = 0
        for level in levels {
            guard level <= 1 else { throw FormatError.corrupt("definition level \(level) above the maximum of 1") }
            let present = level == 1
            state.validity.append(present)
            if present { nonNull += 1 } else { state.anyNull = true }
        }
        return nonNull
    }

    /// Decodes `count` non-null values of `encoding` from `page[start...]` into `values`.
    func decodeValues(
        _ page: UnsafeRawBufferPointer, _ start: Int, _ count: Int, _ encoding: Int32,
        _ dictionary: ValueBuffer?, _ values: inout ValueBuffer
    ) throws {
        // An empty or all-null page has no values section worth decoding (writers differ on
        // whether they even write its header bytes).
        guard count > 0 else { return }
        switch ParquetThrift.Encoding(rawValue: encoding) {
        case .plain:
            try values.appendPlain(page, from: start, count: count)
        case .plainDictionary, .rleDictionary:
            guard let dictionary else { throw FormatError.corrupt("dictionary-encoded page without a dictionary page") }
            guard start < page.count else { throw FormatError.corrupt("dictionary-encoded page has no index data") }
            let width = Int(page[start])
            let indices = try HybridDecoder.decode(page, start: start + 1, end: page.count, bitWidth: width, count: count)
            try values.appendGathered(dictionary, indices: indices)
        case .deltaBinaryPacked:
            try values.appendDeltaBinaryPacked(page, from: start, count: count)
        case .deltaLengthByteArray:
            try values.appendDeltaLengthByteArrays(page, from: start, count: count)
        case .deltaByteArray:
            try values.appendDeltaByteArrays(page, from: start, count: count)
        case .byteStreamSplit:
            try values.appendByteStreamSplit(page, from: start, count: count)
        case .rle where physical == .boolean:
            guard page.count - start >= 4 else { throw FormatError.corrupt("boolean RLE data too short") }
            let length = Int(UInt32(littleEndian: page.loadUnaligned(fromByteOffset: start, as: UInt32.self)))
            guard length <= page.count - start - 4 else { throw FormatError.corrupt("boolean RLE data runs past the page") }
            let bits = try HybridDecoder.decode(page, start: start + 4, end: start + 4 + length, bitWidth: 1, count: count)
            values.appendBooleans(bits)
        default:
            throw FormatError.unsupported(
                "encoding \(ParquetThrift.Encoding.name(encoding)) on a \(physical.name) column is not supported; rewrite the file with PLAIN, dictionary, delta or byte-stream-split encodings")
        }
    }
}
