import Foundation
import LakeContracts
import LakeCore
import LakeEmbedded
import Testing

@Suite struct MetadataStoreContractTests {
    @Test(arguments: MetadataStoreContract.checks().map(\.name))
    func contract(_ name: String) async throws {
        let check = try #require(MetadataStoreContract.checks().named(name))
        let directory = try TemporaryDirectory("octagon")
        let (clock, time) = manualTime()
        let url = directory.file("octagon.sqlite")
        let subject = try SQLiteMetadataStore(url: url, clock: clock)
        let peers = try (0..<2).map { _ in try SQLiteMetadataStore(url: url, clock: clock) }
        try await check(ContractFixture<any MetadataStore>(subject: subject, peers: peers, time: time, scratch: directory.url))
    }
}
