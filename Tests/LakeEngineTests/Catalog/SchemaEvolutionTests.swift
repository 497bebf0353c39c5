import Foundation
import LakeCore
import LakeEngine
import Testing

/// Schema evolution through real pipeline runs: each run is a stage-B batch whose Parquet
/// footers the crawler merges into the catalog table.
@Suite struct SchemaEvolutionTests {
    func rows(_ n: Int, _ make: (Int) -> String) -> String { (0..<n).map(make).joined(separator: "\n") + "\n" }

    @Test func addingWideningAndNarrowerFilesMakeTheRightVersions() async throws {
        let t = try await CatalogLake()
        defer { t.remove() }
        try await t.run(["a.jsonl": rows(3) { #"{"id":\#($0),"name":"n\#($0)"}"# }], table: "events")
        var table = try #require(try await t.table("events"))
        #expect(table.schemaVersion == 1)
        #expect(table.columns.map(\.name) == ["id", "name"])
        #expect(table.columns.map(\.type) == ["int", "string"])
        #expect(table.columns.first?.parquetType == "INT32")
        #expect(table.location.hasSuffix("/analytics/sales/orders/events/"))
        #expect(table.parameters["recordCount"] == "3")

        // A new column: version 2.
        try await t.run(["b.jsonl": rows(2) { #"{"id":\#($0 + 10),"name":"x","score":1.5}"# }], table: "events")
        table = try #require(try await t.table("events"))
        #expect(table.schemaVersion == 2)
        #expect(table.columns.map(\.name) == ["id", "name", "score"])
        // int32 -> int64: version 3; int64 -> double: version 4.
        try await t.run(["c.jsonl": rows(2) { #"{"id":\#(5_000_000_000 + $0),"name":"y"}"# }], table: "events")
        try await t.run(["d.jsonl": rows(2) { #"{"id":\#($0).25,"name":"z"}"# }], table: "events")
        // A file with a narrower type than the catalog's changes nothing.
        try await t.run(["e.jsonl": rows(2) { #"{"id":\#($0),"name":"w"}"# }], table: "events")
        table = try #require(try await t.table("events"))
        #expect(table.columns.map(\.type) == ["double", "string", "double"])
        let history = try await t.history("events")
        #expect(history.map(\.version) == [1, 2, 3, 4])
        #expect(history.map(\.change) == [
            "created with 2 column(s)", "added column score (double)", "widened id int -> bigint", "widened id bigint -> double",
        ])
        #expect(history[2].columns.first?.type == "bigint")
        #expect(table.parameters["recordCount"] == "11")
        #expect(table.parameters["schemaVersion"] == "4")
        #expect(try await t.stageB().allSatisfy { $0.status == .completed })
        // DataSchemas: every new version is also an event in Octagon.
        let events = try await t.metadata.events(kind: "catalog.schema-version", limit: 10)
        #expect(events.count == 4)
    }

    @Test func anIncompatibleChangeFailsTheExecutionAndChangesNothing() async throws {
        let t = try await CatalogLake()
        defer { t.remove() }
        try await t.run(["a.jsonl": rows(3) { #"{"id":\#(5_000_000_000 + $0),"name":"n"}"# }], table: "events")
        let before = try #require(try await t.table("events"))
        let partitionsBefore = try await t.catalog.allPartitions(database: t.database, table: "events")
        let filesBefore = try FileManager.default.contentsOfDirectory(atPath: t.directory("events").path).sorted()

        try await t.run(["b.jsonl": rows(2) { #"{"id":"abc\#($0)","name":"x","extra":1}"# }], table: "events")
        let failed = try #require(try await t.stageB().first { $0.status == .failed })
        let error = try #require(failed.error)
        #expect(error.hasPrefix("crawler: "))
        #expect(error.contains("column 'id' changed from bigint to string"), "\(error)")
        // Nothing changed in the catalog: no new column, no new version, same statistics.
        let after = try #require(try await t.table("events"))
        #expect(after.columns == before.columns)
        #expect(after.schemaVersion == 1)
        #expect(after.parameters == before.parameters)
        #expect(try await t.history("events").count == 1)
        #expect(try await t.catalog.allPartitions(database: t.database, table: "events") == partitionsBefore)
        // The refused files are gone from analytics and from Octagon.
        #expect(try FileManager.default.contentsOfDirectory(atPath: t.directory("events").path).sorted() == filesBefore)
        let analytics = try await t.metadata.objects(matching: ObjectQuery(zone: .analytics))
        #expect(analytics.count == filesBefore.count)
        // The keys went to the stage-B dead-letter queue.
        #expect(try await t.lake.deadLetters(QueueNaming(environment: "test").stageBDeadLetter(t.ref)) == 1)
    }

    @Test func anIncompatibleChangeUnderPolicyLogIsRecordedAndTheNewTypeWins() async throws {
        let t = try await CatalogLake(policy: .log)
        defer { t.remove() }
        try await t.run(["a.jsonl": rows(3) { #"{"id":\#($0),"flag":true}"# }], table: "events")
        try await t.run(["b.jsonl": rows(2) { #"{"id":"abc\#($0)","flag":5}"# }], table: "events")
        #expect(try await t.stageB().allSatisfy { $0.status == .completed })
        let table = try #require(try await t.table("events"))
        #expect(table.columns.map(\.type) == ["string", "int"])
        let history = try await t.history("events")
        #expect(history.count == 2)
        #expect(history[1].change == "column id changed from int to string (incompatible); column flag changed from boolean to int (incompatible)")
        #expect(table.parameters["recordCount"] == "5")
    }

    @Test func explicitSchemasEvolveTheSameWay() async throws {
        let t = try await CatalogLake(tables: [TableConfig(name: "events", schema: [ColumnSpec(name: "id", type: "int32"), ColumnSpec(name: "at", type: "date")])])
        defer { t.remove() }
        let file = rows(2) { #"{"id":\#($0),"at":"2026-11-2\#($0)"}"# }
        try await t.run(["a.jsonl": file], table: "events")
        // The table's schema in lake.yaml widens, then breaks.
        t.lake.config.datasets[0].tables[0].schema = [ColumnSpec(name: "id", type: "int64"), ColumnSpec(name: "at", type: "timestamp")]
        try await t.run(["b.jsonl": file], table: "events")
        #expect(try await t.history("events").map(\.change) == ["created with 2 column(s)", "widened id int -> bigint; widened at date -> timestamp"])
        t.lake.config.datasets[0].tables[0].schema = [ColumnSpec(name: "id", type: "bool"), ColumnSpec(name: "at", type: "timestamp")]
        try await t.run(["c.jsonl": rows(2) { #"{"id":true,"at":"2026-11-2\#($0)"}"# }], table: "events")
        let failed = try #require(try await t.stageB().first { $0.status == .failed })
        #expect(failed.error?.contains("column 'id' changed from bigint to boolean") == true)
        #expect(try await t.table("events")?.schemaVersion == 2)
    }
}
