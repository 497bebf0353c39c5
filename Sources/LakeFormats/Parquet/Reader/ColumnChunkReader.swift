/// Reads one column chunk: walks its pages (dictionary, v1 and v2 data pages), decompresses
/// them and decodes levels and values into a ``ValueBuffer`` plus a validity mask.
/// Every size in every header is checked against the chunk before it is used.
struct ColumnChunkReader {
    let column: String
    let optional: Bool
    let physical: ParquetThrift.PhysicalType
    let typeLength: Int
    let codec: ParquetThrift.Codec
    /// Rows the row group declares; the chunk must produce exactly this many values.
    let rows: Int

    /// Decodes the chunk bytes (already read from the file) starting at file offset `base`.
    func read(_ chunk: [UInt8], base: Int64) throws -> (values: ValueBuffer, validity: [Bool]?) {
        var values = ValueBuffer(physical: physical, typeLength: typeLength)
        var dictionary: ValueBuffer?
        var validity: [Bool] = []
        var anyNull = false
        if optional { validity.reserveCapacity(rows) }
        var decoded = 0
        var pos = 0
        while decoded < rows {
            guard pos < chunk.count else {
                throw FormatError.truncated("column chunk ends after \(decoded) of \(rows) values")
                    .adding(FormatError.Context(byteOffset: base + Int64(pos)))
            }
            var reader = ThriftCompactReader(chunk, start: pos, baseOffset: base)
            let header = try ParquetThrift.PageHeader(from: &reader)
            let bodyStart = reader.position
            let compressedSize = Int(header.compressedPageSize)
            guard compressedSize <= chunk.count - bodyStart else {
                throw FormatError.truncated("page of \(compressedSize) bytes runs past the column chunk")
                    .adding(FormatError.Context(byteOffset: base + Int64(bodyStart)))
            }
            pos = bodyStart + compressedSize
            let context = FormatError.Context(byteOffset: base + Int64(bodyStart))
            do {
                switch ParquetThrift.PageType(rawValue: header.type) {
                case .dictionaryPage:
                    guard let dict = header.dictionaryPage else { throw FormatError.corrupt("dictionary page without its header") }
                    guard dict.numValues >= 0 else { throw FormatError.corrupt("negative dictionary size") }
                    let body = try decompress(chunk, bodyStart, compressedSize, Int(header.uncompressedPageSize))
                    var d = ValueBuffer(physical: physical, typeLength: typeLength)
                    try body.withUnsafeBytes { _ = try d.appendPlain($0, from: 0, count: Int(dict.numValues)) }
                    dictionary = d
                case .dataPage:
                    guard let h = header.dataPage else { throw FormatError.corrupt("data page without its header") }
                    let n = try pageValueCount(h.numValues, decoded)
                    let body = try decompress(chunk, bodyStart, compressedSize, Int(header.uncompressedPageSize))
                    try body.withUnsafeBytes { page in
                        var at = 0
                        var nonNull = n
                        if optional {
                            guard h.definitionLevelEncoding == ParquetThrift.Encoding.rle.rawValue else {
                                throw FormatError.unsupported("definition levels encoded as \(ParquetThrift.Encoding.name(h.definitionLevelEncoding))")
                            }
                            guard page.count >= 4 else { throw FormatError.corrupt("data page too short for its levels") }
                            let length = Int(page.loadUnaligned(as: UInt32.self))
                            guard length <= page.count - 4 else { throw FormatError.corrupt("definition levels run past the page") }
                            nonNull = try appendLevels(page, 4, 4 + length, n, &validity, &anyNull)
                            at = 4 + length
                        }
                        try decodeValues(page, at, nonNull, h.encoding, dictionary, &values)
                    }
                    decoded += n
                case .dataPageV2:
                    guard let h = header.dataPageV2 else { throw FormatError.corrupt("v2 data page without its header") }
                    let n = try pageValueCount(h.numValues, decoded)
                    let defLength = Int(h.definitionLevelsByteLength)
                    let repLength = Int(h.repetitionLevelsByteLength)
                    guard defLength >= 0, repLength >= 0, defLength + repLength <= compressedSize,
                        defLength + repLength <= Int(header.uncompressedPageSize)
                    else { throw FormatError.corrupt("v2 page level lengths do not fit the page") }
                    guard repLength == 0 else { throw FormatError.unsupported("repeated (nested) columns") }
                    var nonNull = n
                    if optional {
                        try chunk.withUnsafeBytes { raw in
                            nonNull = try appendLevels(raw, bodyStart, bodyStart + defLength, n, &validity, &anyNull)
                        }
                    }
                    let valuesStart = bodyStart + defLength + repLength
                    let valuesSize = compressedSize - defLength - repLength
                    let expanded = Int(header.uncompressedPageSize) - defLength - repLength
                    let body: [UInt8] = h.isCompressed
                        ? try decompress(chunk, valuesStart, valuesSize, expanded)
                        : Array(chunk[valuesStart..<(valuesStart + valuesSize)])
                    try body.withUnsafeBytes { try decodeValues($0, 0, nonNull, h.encoding, dictionary, &values) }
                    decoded += n
                default:
                    continue  // index pages and unknown page types carry no values
                }
            } catch let error as FormatError {
                throw error.adding(context)
            }
        }
        return (values, anyNull ? validity : nil)
    }

    private func pageValueCount(_ declared: Int32, _ decoded: Int) throws -> Int {
        guard declared >= 0, Int(declared) <= rows - decoded else {
            throw FormatError.corrupt("page holds \(declared) values, more than the \(rows - decoded) rows left in the row group")
        }
        return Int(declared)
    }

    /// Decodes definition levels (bit width 1) into `validity`; returns the non-null count.
    private func appendLevels(
        _ data: UnsafeRawBufferPointer, _ start: Int, _ end: Int, _ n: Int,
        _ validity: inout [Bool], _ anyNull: inout Bool
    ) throws -> Int {
        let levels = try HybridDecoder.decode(data, start: start, end: end, bitWidth: 1, count: n)
        var nonNull = 0
        for level in levels {
            guard level <= 1 else { throw FormatError.corrupt("definition level \(level) above the maximum of 1") }
            let present = level == 1
            validity.append(present)
            if present { nonNull += 1 } else { anyNull = true }
        }
        return nonNull
    }

    private func decodeValues(
        _ page: UnsafeRawBufferPointer, _ start: Int, _ count: Int, _ encoding: Int32,
        _ dictionary: ValueBuffer?, _ values: inout ValueBuffer
    ) throws {
        switch ParquetThrift.Encoding(rawValue: encoding) {
        case .plain:
            try values.appendPlain(page, from: start, count: count)
        case .plainDictionary, .rleDictionary:
            guard let dictionary else { throw FormatError.corrupt("dictionary-encoded page without a dictionary page") }
            guard count > 0 else { return }
            guard start < page.count else { throw FormatError.corrupt("dictionary page data is empty") }
            let width = Int(page[start])
            let indices = try HybridDecoder.decode(page, start: start + 1, end: page.count, bitWidth: width, count: count)
            try values.appendGathered(dictionary, indices: indices)
        case .rle where physical == .boolean:
            guard count > 0 else { return }
            guard page.count - start >= 4 else { throw FormatError.corrupt("boolean RLE data too short") }
            let length = Int(page.loadUnaligned(fromByteOffset: start, as: UInt32.self))
            guard length <= page.count - start - 4 else { throw FormatError.corrupt("boolean RLE data runs past the page") }
            let bits = try HybridDecoder.decode(page, start: start + 4, end: start + 4 + length, bitWidth: 1, count: count)
            values.appendBooleans(bits)
        default:
            throw FormatError.unsupported(
                "encoding \(ParquetThrift.Encoding.name(encoding)) is not supported; rewrite the file with PLAIN or dictionary encoding")
        }
    }

    /// Decompresses `size` bytes at `start` into exactly `expanded` bytes, with the expansion
    /// bounded by what the codec can achieve so a corrupt size cannot cause a huge allocation.
    private func decompress(_ chunk: [UInt8], _ start: Int, _ size: Int, _ expanded: Int) throws -> [UInt8] {
        guard expanded >= 0 else { throw FormatError.corrupt("negative uncompressed page size") }
        switch codec {
        case .uncompressed:
            guard expanded == size else {
                throw FormatError.corrupt("uncompressed page declares \(expanded) bytes but holds \(size)")
            }
            return Array(chunk[start..<(start + size)])
        case .snappy:
            guard expanded <= size * 24 + 64 else { throw FormatError.corrupt("page claims an impossible snappy expansion") }
            return try chunk.withUnsafeBytes { raw in
                let src = UnsafeRawBufferPointer(rebasing: raw[start..<(start + size)])
                return try [UInt8](unsafeUninitializedCapacity: expanded) { buf, initialized in
                    try Snappy.decompress(src, into: UnsafeMutableRawBufferPointer(buf))
                    initialized = expanded
                }
            }
        case .gzip:
            guard expanded <= size * 1100 + 1024 else { throw FormatError.corrupt("page claims an impossible gzip expansion") }
            return try chunk.withUnsafeBytes { raw in
                let src = UnsafeRawBufferPointer(rebasing: raw[start..<(start + size)])
                var out = [UInt8](repeating: 0, count: expanded)
                try out.withUnsafeMutableBytes { try Gzip.decompress(src, into: $0) }
                return out
            }
        default:
            throw FormatError.unsupported(
                "compression \(ParquetThrift.Codec.name(codec.rawValue)) is not supported; use snappy, gzip or none")
        }
    }
}
