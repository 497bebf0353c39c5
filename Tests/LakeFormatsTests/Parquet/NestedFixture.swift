import LakeFormats

/// Nested rows covering what Dremel levels must get right: nulls at every level, empty and
/// null lists, lists of structs of lists, lists of lists, maps, required fields inside
/// optional ones, and leaves of every storage kind.
enum NestedFixture {
    static let order = ColumnType.structure([
        Field(name: "sku", type: .string),
        Field(name: "qty", type: .int32, nullable: false),
        Field(name: "opts", type: .list(ColumnType.listElement(.int64))),
    ])

    static let schema = Schema([
        Field(name: "id", type: .int64, nullable: false),
        Field(name: "tags", type: .list(ColumnType.listElement(.string))),
        Field(name: "point", type: .structure([
            Field(name: "x", type: .double), Field(name: "y", type: .double, nullable: false), Field(name: "label", type: .string),
        ])),
        Field(name: "attrs", type: .map(key: .string, value: ColumnType.mapValue(.int64))),
        Field(name: "orders", type: .list(ColumnType.listElement(order))),
        Field(name: "grid", type: .list(ColumnType.listElement(.list(ColumnType.listElement(.int32, nullable: false))))),
        Field(name: "req", type: .structure([
            Field(name: "a", type: .int64, nullable: false), Field(name: "days", type: .list(ColumnType.listElement(.date))),
        ]), nullable: false),
        Field(name: "times", type: .list(ColumnType.listElement(.timestamp(.micros)))),
        Field(name: "amounts", type: .list(ColumnType.listElement(.decimal(precision: 20, scale: 3)))),
        Field(name: "prices", type: .list(ColumnType.listElement(.decimal(precision: 9, scale: 2)))),
        Field(name: "flags", type: .list(ColumnType.listElement(.bool, nullable: false)), nullable: false),
        Field(name: "note", type: .string),
    ])

    /// Row `r` of the fixture as values.
    static func row(_ r: Int) -> [Value] {
        let k = r % 7
        func maybe(_ v: Value, every n: Int) -> Value { r % n == n - 1 ? .null : v }
        let tags: Value = k == 0 ? .list([]) : .list((0..<k).map { $0 == 2 ? .null : .string("t\(r % 13)-\($0)") })
        let point: Value = .structure(
            names: ["x", "y", "label"],
            values: [maybe(.double(Double(r) / 4), every: 3), .double(Double(-r)), k == 4 ? .null : .string("p\(r % 5)")])
        let attrs: Value = .map(
            keys: (0..<(r % 4)).map { .string("k\($0)") },
            values: (0..<(r % 4)).map { $0 == 1 ? .null : .int(Int64(r * 10 + $0)) })
        let orders: Value = .list((0..<(r % 3)).map { o in
            o == 1 && r % 2 == 0
                ? .null
                : .structure(
                    names: ["sku", "qty", "opts"],
                    values: [.string("sku\(r)-\(o)"), .int(Int64(o + 1)), r % 5 == 0 ? .null : .list((0..<o).map { .int(Int64($0 * r)) })])
        })
        let grid: Value = .list((0..<(r % 4)).map { g in g == 2 ? .null : .list((0..<g).map { .int(Int64(g * 100 + $0)) }) })
        let req: Value = .structure(
            names: ["a", "days"], values: [.int(Int64(r * 3)), k == 3 ? .null : .list([.date(Int32(18_000 + r)), .null])])
        let times: Value = .list([.timestamp(1_700_000_000_000_000 + Int64(r) * 1_000_003, .micros)])
        let amounts: Value = .list([.decimal(unscaled: "-1234567890123456\(r % 10)", scale: 3), .null])
        let prices: Value = .list([.decimal(unscaled: String(r * 7 - 50), scale: 2)])
        let flags: Value = .list((0..<(r % 3)).map { .bool(($0 + r) % 2 == 0) })
        return [
            .int(Int64(r)), maybe(tags, every: 5), maybe(point, every: 6), maybe(attrs, every: 4), maybe(orders, every: 7),
            maybe(grid, every: 5), req, maybe(times, every: 2), amounts, prices, flags, k == 1 ? .null : .string("n\(r)"),
        ]
    }

    /// Rows `start..<start+count` as a batch.
    static func batch(start: Int, count: Int) throws -> RecordBatch {
        let rows = (start..<(start + count)).map(row)
        let columns = try schema.fields.enumerated().map { i, f in try Column.make(rows.map { $0[i] }, type: f.type, path: f.name) }
        return RecordBatch(schema: schema, columns: columns, rowCount: count)
    }
}
