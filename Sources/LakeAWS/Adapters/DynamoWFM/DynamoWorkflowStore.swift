import Foundation
import LakeCore

/// The workflow manager's stores on DynamoDB (``DynamoWorkflowTables``). Each record is kept as
/// a JSON document (`doc`) beside the attributes keys, indexes and TTL use; a schedule's fire
/// and a lease are conditional writes, atomic across workers.
public struct DynamoWorkflowStore: WorkflowStores {
    let client: DynamoDBClient
    let tables: DynamoWorkflowTables

    public init(client: DynamoDBClient, tables: DynamoWorkflowTables) {
        self.client = client
        self.tables = tables
    }

    /// Creates the tables (idempotent); returns those created.
    public func createTables() async throws -> [String] {
        try await client.createTables(tables.specs, wait: false)
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    static func doc<T: Encodable>(_ value: T) throws -> AttributeValue { .s(String(decoding: try encoder.encode(value), as: UTF8.self)) }

    func value<T: Decodable>(_ type: T.Type, _ item: DynamoItem, table: String) throws -> T {
        guard let text = item["doc"]?.string else {
            throw LakeError(.metadata, "a row of \(table) has no document", hint: "it was not written by SwiftLake", context: ["table": table])
        }
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw LakeError(.metadata, "a row of \(table) cannot be read", context: ["table": table], underlying: SendableErrorBox(error))
        }
    }

    func guarded<T: Sendable>(_ table: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as LakeError where DynamoDBClient.isMissingResource(error) {
            throw LakeError(
                .metadata, "the DynamoDB table \(table) does not exist", hint: "run `lake aws bootstrap` (with `wfm:` in lake.yaml) to create it",
                context: ["table": table], underlying: error)
        }
    }

    // MARK: Tenants

    public func putTenant(_ tenant: TenantRecord) async throws {
        try await guarded(tables.tenants) {
            try await client.putItem(table: tables.tenants, item: ["customerId": .s(tenant.id), "doc": try Self.doc(tenant)])
        }
    }

    public func tenant(id: String) async throws -> TenantRecord? {
        let item = try await guarded(tables.tenants) { try await client.getItem(table: tables.tenants, key: ["customerId": .s(id)]) }
        return try item.map { try value(TenantRecord.self, $0, table: tables.tenants) }
    }

    public func tenants() async throws -> [TenantRecord] {
        let items = try await guarded(tables.tenants) { try await client.scanAll(table: tables.tenants, consistent: true) }
        return try items.map { try value(TenantRecord.self, $0, table: tables.tenants) }.sorted { $0.id < $1.id }
    }

    public func deleteTenant(id: String) async throws {
        _ = try await guarded(tables.tenants) { try await client.deleteItem(table: tables.tenants, key: ["customerId": .s(id)]) }
    }

    // MARK: Workflows

    public func putWorkflow(_ workflow: WorkflowRecord) async throws {
        try await guarded(tables.workflows) {
            try await client.putItem(
                table: tables.workflows,
                item: ["customerId": .s(workflow.tenant), "workflowId": .s(workflow.workflowId), "syncState": .s(workflow.syncState.rawValue), "doc": try Self.doc(workflow)])
        }
    }

    public func workflow(tenant: String, id: String) async throws -> WorkflowRecord? {
        let item = try await guarded(tables.workflows) {
            try await client.getItem(table: tables.workflows, key: ["customerId": .s(tenant), "workflowId": .s(id)])
        }
        return try item.map { try value(WorkflowRecord.self, $0, table: tables.workflows) }
    }

    public func workflows(tenant: String?) async throws -> [WorkflowRecord] {
        let items: [DynamoItem] = try await guarded(tables.workflows) {
            if let tenant {
                return try await client.queryAll(
                    table: tables.workflows, keyCondition: DynamoExpression("#c = :c", names: ["#c": "customerId"], values: [":c": .s(tenant)]), consistent: true)
            }
            return try await client.scanAll(table: tables.workflows, consistent: true)
        }
        return try items.map { try value(WorkflowRecord.self, $0, table: tables.workflows) }.sorted { ($0.tenant, $0.workflowId) < ($1.tenant, $1.workflowId) }
    }

    public func deleteWorkflow(tenant: String, id: String) async throws {
        _ = try await guarded(tables.workflows) { try await client.deleteItem(table: tables.workflows, key: ["customerId": .s(tenant), "workflowId": .s(id)]) }
    }

    // MARK: Schedules

    public func putSchedule(_ schedule: ScheduleRecord) async throws {
        var item: DynamoItem = [
            "name": .s(schedule.name), "expression": .s(schedule.expression), "state": .s(schedule.state), "customerId": .s(schedule.tenant),
            "doc": try Self.doc(schedule),
        ]
        item["lastFired"] = schedule.lastFired.map { .number($0.timeIntervalSinceReferenceDate) }
        try await guarded(tables.schedules) { try await client.putItem(table: tables.schedules, item: item) }
    }

    public func schedule(name: String) async throws -> ScheduleRecord? {
        let item = try await guarded(tables.schedules) { try await client.getItem(table: tables.schedules, key: ["name": .s(name)]) }
        return try item.map { try value(ScheduleRecord.self, $0, table: tables.schedules) }
    }

    public func schedules() async throws -> [ScheduleRecord] {
        let items = try await guarded(tables.schedules) { try await client.scanAll(table: tables.schedules, consistent: true) }
        return try items.map { try value(ScheduleRecord.self, $0, table: tables.schedules) }.sorted { $0.name < $1.name }
    }

    public func deleteSchedule(name: String) async throws {
        _ = try await guarded(tables.schedules) { try await client.deleteItem(table: tables.schedules, key: ["name": .s(name)]) }
    }

    public func recordFire(name: String, fire: Date, previous: Date?) async throws -> Bool {
        guard var schedule = try await schedule(name: name) else { return false }
        guard schedule.lastFired == previous else { return false }
        schedule.lastFired = fire
        let condition: DynamoExpression
        if let previous {
            condition = DynamoExpression("#f = :p", names: ["#f": "lastFired"], values: [":p": .number(previous.timeIntervalSinceReferenceDate)])
        } else {
            condition = DynamoExpression("attribute_exists(#n) AND attribute_not_exists(#f)", names: ["#n": "name", "#f": "lastFired"])
        }
        var item: DynamoItem = [
            "name": .s(schedule.name), "expression": .s(schedule.expression), "state": .s(schedule.state), "customerId": .s(schedule.tenant),
            "doc": try Self.doc(schedule),
        ]
        item["lastFired"] = .number(fire.timeIntervalSinceReferenceDate)
        do {
            try await guarded(tables.schedules) { try await client.putItem(table: tables.schedules, item: item, condition: condition) }
            return true
        } catch where DynamoDBClient.isConditionFailed(error) {
            return false
        }
    }

    // MARK: Execution statuses

    static func item(_ r: WorkflowExecutionRecord) throws -> DynamoItem {
        [
            "customerId": .s(r.tenant), "workflowExecutionId": .s(r.workflowExecutionId), "workflowId": .s(r.workflowId),
            "executionStatus": .s(r.status.rawValue), "createTime": .number(r.createTime.timeIntervalSince1970),
            "expireTimestamp": .number(Int64(r.expiresAt.timeIntervalSince1970.rounded(.up))), "doc": try doc(r),
        ]
    }

    public func saveWorkflowExecutions(_ records: [WorkflowExecutionRecord]) async throws {
        guard !records.isEmpty else { return }
        var latest: [String: WorkflowExecutionRecord] = [:]
        var order: [String] = []
        for r in records where latest.updateValue(r, forKey: r.tenant + "\u{0}" + r.workflowExecutionId) == nil { order.append(r.tenant + "\u{0}" + r.workflowExecutionId) }
        let requests = try order.compactMap { latest[$0] }.map { DynamoWriteRequest.put(try Self.item($0)) }
        try await guarded(tables.executions) { try await client.batchWrite(table: tables.executions, requests) }
    }

    @discardableResult
    public func insertWorkflowExecutionsIfAbsent(_ records: [WorkflowExecutionRecord]) async throws -> Set<String> {
        let absent = DynamoExpression("attribute_not_exists(workflowExecutionId)")
        var inserted = Set<String>()
        for r in records {
            let item = try Self.item(r)
            do {
                try await guarded(tables.executions) { try await client.putItem(table: tables.executions, item: item, condition: absent) }
                inserted.insert(r.workflowExecutionId)
            } catch where DynamoDBClient.isConditionFailed(error) {
                continue
            }
        }
        return inserted
    }

    public func workflowExecution(tenant: String, id: String) async throws -> WorkflowExecutionRecord? {
        let item = try await guarded(tables.executions) {
            try await client.getItem(table: tables.executions, key: ["customerId": .s(tenant), "workflowExecutionId": .s(id)])
        }
        return try item.map { try value(WorkflowExecutionRecord.self, $0, table: tables.executions) }
    }

    public func workflowExecutions(matching query: WorkflowExecutionQuery) async throws -> [WorkflowExecutionRecord] {
        var clauses: [String] = []
        var names: [String: String] = [:]
        var values: [String: AttributeValue] = [:]
        if let status = query.status {
            clauses.append("#s = :s")
            names["#s"] = "executionStatus"
            values[":s"] = .s(status.rawValue)
        }
        if let workflow = query.workflowId {
            clauses.append("#w = :w")
            names["#w"] = "workflowId"
            values[":w"] = .s(workflow)
        }
        if let since = query.createdSince {
            clauses.append("#t >= :t")
            names["#t"] = "createTime"
            values[":t"] = .number(since.timeIntervalSince1970)
        }
        let filter = clauses.isEmpty ? nil : DynamoExpression(clauses.joined(separator: " AND "), names: names, values: values)
        let items: [DynamoItem] = try await guarded(tables.executions) {
            if let tenant = query.tenant {
                return try await client.queryAll(
                    table: tables.executions, keyCondition: DynamoExpression("#c = :c", names: ["#c": "customerId"], values: [":c": .s(tenant)]),
                    filter: filter, consistent: true)
            }
            return try await client.scanAll(table: tables.executions, filter: filter, consistent: true)
        }
        var records = try items.map { try value(WorkflowExecutionRecord.self, $0, table: tables.executions) }
        records.sort { $0.createTime != $1.createTime ? $0.createTime > $1.createTime : $0.workflowExecutionId > $1.workflowExecutionId }
        if let limit = query.limit { records = Array(records.prefix(max(0, limit))) }
        return records
    }

    public func activeWorkflowExecutions(tenant: String) async throws -> Int {
        var total = 0
        for status in ["PENDING", "RUNNING"] {
            let items = try await guarded(tables.executions) {
                try await client.queryAll(
                    table: tables.executions, index: DynamoWorkflowTables.statusIndex,
                    keyCondition: DynamoExpression("#c = :c AND #s = :s", names: ["#c": "customerId", "#s": "executionStatus"], values: [":c": .s(tenant), ":s": .s(status)]))
            }
            total += items.count
        }
        return total
    }

    public func purgeWorkflowExecutions(expiredBefore now: Date) async throws -> Int {
        let filter = DynamoExpression("#e < :n", names: ["#e": "expireTimestamp"], values: [":n": .number(Int64(now.timeIntervalSince1970))])
        let items = try await guarded(tables.executions) { try await client.scanAll(table: tables.executions, filter: filter) }
        for item in items {
            guard let tenant = item["customerId"], let id = item["workflowExecutionId"] else { continue }
            _ = try await client.deleteItem(table: tables.executions, key: ["customerId": tenant, "workflowExecutionId": id])
        }
        return items.count
    }

    // MARK: Leases

    public func acquireLease(_ name: String, holder: String, until: Date, now: Date) async throws -> Bool {
        let condition = DynamoExpression(
            "attribute_not_exists(#n) OR #h = :h OR #u < :now", names: ["#n": "name", "#h": "holder", "#u": "until"],
            values: [":h": .s(holder), ":now": .number(now.timeIntervalSince1970)])
        do {
            try await guarded(tables.leases) {
                try await client.putItem(
                    table: tables.leases, item: ["name": .s(name), "holder": .s(holder), "until": .number(until.timeIntervalSince1970)], condition: condition)
            }
            return true
        } catch where DynamoDBClient.isConditionFailed(error) {
            return false
        }
    }

    public func releaseLease(_ name: String, holder: String) async throws {
        do {
            _ = try await guarded(tables.leases) {
                try await client.deleteItem(
                    table: tables.leases, key: ["name": .s(name)],
                    condition: DynamoExpression("#h = :h", names: ["#h": "holder"], values: [":h": .s(holder)]))
            }
        } catch where DynamoDBClient.isConditionFailed(error) {
            // Someone else's now: nothing to release.
        }
    }
}
