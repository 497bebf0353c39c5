import Testing

@testable import LakeFormats

@Suite("Level shredder: a leaf's levels and where its present values are")
struct LevelShredderTests {
    /// The present values of `leaf` as the writer reads them.
    private func present(_ leaf: LevelShredder.LeafLevels) -> [Int64] {
        guard case .int64(let values) = leaf.values.values else { return [] }
        return Array(values[leaf.rows])
    }

    @Test("consecutive present values are taken where they are, also for a slice of rows")
    func run() throws {
        // [1, 2], [], null, [3]
        let element = Column(values: .int64([1, 2, 3]))
        let list = Column(values: .list(offsets: [0, 2, 2, 2, 3], values: element), validity: [true, true, false, true])
        let field = Field(name: "xs", type: .list(ColumnType.listElement(.int64)))
        let all = try #require(try LevelShredder.shred(list, field: field, rows: 0..<4).first)
        #expect(all.definition == [3, 3, 1, 0, 3])
        #expect(all.repetition == [0, 1, 0, 0, 0])
        #expect(all.rows == 0..<3)
        #expect(present(all) == [1, 2, 3])
        let tail = try #require(try LevelShredder.shred(list, field: field, rows: 2..<4).first)
        #expect(tail.definition == [0, 3])
        #expect(tail.rows == 2..<3)
        #expect(present(tail) == [3])
        let none = try #require(try LevelShredder.shred(list, field: field, rows: 1..<3).first)
        #expect(none.definition == [1, 0])
        #expect(none.rows.isEmpty)
    }

    @Test("present values with gaps (null structs, null elements) are gathered")
    func gathered() throws {
        // {a: 1}, null, {a: null}, {a: 4}
        let a = Column(values: .int64([1, 0, 0, 4]), validity: [true, true, false, true])
        let s = Column(values: .structure(count: 4, fields: [a]), validity: [true, false, true, true])
        let field = Field(name: "s", type: .structure([Field(name: "a", type: .int64)]))
        let leaf = try #require(try LevelShredder.shred(s, field: field, rows: 0..<4).first)
        #expect(leaf.definition == [2, 0, 1, 2])
        #expect(leaf.rows == 0..<2)
        #expect(present(leaf) == [1, 4])
        // [5, null, 6]
        let element = Column(values: .int64([5, 0, 6]), validity: [true, false, true])
        let list = Column(values: .list(offsets: [0, 3], values: element))
        let listField = Field(name: "xs", type: .list(ColumnType.listElement(.int64)))
        let gapped = try #require(try LevelShredder.shred(list, field: listField, rows: 0..<1).first)
        #expect(gapped.definition == [3, 2, 3])
        #expect(gapped.repetition == [0, 1, 1])
        #expect(present(gapped) == [5, 6])
    }
}
