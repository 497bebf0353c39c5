import Foundation
import GRDB
import LakeCore

/// The workflow manager's stores on the embedded backend: tenants, workflows, schedules,
/// execution statuses and leases in one SQLite database (`state/wfm.sqlite`, WAL mode), shared
/// safely by several processes. Records are kept as JSON documents (times exact) beside the
/// columns queries filter on; fires and leases are compare-and-set in IMMEDIATE transactions.
public final class SQLiteWorkflowStore: WorkflowStores {
    let store: SQLiteStore

    /// Opens (creating when needed) the database at `url`.
    public init(url: URL) throws {
        store = try SQLiteStore(url: url, code: .metadata, label: "workflow manager", migrator: Self.migrator)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: tenants, workflows, schedules, execution statuses, leases") { db in
            try db.execute(sql: """
                CREATE TABLE tenant (id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID;
                CREATE TABLE workflow (tenant TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (tenant, id)) WITHOUT ROWID;
                CREATE TABLE schedule (name TEXT PRIMARY KEY, last_fired REAL, doc TEXT NOT NULL) WITHOUT ROWID;
                CREATE TABLE wexec (
                    tenant TEXT NOT NULL, id TEXT NOT NULL, status TEXT NOT NULL, workflow_id TEXT NOT NULL,
                    create_time REAL NOT NULL, expires_at REAL NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (tenant, id)) WITHOUT ROWID;
                CREATE INDEX wexec_tenant_status ON wexec(tenant, status);
                CREATE INDEX wexec_created ON wexec(create_time);
                CREATE INDEX wexec_expiry ON wexec(expires_at);
                CREATE TABLE lease (name TEXT PRIMARY KEY, holder TEXT NOT NULL, until REAL NOT NULL) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2: the workflow library") { db in
            try db.execute(sql: "CREATE TABLE library (workflow_id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID")
        }
        return migrator
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    static func doc<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func value<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw LakeError(.metadata, "a row of the workflow manager's database cannot be read", hint: "the database may be damaged", underlying: SendableErrorBox(error))
        }
    }

    // MARK: Tenants

    public func putTenant(_ tenant: TenantRecord) async throws {
        let doc = try Self.doc(tenant)
        try await store.write("save tenant", context: ["tenant": tenant.id]) { db in
            try db.execute(sql: "INSERT INTO tenant (id, doc) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc", arguments: [tenant.id, doc])
        }
    }

    public func tenant(id: String) async throws -> TenantRecord? {
        let doc = try await store.read("read tenant", context: ["tenant": id]) { db in try String.fetchOne(db, sql: "SELECT doc FROM tenant WHERE id = ?", arguments: [id]) }
        return try doc.map { try Self.value(TenantRecord.self, $0) }
    }

    public func tenants() async throws -> [TenantRecord] {
        let docs = try await store.read("read tenants") { db in try String.fetchAll(db, sql: "SELECT doc FROM tenant ORDER BY id") }
        return try docs.map { try Self.value(TenantRecord.self, $0) }
    }

    public func deleteTenant(id: String) async throws {
        try await store.write("delete tenant", context: ["tenant": id]) { db in try db.execute(sql: "DELETE FROM tenant WHERE id = ?", arguments: [id]) }
    }

    // MARK: Workflows

    public func putWorkflow(_ workflow: WorkflowRecord) async throws {
        let doc = try Self.doc(workflow)
        try await store.write("save workflow", context: ["workflow": workflow.workflowId]) { db in
            try db.execute(
                sql: "INSERT INTO workflow (tenant, id, doc) VALUES (?, ?, ?) ON CONFLICT(tenant, id) DO UPDATE SET doc = excluded.doc",
                arguments: [workflow.tenant, workflow.workflowId, doc])
        }
    }

    public func workflow(tenant: String, id: String) async throws -> WorkflowRecord? {
        let doc = try await store.read("read workflow") { db in
            try String.fetchOne(db, sql: "SELECT doc FROM workflow WHERE tenant = ? AND id = ?", arguments: [tenant, id])
        }
        return try doc.map { try Self.value(WorkflowRecord.self, $0) }
    }

    public func workflows(tenant: String?) async throws -> [WorkflowRecord] {
        let docs = try await store.read("read workflows") { db in
            if let tenant { return try String.fetchAll(db, sql: "SELECT doc FROM workflow WHERE tenant = ? ORDER BY id", arguments: [tenant]) }
            return try String.fetchAll(db, sql: "SELECT doc FROM workflow ORDER BY tenant, id")
        }
        return try docs.map { try Self.value(WorkflowRecord.self, $0) }
    }

    public func deleteWorkflow(tenant: String, id: String) async throws {
        try await store.write("delete workflow") { db in
            try db.execute(sql: "DELETE FROM workflow WHERE tenant = ? AND id = ?", arguments: [tenant, id])
        }
    }

    // MARK: Schedules

    public func putSchedule(_ schedule: ScheduleRecord) async throws {
        let doc = try Self.doc(schedule)
        try await store.write("save schedule", context: ["schedule": schedule.name]) { db in
            try db.execute(
                sql: "INSERT INTO schedule (name, last_fired, doc) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET last_fired = excluded.last_fired, doc = excluded.doc",
                arguments: [schedule.name, schedule.lastFired.map(SQLiteValues.time), doc])
        }
    }

    public func schedule(name: String) async throws -> ScheduleRecord? {
        let doc = try await store.read("read schedule") { db in try String.fetchOne(db, sql: "SELECT doc FROM schedule WHERE name = ?", arguments: [name]) }
        return try doc.map { try Self.value(ScheduleRecord.self, $0) }
    }

    public func schedules() async throws -> [ScheduleRecord] {
        let docs = try await store.read("read schedules") { db in try String.fetchAll(db, sql: "SELECT doc FROM schedule ORDER BY name") }
        return try docs.map { try Self.value(ScheduleRecord.self, $0) }
    }

    public func deleteSchedule(name: String) async throws {
        try await store.write("delete schedule") { db in try db.execute(sql: "DELETE FROM schedule WHERE name = ?", arguments: [name]) }
    }

    public func recordFire(name: String, fire: Date, previous: Date?) async throws -> Bool {
        try await store.write("record a schedule's fire", context: ["schedule": name]) { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT last_fired, doc FROM schedule WHERE name = ?", arguments: [name]) else { return false }
            let stored: Double? = row["last_fired"]
            guard stored == previous.map(SQLiteValues.time) else { return false }
            var schedule = try Self.value(ScheduleRecord.self, row["doc"])
            schedule.lastFired = fire
            try db.execute(
                sql: "UPDATE schedule SET last_fired = ?, doc = ? WHERE name = ?", arguments: [SQLiteValues.time(fire), try Self.doc(schedule), name])
            return true
        }
    }

    // MARK: Execution statuses

    public func saveWorkflowExecutions(_ records: [WorkflowExecutionRecord]) async throws {
        guard !records.isEmpty else { return }
        let rows = try records.map { ($0, try Self.doc($0)) }
        try await store.write("save workflow executions") { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO wexec (tenant, id, status, workflow_id, create_time, expires_at, doc) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(tenant, id) DO UPDATE SET status = excluded.status, workflow_id = excluded.workflow_id,
                    create_time = excluded.create_time, expires_at = excluded.expires_at, doc = excluded.doc
                """)
            for (r, doc) in rows {
                try statement.execute(arguments: [
                    r.tenant, r.workflowExecutionId, r.status.rawValue, r.workflowId, SQLiteValues.time(r.createTime), SQLiteValues.time(r.expiresAt), doc,
                ])
            }
        }
    }

    @discardableResult
    public func insertWorkflowExecutionsIfAbsent(_ records: [WorkflowExecutionRecord]) async throws -> Set<String> {
        guard !records.isEmpty else { return [] }
        let rows = try records.map { ($0, try Self.doc($0)) }
        return try await store.write("insert workflow executions") { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO wexec (tenant, id, status, workflow_id, create_time, expires_at, doc) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(tenant, id) DO NOTHING
                """)
            var inserted = Set<String>()
            for (r, doc) in rows {
                try statement.execute(arguments: [
                    r.tenant, r.workflowExecutionId, r.status.rawValue, r.workflowId, SQLiteValues.time(r.createTime), SQLiteValues.time(r.expiresAt), doc,
                ])
                if db.changesCount > 0 { inserted.insert(r.workflowExecutionId) }
            }
            return inserted
        }
    }

    public func workflowExecution(tenant: String, id: String) async throws -> WorkflowExecutionRecord? {
        let doc = try await store.read("read workflow execution") { db in
            try String.fetchOne(db, sql: "SELECT doc FROM wexec WHERE tenant = ? AND id = ?", arguments: [tenant, id])
        }
        return try doc.map { try Self.value(WorkflowExecutionRecord.self, $0) }
    }

    public func workflowExecutions(matching query: WorkflowExecutionQuery) async throws -> [WorkflowExecutionRecord] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let tenant = query.tenant {
            conditions.append("tenant = ?")
            arguments += [tenant]
        }
        if let status = query.status {
            conditions.append("status = ?")
            arguments += [status.rawValue]
        }
        if let workflow = query.workflowId {
            conditions.append("workflow_id = ?")
            arguments += [workflow]
        }
        if let since = query.createdSince {
            conditions.append("create_time >= ?")
            arguments += [SQLiteValues.time(since)]
        }
        var sql = "SELECT doc FROM wexec" + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")) + " ORDER BY create_time DESC, id DESC"
        if let limit = query.limit {
            sql += " LIMIT ?"
            arguments += [max(0, limit)]
        }
        let finalSQL = sql
        let finalArguments = arguments
        let docs = try await store.read("query workflow executions") { db in try String.fetchAll(db, sql: finalSQL, arguments: finalArguments) }
        return try docs.map { try Self.value(WorkflowExecutionRecord.self, $0) }
    }

    public func activeWorkflowExecutions(tenant: String) async throws -> Int {
        try await store.read("count active workflow executions") { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM wexec WHERE tenant = ? AND status IN ('PENDING', 'RUNNING')", arguments: [tenant]) ?? 0
        }
    }

    public func purgeWorkflowExecutions(expiredBefore now: Date) async throws -> Int {
        try await store.write("purge workflow executions") { db in
            try db.execute(sql: "DELETE FROM wexec WHERE expires_at < ?", arguments: [SQLiteValues.time(now)])
            return db.changesCount
        }
    }

    // MARK: Leases

    public func acquireLease(_ name: String, holder: String, until: Date, now: Date) async throws -> Bool {
        try await store.write("acquire lease", context: ["lease": name]) { db in
            if let row = try Row.fetchOne(db, sql: "SELECT holder, until FROM lease WHERE name = ?", arguments: [name]) {
                let current: String = row["holder"]
                let expires: Double = row["until"]
                guard current == holder || expires < SQLiteValues.time(now) else { return false }
            }
            try db.execute(
                sql: "INSERT INTO lease (name, holder, until) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, until = excluded.until",
                arguments: [name, holder, SQLiteValues.time(until)])
            return true
        }
    }

    public func releaseLease(_ name: String, holder: String) async throws {
        try await store.write("release lease", context: ["lease": name]) { db in
            try db.execute(sql: "DELETE FROM lease WHERE name = ? AND holder = ?", arguments: [name, holder])
        }
    }
}
