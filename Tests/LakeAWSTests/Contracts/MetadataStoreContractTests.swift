import Foundation
import LakeAWS
import LakeContracts
import LakeCore
import Testing

/// The MetadataStore contract against DynamoMetadataStore on moto: two store instances (one per
/// transport) for the concurrency checks. Checks that read totals over a whole table get a table
/// set of their own, so the other checks, running in parallel, do not move their totals.
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

    @Test(arguments: MetadataStoreContract.checks().map(\.name))
    func contract(_ name: String) async throws {
        let check = try #require(MetadataStoreContract.checks().named(name))
        let global = check.tags.contains(.readsGlobalTotals)
        try await Moto.withTransport { transport async throws in
            try await Moto.withTransport { peerTransport async throws in
                let tables = try #require(Tables.shared.names[global])
                let subject = DynamoMetadataStore(client: DynamoDBClient(transport: transport), tables: tables)
                let peer = DynamoMetadataStore(client: DynamoDBClient(transport: peerTransport), tables: tables)
                try await Tables.shared.ensure(subject, global: global)
                try await check(
                    ContractFixture<any MetadataStore>(
                        subject: subject, peers: [peer], time: RealTimeControl(), scratch: FileManager.default.temporaryDirectory))
            }
        }
    }
}
