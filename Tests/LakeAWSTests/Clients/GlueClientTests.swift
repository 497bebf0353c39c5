import Foundation
import LakeAWS
import LakeCore
import Testing

/// Every Glue call of the client against moto.
@Suite struct GlueClientTests {
    static let parquet = GlueStorageDescriptor(
        columns: [GlueColumn(name: "id", type: "bigint"), GlueColumn(name: "name", type: "string", comment: "who")],
        location: "s3://bucket/analytics/t/", inputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
        outputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
        serdeInfo: GlueSerDeInfo(serializationLibrary: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"))

    @Test func databasesTablesAndVersions() async throws {
        try await Moto.withTransport { transport async throws in
            let glue = GlueClient(transport: transport)
            let database = Moto.unique("db").replacingOccurrences(of: "-", with: "_")
            #expect(try await glue.createDatabase(GlueDatabase(name: database, description: "test", parameters: ["k": "v"])))
            #expect(try await glue.createDatabase(GlueDatabase(name: database)) == false)
            let read = try #require(try await glue.database(database))
            #expect(read.description == "test")
            #expect(read.parameters?["k"] == "v")
            #expect(try await glue.databases().contains { $0.name == database })
            #expect(try await glue.database("absent_\(UUID().uuidString.prefix(6))") == nil)

            var input = GlueTableInput(
                name: "people", storageDescriptor: Self.parquet, partitionKeys: [GlueColumn(name: "dt", type: "string")],
                parameters: ["classification": "parquet"])
            #expect(try await glue.createTable(database: database, input))
            #expect(try await glue.createTable(database: database, input) == false)
            input.storageDescriptor?.columns?.append(GlueColumn(name: "age", type: "int"))
            input.parameters?["swiftlake.schema_change"] = "added column age (int)"
            try await glue.updateTable(database: database, input)
            let table = try #require(try await glue.table(database: database, name: "people"))
            #expect(table.input.storageDescriptor?.columns?.map(\.name) == ["id", "name", "age"])
            #expect(table.input.partitionKeys?.map(\.name) == ["dt"])
            #expect(table.input.parameters?["classification"] == "parquet")
            #expect(table.createTime != nil)
            let versions = try await glue.tableVersions(database: database, table: "people")
            #expect(versions.map { $0.input.storageDescriptor?.columns?.count ?? 0 } == [2, 3])
            #expect(try await glue.tables(database: database).map(\.input.name) == ["people"])
            #expect(try await glue.table(database: database, name: "absent") == nil)
        }
    }

    @Test func partitionsInBatchesWithPerPartitionErrors() async throws {
        try await Moto.withTransport { transport async throws in
            let glue = GlueClient(transport: transport)
            let database = Moto.unique("pdb").replacingOccurrences(of: "-", with: "_")
            try await glue.createDatabase(GlueDatabase(name: database))
            try await glue.createTable(
                database: database,
                GlueTableInput(
                    name: "events", storageDescriptor: Self.parquet,
                    partitionKeys: [GlueColumn(name: "year", type: "string"), GlueColumn(name: "month", type: "string")],
                    parameters: [:]))
            func partition(_ month: Int, files: Int = 1) -> GluePartition {
                var descriptor = Self.parquet
                descriptor.location = "s3://bucket/analytics/events/year=2026/month=\(month)/"
                return GluePartition(values: ["2026", String(month)], storageDescriptor: descriptor, parameters: ["numFiles": String(files)])
            }
            #expect(try await glue.batchCreatePartitions(database: database, table: "events", (1...100).map { partition($0) }).isEmpty)
            let errors = try await glue.batchCreatePartitions(database: database, table: "events", [partition(5), partition(101)])
            #expect(errors.map(\.values) == [["2026", "5"]])
            #expect(errors.first?.code == "AlreadyExistsException")
            await #expect(throws: LakeError.self) {
                _ = try await glue.batchCreatePartitions(database: database, table: "events", (1...101).map { partition($0) })
            }
            let updateErrors = try await glue.batchUpdatePartitions(
                database: database, table: "events", [partition(5, files: 9), partition(500)])
            #expect(updateErrors.map(\.values) == [["2026", "500"]])
            try await glue.updatePartition(database: database, table: "events", partition(6, files: 7))
            var all: [GluePartition] = []
            var token: String?
            repeat {
                let page = try await glue.partitions(database: database, table: "events", nextToken: token, maxResults: 40)
                all += page.partitions
                token = page.nextToken
            } while token != nil
            #expect(all.count == 101)
            #expect(all.first { $0.values == ["2026", "5"] }?.parameters?["numFiles"] == "9")
            #expect(all.first { $0.values == ["2026", "6"] }?.parameters?["numFiles"] == "7")
            let filtered = try await glue.partitions(database: database, table: "events", expression: "month = '7'")
            #expect(filtered.partitions.map(\.values) == [["2026", "7"]])
        }
    }
}
