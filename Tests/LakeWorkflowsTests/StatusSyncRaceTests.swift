import Foundation
import LakeCore
import LakeEmbedded
import Testing

@testable import LakeWorkflows

/// The status sync racing the consumer: an execution the consumer submits and records while the
/// sync is listing the API must not be marked DELETED (that freed its slot while it still ran,
/// and the consumer went over the tenant's cap). The API here records the consumer's execution
/// in the store during the listing — the interleaving the real processes hit now and then.
@Suite struct StatusSyncRaceTests {
    /// An API whose listing, while it is being answered, sees the consumer record an execution
    /// that the listing itself does not contain yet.
    struct RacingAPI: AMCClient, AMCClientFactory {
        let stores: SQLiteWorkflowStore
        let recorded: WorkflowExecutionRecord
        var listed: [AMCExecution] = []
        func client(for tenant: TenantRecord) throws -> any AMCClient { self }
        func executions(createdSince minCreationTime: String) async throws -> [AMCExecution] {
            try await stores.saveWorkflowExecutions([recorded])
            return listed
        }
        func execution(id: String) async throws -> AMCExecution? { nil }
        func createWorkflow(_ body: [String: ConfigValue]) async throws {}
        func updateWorkflow(id: String, _ body: [String: ConfigValue]) async throws {}
        func deleteWorkflow(id: String) async throws {}
        func startExecution(_ request: [String: ConfigValue]) async throws -> AMCExecution {
            AMCExecution(workflowExecutionId: "x", workflowId: "wf", status: "PENDING")
        }
        func cancelExecution(id: String) async throws {}
        func schedules() async throws -> [ConfigValue] { [] }
    }

    /// Syncs tenant `acme` once against an API whose listing returns `listed` while the consumer
    /// records `recorded`; returns the report and the record stored afterwards.
    static func syncRacing(listed: [AMCExecution]) async throws -> (WorkflowStatusSync.Report, WorkflowExecutionRecord?, active: Int) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wfm-race-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = ManualClock(start: Date(timeIntervalSince1970: 1_795_000_000))
        let stores = try SQLiteWorkflowStore(url: directory.appendingPathComponent("wfm.sqlite"))
        let tenant = TenantRecord(id: "acme", apiEndpoint: "http://127.0.0.1:9/acme", auth: .init(kind: "none"), updatedAt: clock.now())
        try await stores.putTenant(tenant)
        var recorded = WorkflowExecutionRecord(
            tenant: "acme", workflowExecutionId: "e1", workflowId: "wf", status: .pending, createTime: clock.now(), submittedBy: .wfm,
            expiresAt: clock.now().addingTimeInterval(86_400))
        recorded.timeWindowStart = "2024-03-30T00:00:00"
        recorded.timeWindowTimeZone = "America/New_York"
        var config = LakeConfig(environment: "dev", storage: .embedded(EmbeddedStorageConfig(path: directory.path)), baseDirectory: directory)
        config.wfm = WFMConfig()
        let env = WorkflowEnvironment(
            config: config, stores: stores, queues: try SQLiteQueueService(url: directory.appendingPathComponent("queues.sqlite"), clock: clock),
            events: try SQLiteMetadataStore(url: directory.appendingPathComponent("octagon.sqlite"), clock: clock),
            clients: RacingAPI(stores: stores, recorded: recorded, listed: listed), clock: clock)
        let report = try await WorkflowStatusSync(env: env).sync(tenant)
        return (report, try await stores.workflowExecution(tenant: "acme", id: "e1"), try await stores.activeWorkflowExecutions(tenant: "acme"))
    }

    @Test func anExecutionRecordedDuringTheListingIsNotMarkedDeleted() async throws {
        let (report, stored, active) = try await Self.syncRacing(listed: [])
        #expect(report.deleted == 0)
        #expect(stored?.status == .pending)
        #expect(active == 1)
    }

    /// The listing already has the consumer's execution, which the store did not have when the
    /// sync read it: the sync's insert (`submittedBy: outside`, the window in UTC) must not replace
    /// what the consumer recorded (a CI run once showed `outside` for the consumer's execution).
    @Test func anExecutionTheConsumerRecordsWhileTheSyncListsItKeepsTheConsumersRecord() async throws {
        var listed = AMCExecution(workflowExecutionId: "e1", workflowId: "wf", status: "RUNNING")
        listed.timeWindowStart = "2024-03-30T04:00:00"
        let (report, stored, _) = try await Self.syncRacing(listed: [listed])
        #expect(report.inserted == 0)
        #expect(stored?.submittedBy == .wfm)
        #expect(stored?.timeWindowStart == "2024-03-30T00:00:00")
        #expect(stored?.timeWindowTimeZone == "America/New_York")
    }
}
