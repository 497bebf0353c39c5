import Foundation
import LakeContracts
import LakeCore
import LakeEmbedded
import Testing

/// The data-quality repository's contract against SQLiteQualityStore, one database per check.
@Suite struct QualityStoreContractTests {
    @Test(arguments: QualityStoreContract.checks().map(\.name))
    func quality(_ name: String) async throws {
        let check = try #require(QualityStoreContract.checks().named(name))
        let directory = try TemporaryDirectory("quality")
        let (_, time) = manualTime()
        let subject = try SQLiteQualityStore(url: directory.file("quality.sqlite"))
        try await check(ContractFixture<any QualityStore>(subject: subject, time: time, scratch: directory.url))
    }
}
