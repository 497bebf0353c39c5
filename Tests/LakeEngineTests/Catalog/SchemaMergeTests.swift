import LakeCore
import Testing

@testable import LakeEngine

@Suite struct SchemaMergeTests {
    func columns(_ pairs: [(String, String)]) -> [CatalogColumn] { pairs.map { CatalogColumn(name: $0.0, type: $0.1) } }

    @Test(arguments: [
        ("int", "bigint", "bigint"), ("bigint", "double", "double"), ("int", "double", "double"), ("tinyint", "int", "int"),
        ("float", "double", "double"), ("date", "timestamp", "timestamp"), ("decimal(10,2)", "decimal(12,2)", "decimal(12,2)"),
        ("decimal(10,2)", "decimal(10,4)", "decimal(12,4)"), ("int", "float", "double"), ("bigint", "int", "bigint"),
        ("double", "int", "double"), ("timestamp", "date", "timestamp"), ("string", "string", "string"),
    ])
    func typesWiden(from: String, to: String, merged: String) {
        #expect(HiveType(from).merged(with: HiveType(to))?.description == merged)
    }

    @Test(arguments: [("string", "int"), ("int", "boolean"), ("bigint", "string"), ("date", "int"), ("decimal(38,0)", "decimal(38,2)"), ("binary", "string")])
    func typesConflict(from: String, to: String) {
        #expect(HiveType(from).merged(with: HiveType(to)) == nil)
    }

    @Test func mergeRecordsEveryKindOfChange() {
        var current = columns([("id", "int"), ("name", "string"), ("at", "date"), ("gone", "string")])
        current[3].nullable = false
        let incoming = columns([("ID", "bigint"), ("name", "int"), ("at", "date"), ("extra", "double")])
        let merge = SchemaMerge.merge(current, with: incoming)
        #expect(merge.columns.map(\.name) == ["id", "name", "at", "gone", "extra"])
        #expect(merge.columns.map(\.type) == ["bigint", "int", "date", "string", "double"])
        #expect(merge.conflicts == [SchemaMerge.Conflict(column: "name", from: "string", to: "int")])
        #expect(merge.changes == [
            "widened id int -> bigint", "column name changed from string to int (incompatible)", "added column extra (double)",
            "column gone is missing from new files; now nullable",
        ])
        #expect(merge.columns[3].nullable)
    }

    @Test(arguments: [
        ("array<int>", "array<bigint>", "array<bigint>"),
        ("struct<a:int,b:string>", "struct<a:bigint,c:array<double>>", "struct<a:bigint,b:string,c:array<double>>"),
        ("map<string,int>", "map<string,double>", "map<string,double>"),
        ("struct<p:decimal(10,2),q:struct<r:date>>", "struct<q:struct<r:timestamp,s:boolean>>",
         "struct<p:decimal(10,2),q:struct<r:timestamp,s:boolean>>"),
    ])
    func nestedTypesWiden(from: String, to: String, merged: String) {
        #expect(HiveType(from).merged(with: HiveType(to))?.description == merged)
    }

    @Test func nestedConflictNamesTheLeafPath() {
        let current = columns([("user", "struct<name:string,address:struct<zip:int,city:string>>"), ("tags", "array<string>")])
        let incoming = columns([("user", "struct<address:struct<zip:string>>"), ("tags", "map<string,string>")])
        let merge = SchemaMerge.merge(current, with: incoming)
        #expect(merge.conflicts == [
            SchemaMerge.Conflict(column: "user.address.zip", from: "int", to: "string"),
            SchemaMerge.Conflict(column: "tags", from: "array<string>", to: "map<string,string>"),
        ])
        #expect(merge.conflicts[0].description == "column 'user.address.zip' changed from int to string")
        let added = SchemaMerge.merge(columns([("user", "struct<name:string>")]), with: columns([("user", "struct<name:string,age:int>")]))
        #expect(added.conflicts.isEmpty)
        #expect(added.columns[0].type == "struct<name:string,age:int>")
        #expect(added.changes == ["widened user struct<name:string> -> struct<name:string,age:int>"])
    }

    @Test func namesKeepTheirCaseAndMatchWithoutIt() {
        let created = SchemaMerge.initial(columns([("UserId", "int"), ("Name", "string")]))
        #expect(created.columns.map(\.name) == ["UserId", "Name"])
        let merge = SchemaMerge.merge(created.columns, with: columns([("userid", "bigint"), ("NAME", "string")]))
        #expect(merge.columns.map(\.name) == ["UserId", "Name"])
        #expect(merge.changes == ["widened UserId int -> bigint"])
    }

    @Test func sameColumnsChangeNothing() {
        let current = columns([("id", "bigint"), ("name", "string")])
        let merge = SchemaMerge.merge(current, with: columns([("name", "string"), ("id", "int")]))
        #expect(!merge.changed)
        #expect(merge.columns == current)
    }
}
