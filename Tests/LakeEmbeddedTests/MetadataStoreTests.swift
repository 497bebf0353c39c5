import Foundation
import GRDB
import LakeCore
import Testing

@testable import LakeEmbedded

@Suite struct MetadataStoreTests {
    @Test func opensAndUpgradesAVersion1Database() async throws {
        let directory = try TemporaryDirectory("octagon-v1")
        let url = directory.file("octagon.sqlite")
        // A database as the first release left it: only the v1 tables, with a row.
        do {
            let pool = try DatabasePool(path: url.path)
            try SQLiteMetadataStore.migrator.migrate(pool, upTo: "v1: object metadata, datasets, pipelines")
            try await pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO dataset (id, team, name, pipeline, stage_a_transform, min_items, max_items, version, updated_at)
                        VALUES ('demoteam-legislators', 'demoteam', 'legislators', 'main', 'light', 1, 100, 1, 0)
                        """)
                try db.execute(
                    sql: """
                        INSERT INTO object (id, zone, key, bucket, size, last_modified, timestamp, content_hash)
                        VALUES ('file:///l/raw/a/b/c.json', 'raw', 'a/b/c.json', '/l/raw', 3, 0, 0, 'h')
                        """)
            }
            try pool.close()
        }
        let (clock, _) = manualTime()
        let store = try SQLiteMetadataStore(url: url, clock: clock)
        #expect(try await store.dataset(id: "demoteam-legislators")?.stageATransform == "light")
        let applied = try await store.store.pool.read { db in try SQLiteMetadataStore.migrator.appliedMigrations(db) }
        #expect(applied == [
            "v1: object metadata, datasets, pipelines", "v2: executions, stage-B claims, events",
            "v3: workload-management priorities (octagon-wlm)", "v4: object row counts",
            "v5: execution error code, hint and component", "v6: execution counts per status", "v7: executions in insertion order",
        ])
        // v4 adds row counts; rows written before it have none.
        #expect(try await store.object(id: "file:///l/raw/a/b/c.json").map { $0.rows == nil } == true)
        let record = ExecutionRecord(id: "e1", pipeline: "demoteam-main", stage: .a, team: "demoteam", dataset: "legislators", startedAt: clock.now(), inputKeys: [])
        #expect(try await store.startExecution(record, slotLimit: 1, staleBefore: clock.now()))
    }

    /// v7 rebuilds the execution table in insertion order: every row and column survives, the
    /// counts stay right, and the triggers and indexes are back.
    @Test func executionsSurviveTheRebuildInInsertionOrder() async throws {
        let directory = try TemporaryDirectory("octagon-v7")
        let url = directory.file("octagon.sqlite")
        let (clock, _) = manualTime()
        do {
            let pool = try DatabasePool(path: url.path)
            try SQLiteMetadataStore.migrator.migrate(pool, upTo: "v6: execution counts per status")
            try await pool.write { db in
                for (id, status) in [("e2", "COMPLETED"), ("e1", "FAILED"), ("e3", "RUNNING")] {
                    try db.execute(
                        sql: """
                            INSERT INTO execution (id, pipeline, stage, team, dataset, status, started_at, updated_at, input_keys, output_keys,
                                history, attempt, expires_at, error, error_code, error_hint, error_component)
                            VALUES (?, 't-main', 'a', 't', 'd', ?, 5, 5, '["raw/t/d/x.json"]', '[]', '[]', 2, 1e9, 'boom', 'transform', 'fix it', 'process')
                            """, arguments: [id, status])
                }
            }
            try pool.close()
        }
        let store = try SQLiteMetadataStore(url: url, clock: clock)
        let failed = try #require(try await store.execution(id: "e1"))
        #expect(failed.status == .failed && failed.attempt == 2 && failed.inputKeys == ["raw/t/d/x.json"])
        #expect(failed.error == "boom" && failed.errorHint == "fix it" && failed.errorComponent == "process")
        #expect(try await store.executionCounts(matching: ExecutionQuery()) == [.completed: 1, .failed: 1, .running: 1])
        var running = try #require(try await store.execution(id: "e3"))
        running.status = .completed
        try await store.saveExecutions([running])
        #expect(try await store.executionCounts(matching: ExecutionQuery()) == [.completed: 2, .failed: 1], "the triggers count again")
        let schema = try await store.store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE tbl_name = 'execution' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name")
        }
        #expect(schema == [
            "execution_count_delete", "execution_count_insert", "execution_count_update", "execution_dataset", "execution_expiry",
            "execution_running_group", "execution_slots", "execution_started", "execution_status",
        ])
        let withoutRowid = try await store.store.pool.read { db in try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'execution'") }
        #expect(withoutRowid?.contains("WITHOUT ROWID") == false)
    }

    /// The per-status counts the triggers keep agree with counting the rows, through inserts,
    /// status changes, upserts that keep the status, and purges.
    @Test func executionCountsFollowEveryChange() async throws {
        let directory = try TemporaryDirectory("octagon-counts")
        let (clock, time) = manualTime()
        let store = try SQLiteMetadataStore(url: directory.file("octagon.sqlite"), clock: clock)
        var records = (0..<5).map { ExecutionRecord(id: "e\($0)", pipeline: "t-main", stage: .a, team: "t", dataset: "d", startedAt: clock.now(), inputKeys: []) }
        try await store.saveExecutions(records)
        records[0].status = .completed
        records[1].status = .failed
        records[2].comment = "same status, other fields"
        try await store.saveExecutions(Array(records[0...2]))
        let filtered = try await store.executionCounts(matching: ExecutionQuery(dataset: DatasetRef(team: "t", dataset: "d")))
        let all = try await store.executionCounts(matching: ExecutionQuery())
        #expect(all == filtered)
        #expect(all == [.running: 3, .completed: 1, .failed: 1])
        await time.advance(.seconds(400 * 86_400))
        _ = try await store.purgeExecutions(expiredBefore: clock.now())
        #expect(try await store.executionCounts(matching: ExecutionQuery()).isEmpty)
    }

    @Test func refusesADatabaseFromANewerRelease() async throws {
        let directory = try TemporaryDirectory("octagon-new")
        let url = directory.file("octagon.sqlite")
        let (clock, _) = manualTime()
        _ = try SQLiteMetadataStore(url: url, clock: clock)
        do {
            let pool = try DatabasePool(path: url.path)
            try await pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')") }
            try pool.close()
        }
        #expect(throws: LakeError.self) { try SQLiteMetadataStore(url: url, clock: clock) }
    }

    @Test func concurrentOpeningOfANewFileMigratesOnce() async throws {
        let directory = try TemporaryDirectory("octagon-race")
        let url = directory.file("octagon.sqlite")
        let (clock, _) = manualTime()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<6 {
                group.addTask { _ = try SQLiteMetadataStore(url: url, clock: clock) }
            }
            try await group.waitForAll()
        }
        let store = try SQLiteMetadataStore(url: url, clock: clock)
        #expect(try await store.datasets().isEmpty)
    }

    @Test func objectPrefixQueriesAreBytewise() async throws {
        let directory = try TemporaryDirectory("octagon-prefix")
        let (clock, _) = manualTime()
        let store = try SQLiteMetadataStore(url: directory.file("octagon.sqlite"), clock: clock)
        let keys = ["a/b", "a-c", "a0", "a/\u{10FFFF}x", "ab", "é/x", "e\u{301}/x"]
        try await store.upsertObjects(keys.map {
            ObjectRecord(id: "id:\($0)", zone: .raw, key: $0, bucket: "b", size: 1, lastModified: clock.now(), timestamp: clock.now(), contentHash: "h")
        })
        let under = try await store.objects(matching: ObjectQuery(keyPrefix: "a/")).map(\.key)
        #expect(under == ["a/b", "a/\u{10FFFF}x"])
        let precomposed = try await store.objects(matching: ObjectQuery(keyPrefix: "é")).map(\.key)
        #expect(precomposed.map { Array($0.utf8) } == [Array("é/x".utf8)])
    }
}
