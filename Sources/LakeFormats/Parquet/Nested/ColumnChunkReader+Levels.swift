extension ColumnChunkReader {
    /// Decodes a v1 page's repetition then definition levels (each RLE with a 4-byte length)
    /// for a nested field's leaf; returns the present-value count and where the values start.
    func appendV1NestedLevels(
        _ page: UnsafeRawBufferPointer, _ n: Int, _ levels: (maxDefinition: Int, maxRepetition: Int),
        _ header: ParquetThrift.DataPageHeader, _ state: inout DecodeState
    ) throws -> (nonNull: Int, valuesStart: Int) {
        var at = 0
        if levels.maxRepetition > 0 {
            let (decoded, end) = try lengthPrefixedLevels(
                page, at, n, maxLevel: levels.maxRepetition, encoding: header.repetitionLevelEncoding, what: "repetition")
            state.repetition.append(contentsOf: decoded)
            at = end
        }
        var nonNull = n
        if levels.maxDefinition > 0 {
            let (decoded, end) = try lengthPrefixedLevels(
                page, at, n, maxLevel: levels.maxDefinition, encoding: header.definitionLevelEncoding, what: "definition")
            nonNull = decoded.lazy.filter { Int($0) == levels.maxDefinition }.count
            state.definition.append(contentsOf: decoded)
            at = end
        }
        return (nonNull, at)
    }

    /// Decodes a v2 page's level sections (repetition first, both unprefixed and never
    /// compressed) starting at `start` of the chunk; returns the present-value count.
    func appendV2NestedLevels(
        _ chunk: UnsafeRawBufferPointer, _ start: Int, repLength: Int, defLength: Int, _ n: Int,
        _ levels: (maxDefinition: Int, maxRepetition: Int), _ state: inout DecodeState
    ) throws -> Int {
        if levels.maxRepetition > 0 {
            let decoded = try Self.levels(chunk, start, start + repLength, n, maxLevel: levels.maxRepetition, what: "repetition")
            state.repetition.append(contentsOf: decoded)
        }
        guard levels.maxDefinition > 0 else { return n }
        let decoded = try Self.levels(
            chunk, start + repLength, start + repLength + defLength, n, maxLevel: levels.maxDefinition, what: "definition")
        state.definition.append(contentsOf: decoded)
        return decoded.lazy.filter { Int($0) == levels.maxDefinition }.count
    }

    private func lengthPrefixedLevels(
        _ page: UnsafeRawBufferPointer, _ at: Int, _ n: Int, maxLevel: Int, encoding: Int32, what: String
    ) throws -> (levels: [UInt8], end: Int) {
        guard ParquetThrift.Encoding(rawValue: encoding) == .rle else {
            throw FormatError.unsupported(
                "\(what) levels encoded as \(ParquetThrift.Encoding.name(encoding)) in a nested column are not supported")
        }
        guard page.count - at >= 4 else { throw FormatError.corrupt("data page too short for its \(what) levels") }
        let length = Int(UInt32(littleEndian: page.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
        guard length <= page.count - at - 4 else { throw FormatError.corrupt("\(what) levels run past the page") }
        return (try Self.levels(page, at + 4, at + 4 + length, n, maxLevel: maxLevel, what: what), at + 4 + length)
    }

    /// `n` hybrid-encoded levels in `data[start..<end]`, each checked against `maxLevel`.
    static func levels(
        _ data: UnsafeRawBufferPointer, _ start: Int, _ end: Int, _ n: Int, maxLevel: Int, what: String
    ) throws -> [UInt8] {
        let width = HybridEncoder.bitWidth(UInt32(maxLevel))
        let raw = try HybridDecoder.decode(data, start: start, end: end, bitWidth: width, count: n)
        var out = [UInt8](repeating: 0, count: raw.count)
        for (i, level) in raw.enumerated() {
            guard level <= UInt32(maxLevel) else {
                throw FormatError.corrupt("\(what) level \(level) above the maximum of \(maxLevel)")
            }
            out[i] = UInt8(level)
        }
        return out
    }
}
