import Foundation
import LakeCore

extension TableCatalogContract {
    static func partitionChecks() -> [Check] {
        [
            Check("partition-upsert-keeps-created-at") { f in
                let db = try await makeDatabase(f)
                let t0 = wholeSecond(f.time.now())
                try await f.subject.upsertTable(makeTable(db, "events", at: t0), change: "created")
                var p = CatalogPartition(values: ["2026", "11"], location: "s3://b/events/year=2026/month=11/", fileCount: 1, rowCount: 10, sizeBytes: 100, createdAt: t0, updatedAt: t0)
                try await f.subject.upsertPartitions(database: db, table: "events", [p])
                let first = try await f.subject.allPartitions(database: db, table: "events")
                p.fileCount = 3
                p.rowCount = 30
                p.sizeBytes = 300
                p.createdAt = t0.addingTimeInterval(100)
                p.updatedAt = t0.addingTimeInterval(100)
                try await f.subject.upsertPartitions(database: db, table: "events", [p])
                let second = try await f.subject.allPartitions(database: db, table: "events")
                try ensureEqual(second.count, 1, "partitions after upserting one twice")
                try ensureEqual(second.first?.values, ["2026", "11"], "values")
                try ensureEqual(second.first?.fileCount, 3, "file count after upsert")
                try ensureEqual(second.first?.rowCount, 30, "row count after upsert")
                try ensureEqual(second.first?.sizeBytes, 300, "size after upsert")
                try ensureEqual(second.first.map { ms($0.createdAt) }, first.first.map { ms($0.createdAt) }, "createdAt kept by the upsert")
            },
            Check("partition-pagination-is-complete-and-stable") { f in
                let db = try await makeDatabase(f)
                let t0 = wholeSecond(f.time.now())
                try await f.subject.upsertTable(makeTable(db, "big", at: t0, partitionKeys: ["dt", "hour"]), change: "created")
                var partitions: [CatalogPartition] = []
                for day in 1...25 {
                    for hour in 0..<10 {
                        let values = [String(format: "2026-11-%02d", day), String(hour)]
                        partitions.append(CatalogPartition(values: values, location: "s3://b/big/dt=\(values[0])/hour=\(hour)/", createdAt: t0, updatedAt: t0))
                    }
                }
                try await f.subject.upsertAllPartitions(database: db, table: "big", partitions)
                func listAll(_ limit: Int) async throws -> [[String]] {
                    var all: [[String]] = []
                    var token: String?
                    var pages = 0
                    repeat {
                        let page = try await f.subject.partitions(database: db, table: "big", after: token, limit: limit)
                        try ensure(page.partitions.count <= limit, "a page of \(page.partitions.count) with limit \(limit)")
                        all += page.partitions.map(\.values)
                        token = page.nextToken
                        pages += 1
                    } while token != nil && pages < 1000
                    return all
                }
                let bySeven = try await listAll(7)
                try ensureEqual(bySeven.count, 250, "partitions listed in pages of 7")
                try ensureEqual(Set(bySeven.map { $0.joined(separator: "/") }).count, 250, "distinct partitions listed")
                try ensureEqual(try await listAll(7), bySeven, "a second listing in pages of 7")
                try ensureEqual(try await listAll(100), bySeven, "a listing in pages of 100")
                try ensureEqual(try await listAll(250), bySeven, "a listing in one exact page")
            },
            Check("upsert-partitions-takes-at-most-100") { f in
                let db = try await makeDatabase(f)
                let t0 = wholeSecond(f.time.now())
                try await f.subject.upsertTable(makeTable(db, "limits", at: t0, partitionKeys: ["n"]), change: "created")
                let many = (0..<101).map { CatalogPartition(values: [String($0)], location: "s3://b/limits/n=\($0)/", createdAt: t0, updatedAt: t0) }
                try await ensureThrows(.usage, "upsertPartitions of 101") {
                    try await f.subject.upsertPartitions(database: db, table: "limits", many)
                }
                try ensureEqual(try await f.subject.allPartitions(database: db, table: "limits").count, 0, "partitions written by a refused call")
                try await f.subject.upsertPartitions(database: db, table: "limits", Array(many.prefix(100)))
                try ensureEqual(try await f.subject.allPartitions(database: db, table: "limits").count, 100, "partitions after a call of 100")
            },
            Check("awkward-partition-values-round-trip") { f in
                let db = try await makeDatabase(f)
                let t0 = wholeSecond(f.time.now())
                try await f.subject.upsertTable(makeTable(db, "odd", at: t0, partitionKeys: ["org"]), change: "created")
                let values = ["House of Representatives", "你好", "a=b&c", "naïve café", "2026-11-22 10:00:00"]
                let partitions = values.map { CatalogPartition(values: [$0], location: "s3://b/odd/org=\($0)/", fileCount: 1, createdAt: t0, updatedAt: t0) }
                try await f.subject.upsertPartitions(database: db, table: "odd", partitions)
                let listed = try await f.subject.allPartitions(database: db, table: "odd")
                try ensureEqual(Set(listed.map { $0.values[0] }), Set(values), "values read back")
                try ensureEqual(Set(listed.map(\.location)), Set(partitions.map(\.location)), "locations read back")
            },
            Check("partitions-of-missing-table-are-not-found") { f in
                let db = try await makeDatabase(f)
                try await ensureThrows(.notFound, "partitions of a missing table") {
                    try await f.subject.partitions(database: db, table: "missing", after: nil, limit: 10)
                }
                let t0 = wholeSecond(f.time.now())
                try await ensureThrows(.notFound, "upsertPartitions on a missing table") {
                    try await f.subject.upsertPartitions(database: db, table: "missing", [CatalogPartition(values: ["1"], location: "x", createdAt: t0, updatedAt: t0)])
                }
            },
        ]
    }
}
