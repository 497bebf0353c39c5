import Foundation
import LakeAWS
import LakeContracts
import LakeCore
import Testing

/// The workflow manager's store contracts against DynamoWorkflowStore on moto (the reference's
/// `wfm-<team>-...-<env>` tables, created once per test run).
@Suite struct DynamoWorkflowStoreContractTests {
    actor Tables {
        static let shared = Tables()
        let tables = DynamoWorkflowTables(team: "wfm", environment: Moto.unique("w").replacingOccurrences(of: "-", with: ""))
        private var ready: Task<Void, any Error>?
        func ensure(_ store: DynamoWorkflowStore) async throws {
            if ready == nil { ready = Task { _ = try await store.createTables() } }
            try await ready?.value
        }
    }

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

    private func run<Port: Sendable>(_ checks: [ContractCheck<Port>], _ name: String, as port: @escaping @Sendable (DynamoWorkflowStore) -> Port) async throws {
        let check = try #require(checks.named(name))
        try await Moto.withTransport { transport async throws in
            try await Moto.withTransport { peerTransport async throws in
                let tables = Tables.shared.tables
                let subject = DynamoWorkflowStore(client: DynamoDBClient(transport: transport), tables: tables)
                let peer = DynamoWorkflowStore(client: DynamoDBClient(transport: peerTransport), tables: tables)
                try await Tables.shared.ensure(subject)
                try await check(ContractFixture<Port>(
                    subject: port(subject), peers: [port(peer)], time: RealTimeControl(), scratch: FileManager.default.temporaryDirectory))
            }
        }
    }
}
