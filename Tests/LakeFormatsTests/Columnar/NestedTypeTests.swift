import Testing

@testable import LakeFormats

@Suite("Nested column types: text form, Hive names, values")
struct NestedTypeTests {
    @Test("text forms parse back to the same type")
    func roundTrip() throws {
        let type = ColumnType.structure([
            Field(name: "id", type: .int64, nullable: false),
            Field(name: "zip code", type: .string),
            Field(name: "tags", type: .list(ColumnType.listElement(.string))),
            Field(name: "scores", type: .map(key: .string, value: ColumnType.mapValue(.decimal(precision: 12, scale: 2)))),
        ])
        #expect(type.description == "struct<id:int64 not null,`zip code`:string,tags:list<string>,scores:map<string,decimal(12,2)>>")
        #expect(ColumnType(parsing: type.description) == type)
        #expect(ColumnType(parsing: "array<timestamp[us] not null>") == .list(ColumnType.listElement(.timestamp(.micros), nullable: false)))
    }

    @Test("malformed nested text is refused", arguments: ["list<>", "struct<>", "map<list<int64>,string>", "list<int64", "struct<a int64>", "list<nosuch>"])
    func refused(_ text: String) {
        #expect(ColumnType(parsing: text) == nil)
    }

    @Test("Hive names are array, struct and map")
    func hive() {
        let type = ColumnType.structure([
            Field(name: "a", type: .list(ColumnType.listElement(.int64))),
            Field(name: "m", type: .map(key: .string, value: ColumnType.mapValue(.int32))),
        ])
        #expect(type.hiveType == "struct<a:array<bigint>,m:map<string,int>>")
    }

    @Test("nested cells become values and JSON")
    func values() {
        let element = Column(values: .int64([1, 2, 3]), validity: [true, false, true])
        let list = Column(values: .list(offsets: [0, 2, 2, 3], values: element), validity: [true, false, true])
        let type = ColumnType.list(ColumnType.listElement(.int64))
        #expect(list.value(at: 0, type: type) == .list([.int(1), .null]))
        #expect(list.value(at: 1, type: type) == .null)
        #expect(ValueFormatter.text(list.value(at: 2, type: type)) == "[3]")
        let s = Column(values: .structure(count: 3, fields: [list, Column(values: .bool([true, false, true]))]))
        let st = ColumnType.structure([Field(name: "xs", type: type), Field(name: "ok", type: .bool)])
        #expect(ValueFormatter.text(s.value(at: 0, type: st)) == #"{"xs":[1,null],"ok":true}"#)
        let gathered = s.gather([2, 0])
        #expect(ValueFormatter.text(gathered.value(at: 0, type: st)) == #"{"xs":[3],"ok":true}"#)
        #expect(Column.nulls(st, rows: 2).value(at: 1, type: st) == .null)
    }
}
