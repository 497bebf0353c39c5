import Foundation
import Testing

@testable import LakeFormats

/// The compact protocol round-trips Parquet's structures and rejects corrupt input.
@Suite("Thrift compact protocol")
struct ThriftTests {
    static func sampleMetadata() -> ParquetThrift.FileMetaData {
        var meta = ParquetThrift.FileMetaData()
        meta.schema = ParquetWriter.schemaElements(AllTypesFixture.schema)
        meta.numRows = 3
        var group = ParquetThrift.RowGroup()
        var column = ParquetThrift.ColumnMetaData()
        column.type = 2
        column.encodings = [0, 3, 8]
        column.pathInSchema = ["a"]
        column.numValues = 3
        column.dataPageOffset = 1 << 40
        column.dictionaryPageOffset = 4
        column.statistics = ParquetThrift.Statistics(nullCount: 1, maxValue: [1, 2], minValue: [])
        group.columns = Array(repeating: ParquetThrift.ColumnChunk(fileOffset: 4, metaData: column), count: 20)
        group.numRows = 3
        group.ordinal = 300
        meta.rowGroups = [group]
        meta.keyValueMetadata = [.init(key: "k", value: "v"), .init(key: "empty", value: nil)]
        meta.createdBy = "test"
        meta.columnOrders = Array(repeating: 1, count: 16)
        return meta
    }

    @Test("FileMetaData round-trips")
    func fileMetaData() throws {
        let meta = Self.sampleMetadata()
        let bytes = meta.serialized()
        var reader = ThriftCompactReader(bytes)
        let back = try ParquetThrift.FileMetaData(from: &reader)
        #expect(reader.remaining == 0)
        #expect(back.schema.count == meta.schema.count)
        #expect(back.schema.map(\.name) == meta.schema.map(\.name))
        #expect(back.schema.map(\.logicalType) == meta.schema.map(\.logicalType))
        #expect(back.schema.map(\.typeLength) == meta.schema.map(\.typeLength))
        #expect(back.rowGroups.first?.columns.count == 20)
        #expect(back.rowGroups.first?.columns.first?.metaData?.dataPageOffset == 1 << 40)
        #expect(back.rowGroups.first?.columns.first?.metaData?.statistics == meta.rowGroups[0].columns[0].metaData?.statistics)
        #expect(back.keyValueMetadata == meta.keyValueMetadata)
        #expect(back.columnOrders == meta.columnOrders)
        #expect(back.createdBy == "test")
    }

    @Test("page headers round-trip")
    func pageHeader() throws {
        var h = ParquetThrift.PageHeader()
        h.type = 3
        h.uncompressedPageSize = 100
        h.compressedPageSize = 50
        var v2 = ParquetThrift.DataPageHeaderV2()
        v2.numValues = 10
        v2.numNulls = 2
        v2.isCompressed = false
        h.dataPageV2 = v2
        var reader = ThriftCompactReader(h.serialized())
        let back = try ParquetThrift.PageHeader(from: &reader)
        #expect(back.dataPageV2?.numNulls == 2 && back.dataPageV2?.isCompressed == false)
        #expect(back.compressedPageSize == 50)
    }

    @Test("truncated and corrupt metadata throws FormatError, never crashes")
    func corrupt() throws {
        let bytes = Self.sampleMetadata().serialized()
        for cut in 0..<bytes.count {
            var reader = ThriftCompactReader(Array(bytes[..<cut]))
            #expect(throws: FormatError.self) { _ = try ParquetThrift.FileMetaData(from: &reader) }
        }
        var state: UInt64 = 3
        for _ in 0..<2000 {
            var copy = bytes
            state = state &* 6_364_136_223_846_793_005 &+ 1
            copy[Int(state >> 33) % copy.count] = UInt8(truncatingIfNeeded: state >> 13)
            var reader = ThriftCompactReader(copy)
            do { _ = try ParquetThrift.FileMetaData(from: &reader) } catch { #expect(error is FormatError) }
        }
        // A list claiming two billion elements is rejected before anything is allocated.
        var huge = ThriftCompactReader([0x19, 0xFC, 0xFF, 0xFF, 0xFF, 0x07])
        #expect(throws: FormatError.self) { _ = try ParquetThrift.FileMetaData(from: &huge) }
        // Deep nesting is bounded.
        var deep = ThriftCompactReader([UInt8](repeating: 0x1C, count: 10_000))
        #expect(throws: FormatError.self) { _ = try ParquetThrift.FileMetaData(from: &deep) }
    }
}
