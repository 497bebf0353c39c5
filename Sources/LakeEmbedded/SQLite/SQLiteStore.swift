import Foundation
import GRDB
import LakeCore

/// One SQLite database file opened in WAL mode through a GRDB `DatabasePool`, shared by the
/// embedded adapters (queues, Octagon, catalog, watcher ledger).
///
/// Settings every embedded database gets:
/// - WAL journal (readers never block the writer, several processes may share the file).
/// - ``Synchronous/full`` (the default): every commit is flushed to the disk before it returns
///   (one `fsync` of the WAL), so it survives a power loss — what the Octagon, catalog, quality
///   and workflow stores promise, as DynamoDB and Glue do.
/// - ``Synchronous/normal``: a commit survives a crash of the process (the WAL is in the OS page
///   cache), but the last ones before a power loss may be rolled back; the database is never
///   corrupted. For writes whose loss only repeats work: the queue's receives and deletes (a
///   lost delete delivers the message again) and the watcher's ledger. ``durableWrite(_:context:_:)``
///   flushes one commit of such a store (the queue's sends).
/// - A busy timeout of 5 s: a writer waits for another process's write instead of failing.
/// - Every write runs in an IMMEDIATE transaction (GRDB's default for writes), so a
///   read-then-write inside one `write` is atomic across processes.
struct SQLiteStore: Sendable {
    /// When commits reach the disk (SQLite's `PRAGMA synchronous` in WAL mode).
    enum Synchronous: String, Sendable {
        /// Each commit is flushed before it returns.
        case full = "FULL"
        /// Commits are flushed at checkpoints; ``SQLiteStore/durableWrite(_:context:_:)`` flushes one.
        case normal = "NORMAL"
    }

    let pool: DatabasePool
    let synchronous: Synchronous
    /// The error code used for this store's failures (`.queue`, `.metadata`, `.catalog`...).
    let code: LakeError.Code
    let url: URL

    /// Opens (creating when needed) the database at `url` and runs `migrator`.
    init(url: URL, code: LakeError.Code, label: String, migrator: DatabaseMigrator, synchronous: Synchronous = .full) throws(LakeError) {
        self.code = code
        self.url = url
        self.synchronous = synchronous
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw LakeError(
                code, "cannot create the directory for the \(label) database",
                hint: "check that the lake directory is writable",
                context: ["path": directory.path], underlying: SendableErrorBox(error))
        }
        var configuration = Configuration()
        configuration.label = label
        configuration.busyMode = .timeout(5)
        configuration.maximumReaderCount = 4
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(synchronous.rawValue)")
        }
        pool = try SQLiteStore.open(url, configuration: configuration, code: code, label: label)
        try SQLiteStore.migrate(pool, with: migrator, code: code, label: label, path: url.path)
    }

    /// Opens the pool. Switching a new file to WAL needs an exclusive lock, and SQLite may
    /// answer SQLITE_BUSY at once (without the busy handler) when another process is opening
    /// the same new file, e.g. `lake catalog` run while `lake run` starts: retried for ~3 s.
    private static func open(
        _ url: URL, configuration: Configuration, code: LakeError.Code, label: String
    ) throws(LakeError) -> DatabasePool {
        var attempt = 0
        while true {
            do {
                return try DatabasePool(path: url.path, configuration: configuration)
            } catch let error as DatabaseError where (error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED) && attempt < 20 {
                attempt += 1
                usleep(UInt32(20_000 * min(attempt, 10)))
            } catch {
                throw LakeError(
                    code, "cannot open the \(label) database",
                    hint: "check the file's permissions, or move a damaged file aside to start afresh",
                    context: ["path": url.path], underlying: SendableErrorBox(error))
            }
        }
    }

    /// Runs the migrations. GRDB checks which migrations are applied outside the migrations'
    /// own transactions, so two processes opening a new file at once can race: the loser's
    /// migration fails (the table exists) and rolls back. Retrying then finds it applied.
    private static func migrate(
        _ pool: DatabasePool, with migrator: DatabaseMigrator, code: LakeError.Code, label: String, path: String
    ) throws(LakeError) {
        var lastError: (any Error)?
        for attempt in 0..<5 {
            do {
                try migrator.migrate(pool)
                if try pool.read({ db in try migrator.hasBeenSuperseded(db) }) {
                    throw LakeError(
                        code, "the \(label) database was written by a newer SwiftLake",
                        hint: "upgrade the `lake` binary, or point it at another lake directory",
                        context: ["path": path])
                }
                return
            } catch let error as LakeError {
                throw error
            } catch {
                lastError = error
                if (try? pool.read({ db in try migrator.hasCompletedMigrations(db) })) == true { return }
                usleep(UInt32(10_000 * (attempt + 1)))
            }
        }
        throw LakeError(
            code, "cannot upgrade the schema of the \(label) database",
            hint: "move the file aside to start afresh, or report the error",
            context: ["path": path], underlying: lastError.map(SendableErrorBox.init))
    }

    /// Runs `body` in one IMMEDIATE write transaction, mapping failures to a ``LakeError``
    /// (cancellation stays a `CancellationError`).
    func write<T: Sendable>(
        _ action: String, context: [String: String] = [:], _ body: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        do {
            return try await pool.write(body)
        } catch let cancellation as CancellationError {
            throw cancellation
        } catch {
            throw mapError(error, action, context)
        }
    }

    /// Runs `body` in one IMMEDIATE write transaction whose commit is flushed to the disk before
    /// it returns, whatever the store's ``Synchronous`` mode.
    func durableWrite<T: Sendable>(
        _ action: String, context: [String: String] = [:], _ body: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        try await write(action, context: context, synchronous: .full, body)
    }

    /// Runs `body` in one IMMEDIATE write transaction that is not flushed on its own (it reaches
    /// the disk with the next flushed commit or checkpoint): for writes a power loss may undo
    /// without harm, such as a stage-A execution's start, which its redelivered message writes again.
    func lazyWrite<T: Sendable>(
        _ action: String, context: [String: String] = [:], _ body: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        try await write(action, context: context, synchronous: .normal, body)
    }

    /// One write transaction committed with `synchronous` (the store's own mode is restored after).
    private func write<T: Sendable>(
        _ action: String, context: [String: String], synchronous mode: Synchronous, _ body: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        if synchronous == mode { return try await write(action, context: context, body) }
        let own = synchronous
        do {
            return try await pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = \(mode.rawValue)")
                defer { try? db.execute(sql: "PRAGMA synchronous = \(own.rawValue)") }
                var outcome: Result<T, any Error>?
                try db.inTransaction(.immediate) {
                    outcome = .success(try body(db))
                    return .commit
                }
                guard let outcome else { throw LakeError(code, "a write transaction ended without a result") }
                return try outcome.get()
            }
        } catch let cancellation as CancellationError {
            throw cancellation
        } catch {
            throw mapError(error, action, context)
        }
    }

    /// Runs `body` on a read snapshot, mapping failures to a ``LakeError``.
    func read<T: Sendable>(
        _ action: String, context: [String: String] = [:], _ body: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        do {
            return try await pool.read(body)
        } catch let cancellation as CancellationError {
            throw cancellation
        } catch {
            throw mapError(error, action, context)
        }
    }

    private func mapError(_ error: any Error, _ action: String, _ context: [String: String]) -> LakeError {
        if let lake = error as? LakeError { return lake }
        var hint = "check the disk and the file's permissions, then retry"
        if let db = error as? DatabaseError, db.resultCode == .SQLITE_BUSY {
            hint = "another process held the database for more than 5 s; retry, or stop the other process"
        }
        var full = context
        full["database"] = url.lastPathComponent
        // DatabaseError's description holds the SQL but not the arguments, so no values leak.
        return LakeError(code, "could not \(action)", hint: hint, context: full, underlying: SendableErrorBox(error))
    }
}
