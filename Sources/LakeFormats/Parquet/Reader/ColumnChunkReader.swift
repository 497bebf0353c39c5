/// Reads one column chunk: walks its pages (dictionary, v1 and v2 data pages; index and unknown
/// pages are skipped), decompresses them (``PageDecompression``) and decodes levels and values
/// into a ``ValueBuffer`` plus a validity mask (``ColumnChunkReader+Values.swift``).
/// Every size in every header is checked against the chunk before it is used.
struct ColumnChunkReader {
    let column: String
    let optional: Bool
    let physical: ParquetThrift.PhysicalType
    let typeLength: Int
    let codec: ParquetThrift.Codec
    /// Rows the row group declares; the chunk must produce exactly this many values. For a
    /// leveled (nested) leaf: the level entries its metadata declares.
    let rows: Int
    /// Levels of a nested field's leaf: both level streams are decoded and kept
    /// (``DecodeState/definition``, ``DecodeState/repetition``) instead of a validity mask.
    var levels: (maxDefinition: Int, maxRepetition: Int)? = nil

    /// Decodes the chunk bytes (already read from the file) starting at file offset `base`.
    /// `chunk` may hold a few bytes of slack past the chunk's declared end, for old writers whose
    /// sizes fall short (see ``ParquetReader``).
    func read(_ chunk: [UInt8], base: Int64) throws -> (values: ValueBuffer, validity: [Bool]?) {
        let state = try decode(chunk, base: base)
        return (state.values, state.anyNull ? state.validity : nil)
    }

    /// Decodes every page of the chunk into values and levels (or a validity mask).
    func decode(_ chunk: [UInt8], base: Int64) throws -> DecodeState {
        var state = DecodeState(values: ValueBuffer(physical: physical, typeLength: typeLength))
        if optional { state.validity.reserveCapacity(min(rows, 1 << 20)) }
        var pos = 0
        while state.decoded < rows {
            guard pos < chunk.count else {
                throw FormatError.truncated("column chunk ends after \(state.decoded) of \(rows) values")
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
            do {
                try readPage(header, chunk, bodyStart, &state)
            } catch let error as FormatError {
                throw error.adding(FormatError.Context(byteOffset: base + Int64(bodyStart)))
            }
        }
        return state
    }

    /// What the pages decoded so far add up to.
    struct DecodeState {
        var values: ValueBuffer
        var dictionary: ValueBuffer?
        var validity: [Bool] = []
        var anyNull = false
        var decoded = 0
        /// Definition and repetition levels of a leveled leaf (empty when its maximum is 0).
        var definition: [UInt8] = []
        var repetition: [UInt8] = []
    }

    private func readPage(
        _ header: ParquetThrift.PageHeader, _ chunk: [UInt8], _ bodyStart: Int, _ state: inout DecodeState
    ) throws {
        let compressedSize = Int(header.compressedPageSize)
        let expanded = Int(header.uncompressedPageSize)
        switch ParquetThrift.PageType(rawValue: header.type) {
        case .dictionaryPage:
            guard let dict = header.dictionaryPage else { throw FormatError.corrupt("dictionary page without its header") }
            guard dict.numValues >= 0 else { throw FormatError.corrupt("negative dictionary size") }
            switch ParquetThrift.Encoding(rawValue: dict.encoding) {
            case .plain, .plainDictionary: break
            default:
                throw FormatError.unsupported(
                    "a dictionary page encoded as \(ParquetThrift.Encoding.name(dict.encoding)) is not supported (only PLAIN)")
            }
            let body = try PageDecompression.decompress(chunk, bodyStart, compressedSize, expanded, codec: codec)
            var d = ValueBuffer(physical: physical, typeLength: typeLength)
            try body.withUnsafeBytes { _ = try d.appendPlain($0, from: 0, count: Int(dict.numValues)) }
            state.dictionary = d
        case .dataPage:
            guard let h = header.dataPage else { throw FormatError.corrupt("data page without its header") }
            let n = try pageValueCount(h.numValues, state.decoded)
            guard n > 0 else { return }  // an empty page: nothing to decode, whatever its body
            let body = try PageDecompression.decompress(chunk, bodyStart, compressedSize, expanded, codec: codec)
            try body.withUnsafeBytes { page in
                var at = 0
                var nonNull = n
                if let levels {
                    (nonNull, at) = try appendV1NestedLevels(page, n, levels, h, &state)
                } else if optional {
                    (nonNull, at) = try appendV1Levels(page, n, encoding: h.definitionLevelEncoding, &state)
                }
                try decodeValues(page, at, nonNull, h.encoding, state.dictionary, &state.values)
            }
            state.decoded += n
        case .dataPageV2:
            guard let h = header.dataPageV2 else { throw FormatError.corrupt("v2 data page without its header") }
            let n = try pageValueCount(h.numValues, state.decoded)
            guard n > 0 else { return }
            let defLength = Int(h.definitionLevelsByteLength)
            let repLength = Int(h.repetitionLevelsByteLength)
            guard defLength >= 0, repLength >= 0, defLength + repLength <= compressedSize,
                defLength + repLength <= expanded
            else { throw FormatError.corrupt("v2 page level lengths do not fit the page") }
            guard repLength == 0 || levels != nil else {
                throw FormatError.corrupt("a flat column's v2 page carries repetition levels")
            }
            var nonNull = n
            if let levels {
                nonNull = try chunk.withUnsafeBytes { raw in
                    try appendV2NestedLevels(raw, bodyStart, repLength: repLength, defLength: defLength, n, levels, &state)
                }
            } else if optional {
                // v2 levels are never compressed and have no length prefix.
                if defLength == 0 && h.numNulls == 0 {
                    state.validity.append(contentsOf: repeatElement(true, count: n))
                } else {
                    try chunk.withUnsafeBytes { raw in
                        nonNull = try appendLevels(raw, bodyStart, bodyStart + defLength, n, &state)
                    }
                }
            }
            let valuesStart = bodyStart + defLength + repLength
            let valuesSize = compressedSize - defLength - repLength
            let valuesExpanded = expanded - defLength - repLength
            let body: [UInt8]
            if h.isCompressed && codec != .uncompressed {
                body = try PageDecompression.decompress(chunk, valuesStart, valuesSize, valuesExpanded, codec: codec)
            } else {
                body = Array(chunk[valuesStart..<(valuesStart + valuesSize)])
            }
            try body.withUnsafeBytes { try decodeValues($0, 0, nonNull, h.encoding, state.dictionary, &state.values) }
            state.decoded += n
        default:
            return  // index pages and unknown page types carry no values
        }
    }

    private func pageValueCount(_ declared: Int32, _ decoded: Int) throws -> Int {
        guard declared >= 0, Int(declared) <= rows - decoded else {
            throw FormatError.corrupt("page holds \(declared) values, more than the \(rows - decoded) rows left in the row group")
        }
        return Int(declared)
    }
}
