import Foundation
import LakeCore

extension TableCatalogContract {
    /// `upsertTable(_:change:ifSchemaVersion:)`: writes only over the version the caller read.
    static func conditionalChecks() -> [Check] {
        [
            Check("conditional-upsert-writes-only-over-the-version-read") { f in
                let db = try await makeDatabase(f)
                let t0 = wholeSecond(f.time.now())
                var table = makeTable(db, "orders", at: t0)
                try ensure(!(try await f.subject.upsertTable(table, change: "created", ifSchemaVersion: 1)), "a create expecting version 1 must be refused")
                try ensure(try await f.subject.table(database: db, name: "orders") == nil, "a refused create wrote the table")
                try ensure(try await f.subject.upsertTable(table, change: "created", ifSchemaVersion: nil), "a create expecting no table must succeed")
                try ensure(!(try await f.subject.upsertTable(table, change: "created again", ifSchemaVersion: nil)), "a second create must be refused")

                // Two writers read version 1; the first adds a column, the second must be refused.
                var first = table
                first.columns.append(CatalogColumn(name: "a", type: "bigint"))
                var second = table
                second.columns.append(CatalogColumn(name: "b", type: "string"))
                try ensure(try await f.subject.upsertTable(first, change: "added column a (bigint)", ifSchemaVersion: 1), "the first writer's update")
                try ensure(!(try await f.subject.upsertTable(second, change: "added column b (string)", ifSchemaVersion: 1)), "the second writer's stale update must be refused")
                let stored = try await f.subject.table(database: db, name: "orders")
                try ensureEqual(stored?.schemaVersion, 2, "version after one column change")
                try ensureEqual(stored?.columns.map(\.name), ["id", "name", "a"], "columns keep the first writer's change")
                try ensureEqual(try await f.subject.schemaVersions(database: db, table: "orders").map(\.version), [1, 2], "history")

                // A write with the same columns over the current version keeps it and updates parameters.
                table = first
                table.parameters["recordCount"] = "99"
                try ensure(try await f.subject.upsertTable(table, change: "statistics", ifSchemaVersion: 2), "a statistics update over the current version")
                try ensureEqual(try await f.subject.table(database: db, name: "orders")?.schemaVersion, 2, "version after a statistics update")
                try ensureEqual(try await f.subject.table(database: db, name: "orders")?.parameters["recordCount"], "99", "parameters after a statistics update")
            },
        ]
    }
}
