import Testing

@testable import LakeFormats

/// `Column.gather`: a run of consecutive rows is sliced (one copy per buffer), any other
/// selection copied row by row; both give the same column.
@Suite("Column gather")
struct ColumnGatherTests {
    /// A list<struct<name: string, n: int64?>> column with nulls at both levels, empty lists and
    /// empty strings: row i has i % 4 elements, every fifth row is null.
    static let column: Column = {
        var offsets: [Int32] = [0]
        var names = ByteArrayColumn()
        var numbers: [Int64] = []
        var numberValid: [Bool] = []
        var valid: [Bool] = []
        for i in 0..<40 {
            valid.append(i % 5 != 0)
            let count = i % 5 == 0 ? 0 : i % 4
            for k in 0..<count {
                names.append(Array((k == 1 ? "" : "row\(i)-\(k)").utf8))
                numbers.append(Int64(i * 10 + k))
                numberValid.append((i + k) % 3 != 0)
            }
            offsets.append(Int32(names.count))
        }
        let element = Column(
            values: .structure(
                count: names.count,
                fields: [Column(values: .bytes(names)), Column(values: .int64(numbers), validity: numberValid)]))
        return Column(values: .list(offsets: offsets, values: element), validity: valid)
    }()

    static let type = ColumnType.list(
        Field(name: "element", type: .structure([Field(name: "name", type: .string), Field(name: "n", type: .int64)])))

    @Test("a run of rows equals the same rows gathered one by one", arguments: [0..<1, 3..<9, 10..<40, 0..<40, 7..<7])
    func runs(_ range: Range<Int>) {
        let sliced = Self.column.gather(Array(range))
        // Gathering in reverse, then reversing, goes row by row both times.
        let byRow = Self.column.gather(Array(range.reversed())).gather(Array((0..<range.count).reversed()))
        #expect(sliced == byRow)
        #expect((0..<range.count).allSatisfy { sliced.value(at: $0, type: Self.type) == Self.column.value(at: range.lowerBound + $0, type: Self.type) })
    }

    @Test("scattered rows keep their order and their elements")
    func scattered() {
        let rows = [7, 2, 2, 39, 0, 13]
        let gathered = Self.column.gather(rows)
        #expect(rows.indices.allSatisfy { gathered.value(at: $0, type: Self.type) == Self.column.value(at: rows[$0], type: Self.type) })
    }
}
