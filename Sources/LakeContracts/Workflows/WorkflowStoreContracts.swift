import Foundation
import LakeCore

/// The contract of the workflow manager's tenant store (`TenantStore`): upserts by id, listing,
/// idempotent deletes. Ids carry the fixture's namespace so checks share a backend.
public enum TenantStoreContract {
    public static func checks() -> [ContractCheck<any TenantStore>] {
        typealias Check = ContractCheck<any TenantStore>
        return [
            Check("tenant-upsert-round-trips-and-deletes") { f in
                let t0 = wholeSecond(f.time.now())
                let id = "t" + f.namespace.prefix(9)
                var tenant = TenantRecord(id: id, apiEndpoint: "http://127.0.0.1:1/\(id)", auth: .init(kind: "none"), updatedAt: t0)
                try await f.subject.putTenant(tenant)
                tenant.maxConcurrent = 3
                tenant.lastSyncedAt = t0
                try await f.subject.putTenant(tenant)
                try ensureEqual(try await f.subject.tenant(id: id), tenant, "tenant read back after two puts")
                try ensureEqual(try await f.subject.tenants().filter { $0.id == id }.count, 1, "one row per tenant")
                try await f.subject.deleteTenant(id: id)
                try await f.subject.deleteTenant(id: id)
                try ensure(try await f.subject.tenant(id: id) == nil, "tenant gone after delete")
            },
        ]
    }
}

/// The contract of `WorkflowStore`: upserts keyed by (tenant, workflow), listings per tenant.
public enum WorkflowStoreContract {
    public static func checks() -> [ContractCheck<any WorkflowStore>] {
        typealias Check = ContractCheck<any WorkflowStore>
        return [
            Check("workflow-upsert-list-and-delete") { f in
                let t0 = wholeSecond(f.time.now())
                let tenant = "t" + f.namespace.prefix(9)
                var a = WorkflowRecord(tenant: tenant, workflowId: "wf-a", body: #"{"sqlQuery":"select 1","workflowId":"wf-a"}"#, updatedAt: t0)
                let b = WorkflowRecord(tenant: tenant, workflowId: "wf-b", body: #"{"sqlQuery":"select 2","workflowId":"wf-b"}"#, updatedAt: t0)
                try await f.subject.putWorkflow(a)
                try await f.subject.putWorkflow(b)
                a.syncState = .synced
                a.syncedAt = t0
                try await f.subject.putWorkflow(a)
                try ensureEqual(try await f.subject.workflow(tenant: tenant, id: "wf-a"), a, "workflow read back")
                try ensureEqual(try await f.subject.workflows(tenant: tenant).map(\.workflowId), ["wf-a", "wf-b"], "workflows of the tenant by id")
                try ensure(try await f.subject.workflows(tenant: nil).contains(b), "all workflows include the tenant's")
                try await f.subject.deleteWorkflow(tenant: tenant, id: "wf-a")
                try await f.subject.deleteWorkflow(tenant: tenant, id: "wf-a")
                try ensureEqual(try await f.subject.workflows(tenant: tenant).map(\.workflowId), ["wf-b"], "after delete")
            },
        ]
    }
}

/// The contract of `ScheduleStore`: upserts by name, and fires recorded by compare-and-set,
/// once per due time even when workers race.
public enum ScheduleStoreContract {
    public static func checks() -> [ContractCheck<any ScheduleStore>] {
        typealias Check = ContractCheck<any ScheduleStore>
        return [
            Check("schedule-fire-is-compare-and-set") { f in
                let t0 = wholeSecond(f.time.now())
                let name = "s" + f.namespace
                var schedule = ScheduleRecord(name: name, tenant: "acme", workflowId: "wf", expression: "custom(H * *)", updatedAt: t0)
                schedule.lastFired = t0
                try await f.subject.putSchedule(schedule)
                try ensureEqual(try await f.subject.schedule(name: name), schedule, "schedule read back")
                let due = t0.addingTimeInterval(3600)
                try ensure(try await f.subject.recordFire(name: name, fire: due, previous: t0), "first fire recorded")
                try ensure(!(try await f.subject.recordFire(name: name, fire: due, previous: t0)), "a second fire for the same due time is refused")
                try ensureEqual(try await f.subject.schedule(name: name)?.lastFired, due, "last fire read back")
                try ensure(!(try await f.subject.recordFire(name: name + "-none", fire: due, previous: nil)), "a missing schedule never fires")
                try await f.subject.deleteSchedule(name: name)
                try ensure(try await f.subject.schedule(name: name) == nil, "schedule gone")
            },
            Check("concurrent-fires-record-once", tags: [.concurrent]) { f in
                let t0 = wholeSecond(f.time.now())
                let name = "c" + f.namespace
                var schedule = ScheduleRecord(name: name, tenant: "acme", workflowId: "wf", expression: "rate(1 hour)", updatedAt: t0)
                schedule.lastFired = nil
                try await f.subject.putSchedule(schedule)
                let instances = f.instances
                let won = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for i in 0..<8 {
                        let store = instances[i % instances.count]
                        group.addTask { try await store.recordFire(name: name, fire: t0.addingTimeInterval(60), previous: nil) }
                    }
                    var n = 0
                    for try await ok in group where ok { n += 1 }
                    return n
                }
                try ensureEqual(won, 1, "fires recorded by 8 racing workers")
            },
        ]
    }
}

/// The contract of `WorkflowExecutionStore`: upserts keyed by (tenant, execution id), inserts
/// that leave stored records alone, queries newest first with filters, exact active counts, purges.
public enum WorkflowExecutionStoreContract {
    public static func checks() -> [ContractCheck<any WorkflowExecutionStore>] {
        typealias Check = ContractCheck<any WorkflowExecutionStore>
        return [
            Check("workflow-executions-upsert-query-count-purge") { f in
                let t0 = wholeSecond(f.time.now())
                let tenant = "t" + f.namespace.prefix(9)
                func record(_ id: String, _ status: WorkflowExecutionStatus, _ offset: Double, workflow: String = "wf") -> WorkflowExecutionRecord {
                    var r = WorkflowExecutionRecord(
                        tenant: tenant, workflowExecutionId: id, workflowId: workflow, status: status, createTime: t0.addingTimeInterval(offset),
                        submittedBy: .wfm, expiresAt: t0.addingTimeInterval(86_400))
                    r.timeWindowStart = "2024-03-30T00:00:00"
                    r.timeWindowTimeZone = "America/New_York"
                    r.parameterValues = ["country": "US"]
                    return r
                }
                var records = [record("e1", .pending, 0), record("e2", .running, 1), record("e3", .succeeded, 2, workflow: "other"), record("e4", .failed, 3)]
                try await f.subject.saveWorkflowExecutions(records)
                records[0].status = .running
                records[0].lastUpdatedTime = t0.addingTimeInterval(10)
                try await f.subject.saveWorkflowExecutions([records[0], records[0]])
                try ensureEqual(try await f.subject.workflowExecution(tenant: tenant, id: "e1"), records[0], "record read back after an update")
                try ensureEqual(try await f.subject.activeWorkflowExecutions(tenant: tenant), 2, "PENDING + RUNNING")
                let all = try await f.subject.workflowExecutions(matching: WorkflowExecutionQuery(tenant: tenant))
                try ensureEqual(all.map(\.workflowExecutionId), ["e4", "e3", "e2", "e1"], "newest first")
                try ensureEqual(
                    try await f.subject.workflowExecutions(matching: WorkflowExecutionQuery(tenant: tenant, status: .running)).map(\.workflowExecutionId),
                    ["e2", "e1"], "by status")
                try ensureEqual(
                    try await f.subject.workflowExecutions(matching: WorkflowExecutionQuery(tenant: tenant, workflowId: "other")).map(\.workflowExecutionId),
                    ["e3"], "by workflow")
                try ensureEqual(
                    try await f.subject.workflowExecutions(matching: WorkflowExecutionQuery(tenant: tenant, createdSince: t0.addingTimeInterval(2), limit: 1))
                        .map(\.workflowExecutionId), ["e4"], "since and limit")
                var old = record("e0", .succeeded, -10)
                old.expiresAt = t0.addingTimeInterval(-1)
                try await f.subject.saveWorkflowExecutions([old])
                try ensure(try await f.subject.purgeWorkflowExecutions(expiredBefore: t0) >= 1, "expired purged")
                try ensure(try await f.subject.workflowExecution(tenant: tenant, id: "e0") == nil, "expired record gone")
            },
            Check("workflow-executions-insert-if-absent-keeps-stored") { f in
                let t0 = wholeSecond(f.time.now())
                let tenant = "i" + f.namespace.prefix(9)
                var mine = WorkflowExecutionRecord(
                    tenant: tenant, workflowExecutionId: "e1", workflowId: "wf", status: .pending, createTime: t0, submittedBy: .wfm,
                    expiresAt: t0.addingTimeInterval(86_400))
                mine.timeWindowStart = "2024-03-30T00:00:00"
                mine.timeWindowTimeZone = "America/New_York"
                try await f.subject.saveWorkflowExecutions([mine])
                var found = mine
                found.submittedBy = .outside
                found.status = .running
                found.timeWindowStart = "2024-03-30T04:00:00"
                found.timeWindowTimeZone = nil
                var other = found
                other.workflowExecutionId = "e2"
                let inserted = try await f.subject.insertWorkflowExecutionsIfAbsent([found, other])
                try ensureEqual(inserted, ["e2"], "only the record not stored is inserted")
                try ensureEqual(try await f.subject.workflowExecution(tenant: tenant, id: "e1"), mine, "the stored record is untouched")
                try ensureEqual(try await f.subject.workflowExecution(tenant: tenant, id: "e2"), other, "the absent one is stored")
                try ensureEqual(try await f.subject.insertWorkflowExecutionsIfAbsent([other]), [], "a second insert changes nothing")
            },
        ]
    }
}

/// The contract of `LeaseStore`: at most one live holder per name, also when workers race; a
/// holder renews its own lease; an expired lease can be taken.
public enum LeaseStoreContract {
    public static func checks() -> [ContractCheck<any LeaseStore>] {
        typealias Check = ContractCheck<any LeaseStore>
        return [
            Check("lease-has-one-holder-and-expires") { f in
                let t0 = wholeSecond(f.time.now())
                let name = "l" + f.namespace
                try ensure(try await f.subject.acquireLease(name, holder: "a", until: t0.addingTimeInterval(60), now: t0), "free lease taken")
                try ensure(!(try await f.subject.acquireLease(name, holder: "b", until: t0.addingTimeInterval(60), now: t0)), "held lease refused")
                try ensure(try await f.subject.acquireLease(name, holder: "a", until: t0.addingTimeInterval(120), now: t0), "holder renews")
                try ensure(try await f.subject.acquireLease(name, holder: "b", until: t0.addingTimeInterval(300), now: t0.addingTimeInterval(121)), "expired lease taken")
                try await f.subject.releaseLease(name, holder: "a")
                try ensure(!(try await f.subject.acquireLease(name, holder: "c", until: t0.addingTimeInterval(300), now: t0.addingTimeInterval(122))), "another holder's release changes nothing")
                try await f.subject.releaseLease(name, holder: "b")
                try ensure(try await f.subject.acquireLease(name, holder: "c", until: t0.addingTimeInterval(300), now: t0.addingTimeInterval(122)), "released lease taken")
            },
            Check("racing-workers-get-one-lease", tags: [.concurrent]) { f in
                let t0 = wholeSecond(f.time.now())
                let name = "r" + f.namespace
                let instances = f.instances
                let won = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for i in 0..<8 {
                        let store = instances[i % instances.count]
                        group.addTask { try await store.acquireLease(name, holder: "w\(i)", until: t0.addingTimeInterval(60), now: t0) }
                    }
                    var n = 0
                    for try await ok in group where ok { n += 1 }
                    return n
                }
                try ensureEqual(won, 1, "holders after 8 racing acquires")
            },
        ]
    }
}

/// The contract of `WorkflowLibraryStore`: upserts keyed by workflow id, listing in id order
/// with tombstones, idempotent deletes. Ids carry the fixture's namespace so checks share a backend.
public enum WorkflowLibraryStoreContract {
    public static func checks() -> [ContractCheck<any WorkflowLibraryStore>] {
        typealias Check = ContractCheck<any WorkflowLibraryStore>
        return [
            Check("library-upsert-list-tombstone-and-delete") { f in
                let t0 = wholeSecond(f.time.now())
                let a = "a" + f.namespace.prefix(9)
                let b = "b" + f.namespace.prefix(9)
                var first = LibraryItem(
                    workflowId: a, version: "1", body: #"{"sqlQuery":"select 1"}"#,
                    defaultSchedule: .init(expression: "custom(D * 3)", payload: #"{"timeWindowStart":"TODAY(-1)"}"#), endemicType: "ENDEMIC",
                    updatedAt: t0)
                try await f.subject.putLibraryItem(first)
                try await f.subject.putLibraryItem(LibraryItem(workflowId: b, version: "2", body: #"{"sqlQuery":"select 2"}"#, updatedAt: t0))
                first.version = "2"
                first.removed = true
                try await f.subject.putLibraryItem(first)
                try ensureEqual(try await f.subject.libraryItem(workflowId: a), first, "item read back after two puts")
                let ids = try await f.subject.libraryItems().map(\.workflowId).filter { $0 == a || $0 == b }
                try ensureEqual(ids, [a, b], "items in id order, the tombstone included")
                try await f.subject.deleteLibraryItem(workflowId: a)
                try await f.subject.deleteLibraryItem(workflowId: a)
                try ensure(try await f.subject.libraryItem(workflowId: a) == nil, "item gone after delete")
            },
        ]
    }
}
