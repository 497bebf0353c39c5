import Foundation
import GRDB
import LakeCore

extension RawDirectoryWatcher {
    /// The ledger's schema: what each raw file looked like when last reported, and a generation
    /// counter bumped by every write so a watcher knows when its cached copy is stale.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: raw file ledger") { db in
            try db.execute(sql: """
                CREATE TABLE seen (
                    key TEXT NOT NULL PRIMARY KEY,
                    size INTEGER NOT NULL,
                    modified_at REAL NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE ledger_state (id INTEGER PRIMARY KEY CHECK (id = 1), generation INTEGER NOT NULL);
                INSERT INTO ledger_state (id, generation) VALUES (1, 0);
                """)
        }
        return migrator
    }

    /// The ledger, from the cache when no one wrote it since it was read.
    func ledger() async throws -> [String: Seen] {
        let generation = try await store.read("read the raw ledger generation") { db in
            try Int64.fetchOne(db, sql: "SELECT generation FROM ledger_state WHERE id = 1") ?? 0
        }
        if let cached = cache.withLock({ $0 }), cached.generation == generation { return cached.rows }
        let (readGeneration, rows) = try await store.read("read the raw ledger") { db in
            var rows: [String: Seen] = [:]
            let cursor = try Row.fetchCursor(db, sql: "SELECT key, size, modified_at FROM seen")
            while let row = try cursor.next() {
                rows[row[0]] = Seen(size: row[1], modifiedAt: row[2])
            }
            return (try Int64.fetchOne(db, sql: "SELECT generation FROM ledger_state WHERE id = 1") ?? 0, rows)
        }
        cache.withLock { $0 = (readGeneration, rows) }
        return rows
    }

    /// Upserts and deletes ledger rows in one transaction, keeping the cache in step when it
    /// was current.
    func write(upserts: [(String, Seen)], deletes: [String]) async throws {
        let generation = try await store.write("update the raw ledger") { db in
            let before = try Int64.fetchOne(db, sql: "SELECT generation FROM ledger_state WHERE id = 1") ?? 0
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO seen (key, size, modified_at) VALUES (?, ?, ?)
                    ON CONFLICT (key) DO UPDATE SET size = excluded.size, modified_at = excluded.modified_at
                    """)
            for (key, seen) in upserts { try upsert.execute(arguments: [key, seen.size, seen.modifiedAt]) }
            let delete = try db.cachedStatement(sql: "DELETE FROM seen WHERE key = ?")
            for key in deletes { try delete.execute(arguments: [key]) }
            try db.execute(sql: "UPDATE ledger_state SET generation = generation + 1 WHERE id = 1")
            return before
        }
        cache.withLock { cached in
            guard var current = cached, current.generation == generation else {
                cached = nil
                return
            }
            for (key, seen) in upserts { current.rows[key] = seen }
            for key in deletes { current.rows[key] = nil }
            current.generation = generation + 1
            cached = current
        }
    }
}
