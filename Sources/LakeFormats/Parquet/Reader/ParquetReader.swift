import Foundation

/// Reads Parquet files written by SwiftLake, pyarrow, DuckDB, Spark and others: PLAIN,
/// dictionary, delta and byte-stream-split encodings, v1 and v2 data pages, snappy / gzip /
/// zstd / lz4_raw / legacy Hadoop lz4 / uncompressed, optional, required and nested columns
/// (structs, lists, maps, any depth, the legacy list forms too: ``ParquetSchemaTree``).
/// Encrypted files and other codecs are refused with an `unsupported` error naming the feature. Values come back one row group at a time as ``RecordBatch``es
/// typed as ``ParquetTypeMapping`` describes.
///
/// Corrupt or truncated files throw ``FormatError`` naming the file and what is wrong. Every
/// offset and length is checked against the file size before anything is read or allocated.
/// Not thread-safe; use one reader per thread.
public final class ParquetReader {
    /// The file being read.
    public let url: URL
    /// The footer as a Codable model.
    public let metadata: ParquetMetadata
    /// The schema the batches carry.
    public let schema: Schema

    let source: FileSource
    let footer: ParquetThrift.FileMetaData
    let mappings: [ParquetTypeMapping]
    let leaves: [ParquetThrift.SchemaElement]
    /// The schema as a tree: how each field is read from its leaves.
    let tree: ParquetSchemaTree
    /// Where the column data may lie: after the leading magic, before the footer.
    let dataEnd: Int64

    /// Opens the file and reads its footer and schema.
    public init(url: URL) throws {
        let path = url.path
        self.url = url
        do {
            source = try FileSource(path: path)
            let size = source.size
            guard size >= 12 else {
                throw FormatError.truncated("the file is \(size) bytes, too short for a Parquet header and footer")
            }
            let head = try source.read(offset: 0, count: 4, what: "the leading magic")
            let tail = try source.read(offset: size - 8, count: 8, what: "the footer length")
            guard head == Array("PAR1".utf8) else {
                throw FormatError.corrupt("the file does not start with PAR1: not a Parquet file")
            }
            guard Array(tail[4...]) == Array("PAR1".utf8) else {
                if Array(tail[4...]) == Array("PARE".utf8) {
                    throw FormatError.unsupported(
                        "the file has an encrypted footer (Parquet modular encryption is not supported)")
                }
                throw FormatError.truncated("the file does not end with PAR1: it is cut short or not a Parquet file")
            }
            let footerLength = Int64(UInt32(littleEndianBytes: Array(tail[0..<4])))
            guard footerLength <= size - 12 else {
                throw FormatError.corrupt(
                    "the footer length \(footerLength) exceeds the \(size)-byte file",
                    context: FormatError.Context(byteOffset: size - 8))
            }
            let footerStart = size - 8 - footerLength
            let bytes = try source.read(offset: footerStart, count: Int(footerLength), what: "the footer")
            var reader = ThriftCompactReader(bytes, baseOffset: footerStart)
            footer = try ParquetThrift.FileMetaData(from: &reader)
            dataEnd = footerStart
            tree = try ParquetSchemaTree(footer.schema)
            leaves = tree.leaves.map(\.element)
            mappings = tree.leaves.map(\.mapping)
            schema = Schema(tree.fields)
            try Self.checkRowGroups(footer, leafCount: leaves.count)
            metadata = Self.makeMetadata(footer, tree: tree)
        } catch let error as FormatError {
            throw error.inFile(path)
        }
    }

    /// Number of row groups.
    public var rowGroupCount: Int { footer.rowGroups.count }

    /// Rows in the file.
    public var numRows: Int64 { footer.numRows }

    /// Decodes row group `index` into a batch.
    public func readRowGroup(_ index: Int) throws -> RecordBatch {
        guard footer.rowGroups.indices.contains(index) else {
            throw FormatError.invalidArgument(
                "row group \(index) does not exist; the file has \(footer.rowGroups.count)",
                context: FormatError.Context(path: url.path))
        }
        let group = footer.rowGroups[index]
        let rows = Int(group.numRows)
        var columns: [Column] = []
        for (i, plan) in tree.plans.enumerated() {
            let context = FormatError.Context(path: url.path, column: schema.fields[i].name, rowGroup: index)
            do {
                columns.append(try readField(plan, group: group, rows: rows))
            } catch let error as FormatError {
                throw error.adding(context)
            }
        }
        return RecordBatch(schema: schema, columns: columns, rowCount: rows)
    }

    /// Decodes one column of row group `index` (a projection: the other columns are not read).
    public func readColumn(_ column: Int, rowGroup index: Int) throws -> Column {
        guard footer.rowGroups.indices.contains(index), schema.fields.indices.contains(column) else {
            throw FormatError.invalidArgument(
                "row group \(index), column \(column) does not exist; the file has \(footer.rowGroups.count) row groups and \(schema.fields.count) columns",
                context: FormatError.Context(path: url.path))
        }
        let group = footer.rowGroups[index]
        let context = FormatError.Context(path: url.path, column: schema.fields[column].name, rowGroup: index)
        do {
            return try readField(tree.plans[column], group: group, rows: Int(group.numRows))
        } catch let error as FormatError {
            throw error.adding(context)
        }
    }

    /// Rows in row group `index` (0 when it does not exist).
    public func rowCount(ofRowGroup index: Int) -> Int {
        footer.rowGroups.indices.contains(index) ? Int(footer.rowGroups[index].numRows) : 0
    }

    /// Bytes read past a chunk's declared end (when the file has them), for old parquet-mr files
    /// whose chunk sizes leave out part of a page header (PARQUET-816). pyarrow adds the same
    /// 100 bytes for parquet-mr before 1.2.9; SwiftLake allows them for every writer, since the
    /// extra bytes are only read when the declared pages need them.
    static let chunkSlack: Int64 = 100

    private func readField(_ plan: ParquetSchemaTree.FieldPlan, group: ParquetThrift.RowGroup, rows: Int) throws -> Column {
        switch plan {
        case .flat(let leaf):
            return try readChunk(group.columns[leaf], leaf: leaf, rows: rows)
        case .nested(let node):
            var data: [Int: LevelAssembler.LeafData] = [:]
            for leaf in node.leafIndices {
                do {
                    data[leaf] = try readLeveledChunk(group.columns[leaf], leaf: leaf, rows: rows)
                } catch let error as FormatError {
                    throw error.adding(FormatError.Context(column: tree.leaves[leaf].path))
                }
            }
            return try LevelAssembler(leaves: data).column(node, rows: rows)
        }
    }

    private func readChunk(_ chunk: ParquetThrift.ColumnChunk, leaf: Int, rows: Int) throws -> Column {
        let mapping = mappings[leaf]
        if rows == 0 {
            // Writers put anything in an empty row group's offsets (pyarrow: data page offset 0).
            return try ValueBuffer(physical: mapping.physical, typeLength: 0).column(rows: 0, validity: nil, mapping: mapping)
        }
        let (bytes, start, codec) = try chunkBytes(chunk)
        let element = leaves[leaf]
        let reader = ColumnChunkReader(
            column: element.name, optional: element.repetition != ParquetThrift.Repetition.required.rawValue,
            physical: mapping.physical, typeLength: Int(element.typeLength ?? 0), codec: codec, rows: rows)
        let (values, validity) = try reader.read(bytes, base: start)
        return try values.column(rows: rows, validity: validity, mapping: mapping)
    }

    /// Decodes a nested field's leaf: its values and both level streams.
    private func readLeveledChunk(_ chunk: ParquetThrift.ColumnChunk, leaf: Int, rows: Int) throws -> LevelAssembler.LeafData {
        let info = tree.leaves[leaf]
        let typeLength = Int(info.element.typeLength ?? 0)
        if rows == 0 {
            return LevelAssembler.LeafData(
                values: ValueBuffer(physical: info.mapping.physical, typeLength: typeLength), definition: [], repetition: [],
                count: 0, mapping: info.mapping)
        }
        let (bytes, start, codec) = try chunkBytes(chunk)
        let declared = chunk.metaData?.numValues ?? 0
        // Like the row count, the level count is bounded by what the chunk's bytes can encode.
        guard declared >= Int64(rows), declared <= Int64(Int32.max),
            declared <= (1 << 20) + Int64(bytes.count).multipliedReportingOverflow(by: 8192).partialValue
        else {
            throw FormatError.corrupt("column chunk declares \(declared) values for \(rows) rows")
        }
        var reader = ColumnChunkReader(
            column: info.path, optional: true, physical: info.mapping.physical, typeLength: typeLength, codec: codec,
            rows: Int(declared))
        reader.levels = (info.maxDefinition, info.maxRepetition)
        let state = try reader.decode(bytes, base: start)
        return LevelAssembler.LeafData(
            values: state.values, definition: state.definition, repetition: state.repetition, count: state.decoded,
            mapping: info.mapping)
    }

    /// The bytes of a column chunk (with the allowed slack), where they start and their codec.
    private func chunkBytes(_ chunk: ParquetThrift.ColumnChunk) throws -> (bytes: [UInt8], start: Int64, codec: ParquetThrift.Codec) {
        guard let meta = chunk.metaData else {
            if chunk.encrypted || footer.encrypted {
                throw FormatError.unsupported("the column is encrypted (Parquet modular encryption is not supported)")
            }
            throw FormatError.corrupt("column chunk without metadata")
        }
        guard chunk.filePath == nil || chunk.filePath == "" else {
            throw FormatError.unsupported("column data in another file (\(chunk.filePath ?? "")) is not supported")
        }
        var start = meta.dataPageOffset
        if let dict = meta.dictionaryPageOffset, dict >= 4, dict < start { start = dict }
        let length = meta.totalCompressedSize
        guard start >= 4, length >= 0, start <= dataEnd, length <= dataEnd - start else {
            throw FormatError.corrupt(
                "column chunk at offset \(start) of \(length) bytes lies outside the file's data",
                context: FormatError.Context(byteOffset: start))
        }
        guard let codec = ParquetThrift.Codec(rawValue: meta.codec), codec != .lzo, codec != .brotli else {
            throw FormatError.unsupported(
                "compression \(ParquetThrift.Codec.name(meta.codec)) is not supported; rewrite the file with snappy, gzip, zstd, lz4_raw or none")
        }
        let slack = min(Self.chunkSlack, dataEnd - start - length)
        let bytes = try source.read(offset: start, count: Int(length + slack), what: "a column chunk")
        return (bytes, start, codec)
    }

    static func checkRowGroups(_ footer: ParquetThrift.FileMetaData, leafCount: Int) throws {
        if footer.encrypted || footer.rowGroups.contains(where: { $0.columns.contains(where: \.encrypted) }) {
            throw FormatError(
                .unsupported, "the file has encrypted columns (Parquet modular encryption is not supported)",
                hint: "decrypt the file with the tool that wrote it (e.g. pyarrow with its key) first")
        }
        for (i, group) in footer.rowGroups.enumerated() {
            let context = FormatError.Context(rowGroup: i)
            guard group.columns.count == leafCount else {
                throw FormatError.corrupt("row group has \(group.columns.count) columns, the schema \(leafCount)", context: context)
            }
            var bytes: Int64 = 0
            for c in group.columns {
                guard let m = c.metaData, m.totalCompressedSize >= 0, m.numValues >= 0 else {
                    throw FormatError.corrupt("column chunk metadata is missing or negative", context: context)
                }
                bytes = bytes.addingReportingOverflow(m.totalCompressedSize).partialValue
            }
            // RLE can describe many rows in few bytes, but not arbitrarily many: this bound keeps a
            // corrupt row count from turning into a huge allocation.
            guard group.numRows >= 0, group.numRows <= (1 << 20) + bytes.multipliedReportingOverflow(by: 8192).partialValue,
                group.numRows <= Int64(Int32.max)
            else {
                throw FormatError.corrupt("row group declares \(group.numRows) rows, more than its \(bytes) bytes can hold", context: context)
            }
        }
    }
}
