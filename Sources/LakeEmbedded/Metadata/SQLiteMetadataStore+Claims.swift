import Foundation
import GRDB
import LakeCore

extension SQLiteMetadataStore {
    /// Claims each unclaimed key for `executionId` (INSERT OR IGNORE, then read the owners, in
    /// one transaction). Returns the owner of every key another execution holds.
    public func claim(keys: [String], by executionId: String, at: Date) async throws -> [String: String] {
        guard !keys.isEmpty else { return [:] }
        let time = SQLiteValues.time(at)
        return try await store.write("claim keys", context: ["execution": executionId]) { db in
            let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO claim (key, execution_id, claimed_at) VALUES (?, ?, ?)")
            for key in keys { try insert.execute(arguments: [key, executionId, time]) }
            return try Self.owners(db, keys: keys).filter { $0.value != executionId }
        }
    }

    /// Owners of the given keys; unclaimed keys are absent.
    public func claimOwners(keys: [String]) async throws -> [String: String] {
        guard !keys.isEmpty else { return [:] }
        return try await store.read("read claims") { db in try Self.owners(db, keys: keys) }
    }

    /// Drops every claim held by `executionId`.
    public func releaseClaims(of executionId: String) async throws {
        try await store.write("release claims", context: ["execution": executionId]) { db in
            try db.cachedStatement(sql: "DELETE FROM claim WHERE execution_id = ?").execute(arguments: [executionId])
        }
    }

    /// Upserts an event by id.
    public func recordEvent(_ event: EventRecord) async throws {
        let details: String?
        do {
            details = try SQLiteValues.jsonMap(event.details)
        } catch {
            throw LakeError(.metadata, "cannot encode the event details", context: ["event": event.id], underlying: SendableErrorBox(error))
        }
        try await store.write("record event", context: ["event": event.id]) { db in
            try db.cachedStatement(
                sql: """
                    INSERT INTO event (id, at, kind, message, details) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET at = excluded.at, kind = excluded.kind, message = excluded.message,
                        details = excluded.details
                    """
            ).execute(arguments: [event.id, SQLiteValues.time(event.at), event.kind, event.message, details])
        }
    }

    /// The newest `limit` events, of `kind` when given, newest first.
    public func events(kind: String?, limit: Int) async throws -> [EventRecord] {
        try await store.read("read events") { db in
            let rows: [Row]
            if let kind {
                rows = try Row.fetchAll(
                    db.cachedStatement(sql: "SELECT * FROM event WHERE kind = ? ORDER BY at DESC, id DESC LIMIT ?"),
                    arguments: [kind, max(0, limit)])
            } else {
                rows = try Row.fetchAll(
                    db.cachedStatement(sql: "SELECT * FROM event ORDER BY at DESC, id DESC LIMIT ?"), arguments: [max(0, limit)])
            }
            return try rows.map { row in
                EventRecord(
                    id: row["id"], at: SQLiteValues.date(row["at"] as Double), kind: row["kind"], message: row["message"],
                    details: try SQLiteValues.map(row["details"]))
            }
        }
    }

    /// Owners of `keys`, read in chunks that stay under SQLite's parameter limit.
    static func owners(_ db: Database, keys: [String]) throws -> [String: String] {
        var owners: [String: String] = [:]
        var start = 0
        while start < keys.count {
            let chunk = Array(keys[start..<min(start + 500, keys.count)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let rows = try Row.fetchAll(
                db, sql: "SELECT key, execution_id FROM claim WHERE key IN (\(marks))", arguments: StatementArguments(chunk))
            for row in rows { owners[row["key"]] = row["execution_id"] }
            start += chunk.count
        }
        return owners
    }
}
