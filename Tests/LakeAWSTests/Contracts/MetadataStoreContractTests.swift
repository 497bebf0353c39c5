import Foundation
import LakeAWS
import LakeContracts
import LakeCore
import Testing

/// Every metadata capability's contract against DynamoMetadataStore on moto: one suite per
/// port, two store instances (one per transport) for the concurrency checks. Checks that read
/// totals over a whole table get a table set of their own, so the other checks, running in
/// parallel, do not move their totals.
@Suite struct DynamoMetadataStoreContractTests {
    actor Tables {
        static let shared = Tables()
        let names = [false: DynamoMetadataTables(environment: Moto.unique("ct")), true: DynamoMetadataTables(environment: Moto.unique("cg"))]
        private var ready: [Bool: Task<Void, any Error>] = [:]
        func ensure(_ store: DynamoMetadataStore, global: Bool) async throws {
            if ready[global] == nil { ready[global] = Task { _ = try await store.createTables() } }
            try await ready[global]?.value
        }
    }

    @Test(arguments: ObjectMetadataContract.checks().map(\.name))
    func objects(_ name: String) async throws { try await run(ObjectMetadataContract.checks(), name) { $0 } }

    @Test(arguments: RegistryStoreContract.checks().map(\.name))
    func registry(_ name: String) async throws { try await run(RegistryStoreContract.checks(), name) { $0 } }

    @Test(arguments: ExecutionStoreContract.checks().map(\.name))
    func executions(_ name: String) async throws { try await run(ExecutionStoreContract.checks(), name) { $0 } }

    @Test(arguments: SlotStoreContract.checks().map(\.name))
    func slots(_ name: String) async throws { try await run(SlotStoreContract.checks(), name) { $0 } }

    @Test(arguments: ClaimStoreContract.checks().map(\.name))
    func claims(_ name: String) async throws { try await run(ClaimStoreContract.checks(), name) { $0 } }

    @Test(arguments: EventStoreContract.checks().map(\.name))
    func events(_ name: String) async throws { try await run(EventStoreContract.checks(), name) { $0 } }

    @Test(arguments: PriorityStoreContract.checks().map(\.name))
    func priorities(_ name: String) async throws { try await run(PriorityStoreContract.checks(), name) { $0 } }

    @Test(arguments: MetadataStoreContract.checks().map(\.name))
    func whole(_ name: String) async throws { try await run(MetadataStoreContract.checks(), name) { $0 } }

    /// Runs the check `name` of `checks` with the DynamoDB store seen as `Port`.
    private func run<Port: Sendable>(
        _ checks: [ContractCheck<Port>], _ name: String, as port: @escaping @Sendable (DynamoMetadataStore) -> Port
    ) async throws {
        let check = try #require(checks.named(name))
        let global = check.tags.contains(.readsGlobalTotals)
        try await Moto.withTransport { transport async throws in
            try await Moto.withTransport { peerTransport async throws in
                let tables = try #require(Tables.shared.names[global])
                let subject = DynamoMetadataStore(client: DynamoDBClient(transport: transport), tables: tables)
                let peer = DynamoMetadataStore(client: DynamoDBClient(transport: peerTransport), tables: tables)
                try await Tables.shared.ensure(subject, global: global)
                try await check(
                    ContractFixture<Port>(
                        subject: port(subject), peers: [port(peer)], time: RealTimeControl(), scratch: FileManager.default.temporaryDirectory))
            }
        }
    }
}
