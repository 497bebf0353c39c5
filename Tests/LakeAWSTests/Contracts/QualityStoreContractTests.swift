import Foundation
import LakeAWS
import LakeContracts
import LakeCore
import Testing

/// The data-quality repository's contract against DynamoQualityStore on moto (the
/// `octagon-DataQuality*-<env>` tables of an environment unique to this test run, created once).
@Suite struct DynamoQualityStoreContractTests {
    actor Tables {
        static let shared = Tables()
        let tables = DynamoQualityTables(environment: Moto.unique("dq"))
        private var ready: Task<Void, any Error>?
        func ensure(_ store: DynamoQualityStore) async throws {
            if ready == nil { ready = Task { _ = try await store.createTables() } }
            try await ready?.value
        }
    }

    @Test(arguments: QualityStoreContract.checks().map(\.name))
    func quality(_ name: String) async throws {
        let check = try #require(QualityStoreContract.checks().named(name))
        try await Moto.withTransport { transport async throws in
            let subject = DynamoQualityStore(client: DynamoDBClient(transport: transport), tables: Tables.shared.tables)
            try await Tables.shared.ensure(subject)
            try await check(
                ContractFixture<any QualityStore>(subject: subject, time: RealTimeControl(), scratch: FileManager.default.temporaryDirectory))
        }
    }
}
