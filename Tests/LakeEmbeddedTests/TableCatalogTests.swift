import Foundation
import GRDB
import LakeCore
import Testing

@testable import LakeEmbedded

@Suite struct TableCatalogTests {
    let directory: TemporaryDirectory
    let clock: ManualClock

    init() throws {
        directory = try TemporaryDirectory("catalog-unit")
        (clock, _) = manualTime()
    }

    func table(_ columns: [String], partitionKeys: [String] = ["dt"]) -> CatalogTable {
        CatalogTable(
            database: "db", name: "t", columns: columns.map { CatalogColumn(name: $0, type: "string") },
            partitionKeys: partitionKeys.map { CatalogColumn(name: $0, type: "string") }, location: "file:///lake/analytics/t/",
            createdAt: clock.now(), updatedAt: clock.now())
    }

    @Test func upgradesAVersion1Database() async throws {
        let url = directory.file("catalog.sqlite")
        do {
            let pool = try DatabasePool(path: url.path)
            try SQLiteTableCatalog.migrator.migrate(pool, upTo: "v1: databases, tables, schema versions")
            try await pool.write { db in
                try db.execute(sql: "INSERT INTO catalog_database (name, created_at) VALUES ('db', 0)")
            }
            try pool.close()
        }
        let catalog = try SQLiteTableCatalog(url: url, clock: clock)
        #expect(try await catalog.database(named: "db") != nil)
        try await catalog.upsertTable(table(["a"]), change: "created")
        try await catalog.upsertPartitions(database: "db", table: "t", [CatalogPartition(values: ["2026-11-22"], location: "x", createdAt: clock.now(), updatedAt: clock.now())])
        #expect(try await catalog.allPartitions(database: "db", table: "t").count == 1)
    }

    @Test func partitionValuesMustMatchTheKeys() async throws {
        let catalog = try SQLiteTableCatalog(url: directory.file("catalog.sqlite"), clock: clock)
        try await catalog.upsertDatabase(CatalogDatabase(name: "db", createdAt: clock.now()))
        try await catalog.upsertTable(table(["a"], partitionKeys: ["year", "month"]), change: "created")
        await #expect(throws: LakeError.self) {
            try await catalog.upsertPartitions(database: "db", table: "t", [CatalogPartition(values: ["2026"], location: "x", createdAt: clock.now(), updatedAt: clock.now())])
        }
    }

    @Test func concurrentSchemaChangesGetConsecutiveVersions() async throws {
        let url = directory.file("catalog.sqlite")
        let catalogs = try (0..<3).map { _ in try SQLiteTableCatalog(url: url, clock: clock) }
        try await catalogs[0].upsertDatabase(CatalogDatabase(name: "db", createdAt: clock.now()))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<12 {
                let catalog = catalogs[i % 3]
                let t = table((0...i).map { "c\($0)" })
                group.addTask { try await catalog.upsertTable(t, change: "columns c0...c\(i)") }
            }
            try await group.waitForAll()
        }
        let versions = try await catalogs[1].schemaVersions(database: "db", table: "t")
        #expect(versions.map(\.version) == Array(1...versions.count))
        #expect(try await catalogs[2].table(database: "db", name: "t")?.schemaVersion == versions.count)
        #expect(versions.last?.columns == (try await catalogs[0].table(database: "db", name: "t"))?.columns)
    }

    @Test func schemaVersionsUseTheInjectedClock() async throws {
        let catalog = try SQLiteTableCatalog(url: directory.file("catalog.sqlite"), clock: clock)
        try await catalog.upsertDatabase(CatalogDatabase(name: "db", createdAt: clock.now()))
        try await catalog.upsertTable(table(["a"]), change: "created")
        clock.advance(by: .seconds(3600))
        try await catalog.upsertTable(table(["a", "b"]), change: "added column b (string)")
        let versions = try await catalog.schemaVersions(database: "db", table: "t")
        #expect(versions.map(\.createdAt) == [clock.now().addingTimeInterval(-3600), clock.now()])
    }
}
