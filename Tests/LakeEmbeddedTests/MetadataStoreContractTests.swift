import Foundation
import LakeContracts
import LakeCore
import LakeEmbedded
import Testing

/// Every metadata capability's contract against SQLiteMetadataStore: one suite per port, with
/// three store instances on one file for the concurrency checks.
@Suite struct MetadataStoreContractTests {
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

    /// Runs the check `name` of `checks` with the SQLite store seen as `Port`.
    private func run<Port: Sendable>(_ checks: [ContractCheck<Port>], _ name: String, as port: (SQLiteMetadataStore) -> Port) async throws {
        let check = try #require(checks.named(name))
        let directory = try TemporaryDirectory("octagon")
        let (clock, time) = manualTime()
        let url = directory.file("octagon.sqlite")
        let subject = try SQLiteMetadataStore(url: url, clock: clock)
        let peers = try (0..<2).map { _ in try SQLiteMetadataStore(url: url, clock: clock) }
        try await check(ContractFixture<Port>(subject: port(subject), peers: peers.map(port), time: time, scratch: directory.url))
    }
}
