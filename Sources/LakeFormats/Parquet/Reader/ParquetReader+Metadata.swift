extension ParquetReader {
    static func makeMetadata(_ footer: ParquetThrift.FileMetaData, tree: ParquetSchemaTree) -> ParquetMetadata {
        let leaves = tree.leaves.map(\.element)
        let mappings = tree.leaves.map(\.mapping)
        let columns = tree.leaves.map { info in
            let leaf = info.element
            let repetition: String
            switch ParquetThrift.Repetition(rawValue: leaf.repetition ?? 0) {
            case .optional: repetition = "OPTIONAL"
            case .repeated: repetition = "REPEATED"
            default: repetition = "REQUIRED"
            }
            return ParquetMetadata.ColumnDescriptor(
                name: info.path, type: info.mapping.type.description, physicalType: info.mapping.physical.name,
                logicalType: leaf.logicalType.map(logicalTypeText),
                convertedType: leaf.convertedType.map(convertedTypeText),
                repetition: repetition, typeLength: leaf.typeLength)
        }
        let typeOrdered = footer.columnOrders != nil
        let groups = footer.rowGroups.map { group in
            ParquetMetadata.RowGroup(
                numRows: group.numRows, totalByteSize: group.totalByteSize,
                totalCompressedSize: group.totalCompressedSize,
                columns: group.columns.enumerated().map { i, chunk in
                    let m = chunk.metaData ?? ParquetThrift.ColumnMetaData()
                    let leaf = i < leaves.count ? leaves[i] : ParquetThrift.SchemaElement(name: "?")
                    let mapping = i < mappings.count ? mappings[i] : nil
                    return ParquetMetadata.ColumnChunk(
                        path: m.pathInSchema.joined(separator: "."),
                        physicalType: ParquetThrift.PhysicalType(rawValue: m.type)?.name ?? "TYPE_\(m.type)",
                        logicalType: leaf.logicalType.map(logicalTypeText),
                        codec: ParquetThrift.Codec.name(m.codec),
                        encodings: m.encodings.map(ParquetThrift.Encoding.name),
                        numValues: m.numValues, compressedSize: m.totalCompressedSize,
                        uncompressedSize: m.totalUncompressedSize, dataPageOffset: m.dataPageOffset,
                        dictionaryPageOffset: m.dictionaryPageOffset,
                        statistics: m.statistics.map { statistics($0, mapping: mapping, typeOrdered: typeOrdered) })
                })
        }
        return ParquetMetadata(
            numRows: footer.numRows, createdBy: footer.createdBy, version: footer.version,
            keyValue: (footer.keyValueMetadata ?? []).map { ParquetMetadata.KeyValue(key: $0.key, value: $0.value) },
            columns: columns, rowGroups: groups)
    }

    /// Decodes min/max. The legacy `min`/`max` fields are used only for types whose legacy
    /// (signed) order is also their true order.
    static func statistics(
        _ s: ParquetThrift.Statistics, mapping: ParquetTypeMapping?, typeOrdered: Bool
    ) -> ParquetMetadata.Statistics {
        var out = ParquetMetadata.Statistics(min: nil, max: nil, nullCount: s.nullCount, distinctCount: s.distinctCount)
        guard let mapping else { return out }
        var lo = typeOrdered ? s.minValue : nil
        var hi = typeOrdered ? s.maxValue : nil
        let legacyOK: Bool
        switch mapping.physical {
        case .boolean, .int32, .int64, .float, .double: legacyOK = mapping.conversion == .none || mapping.conversion == .decimalToInt64
        default: legacyOK = false
        }
        if lo == nil, hi == nil, legacyOK {
            lo = s.min
            hi = s.max
        }
        out.minValue = lo.flatMap { statisticValue($0, mapping: mapping) }
        out.maxValue = hi.flatMap { statisticValue($0, mapping: mapping) }
        out.min = out.minValue.map(ValueFormatter.text)
        out.max = out.maxValue.map(ValueFormatter.text)
        return out
    }

    /// Decodes one PLAIN statistics value through the same path as column data.
    static func statisticValue(_ bytes: [UInt8], mapping: ParquetTypeMapping) -> Value? {
        var buffer = ValueBuffer(physical: mapping.physical, typeLength: bytes.count)
        var plain = bytes
        if mapping.physical == .byteArray {
            plain = StatisticsAccumulator.le(UInt32(bytes.count)) + bytes
        }
        do {
            let end = try plain.withUnsafeBytes { try buffer.appendPlain($0, from: 0, count: 1) }
            guard end == plain.count || mapping.physical == .boolean else { return nil }
            let column = try buffer.column(rows: 1, validity: nil, mapping: mapping)
            return column.value(at: 0, type: mapping.type)
        } catch {
            return nil
        }
    }

    static func logicalTypeText(_ t: ParquetThrift.LogicalType) -> String {
        func unit(_ u: ParquetThrift.TimeUnitKind) -> String {
            switch u {
            case .millis: return "MILLIS"
            case .micros: return "MICROS"
            case .nanos: return "NANOS"
            }
        }
        switch t {
        case .string: return "STRING"
        case .map: return "MAP"
        case .list: return "LIST"
        case .enum: return "ENUM"
        case .date: return "DATE"
        case .unknown: return "UNKNOWN"
        case .json: return "JSON"
        case .bson: return "BSON"
        case .uuid: return "UUID"
        case .float16: return "FLOAT16"
        case .decimal(let s, let p): return "DECIMAL(precision=\(p), scale=\(s))"
        case .time(let utc, let u): return "TIME(isAdjustedToUTC=\(utc), unit=\(unit(u)))"
        case .timestamp(let utc, let u): return "TIMESTAMP(isAdjustedToUTC=\(utc), unit=\(unit(u)))"
        case .integer(let bits, let signed): return "INT(bitWidth=\(bits), isSigned=\(signed))"
        case .other(let id): return "LOGICAL_TYPE_\(id)"
        }
    }

    static func convertedTypeText(_ raw: Int32) -> String {
        let names = [
            "UTF8", "MAP", "MAP_KEY_VALUE", "LIST", "ENUM", "DECIMAL", "DATE", "TIME_MILLIS", "TIME_MICROS",
            "TIMESTAMP_MILLIS", "TIMESTAMP_MICROS", "UINT_8", "UINT_16", "UINT_32", "UINT_64", "INT_8", "INT_16",
            "INT_32", "INT_64", "JSON", "BSON", "INTERVAL",
        ]
        return names.indices.contains(Int(raw)) ? names[Int(raw)] : "CONVERTED_TYPE_\(raw)"
    }
}
