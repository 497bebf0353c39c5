import Foundation
import LakeContracts
import LakeCore
import LakeEmbedded
import Testing

/// The workflow manager's store contracts against SQLiteWorkflowStore: three instances on one
/// file for the racing checks.
@Suite struct WorkflowStoreContractTests {
    @Test(arguments: TenantStoreContract.checks().map(\.name))
    func tenants(_ name: String) async throws { try await run(TenantStoreContract.checks(), name) { $0 } }

    @Test(arguments: WorkflowStoreContract.checks().map(\.name))
    func workflows(_ name: String) async throws { try await run(WorkflowStoreContract.checks(), name) { $0 } }

    @Test(arguments: ScheduleStoreContract.checks().map(\.name))
    func schedules(_ name: String) async throws { try await run(ScheduleStoreContract.checks(), name) { $0 } }

    @Test(arguments: WorkflowExecutionStoreContract.checks().map(\.name))
    func executions(_ name: String) async throws { try await run(WorkflowExecutionStoreContract.checks(), name) { $0 } }

    @Test(arguments: LeaseStoreContract.checks().map(\.name))
    func leases(_ name: String) async throws { try await run(LeaseStoreContract.checks(), name) { $0 } }

    @Test(arguments: WorkflowLibraryStoreContract.checks().map(\.name))
    func library(_ name: String) async throws { try await run(WorkflowLibraryStoreContract.checks(), name) { $0 } }

    private func run<Port: Sendable>(_ checks: [ContractCheck<Port>], _ name: String, as port: (SQLiteWorkflowStore) -> Port) async throws {
        let check = try #require(checks.named(name))
        let directory = try TemporaryDirectory("wfm")
        let (_, time) = manualTime()
        let url = directory.file("wfm.sqlite")
        let subject = try SQLiteWorkflowStore(url: url)
        let peers = try (0..<2).map { _ in try SQLiteWorkflowStore(url: url) }
        try await check(ContractFixture<Port>(subject: port(subject), peers: peers.map(port), time: time, scratch: directory.url))
    }
}
