import Foundation
import LakeContracts
import LakeCore
import LakeEmbedded
import Testing

@Suite struct TableCatalogContractTests {
    @Test(arguments: TableCatalogContract.checks().map(\.name))
    func contract(_ name: String) async throws {
        let check = try #require(TableCatalogContract.checks().named(name))
        let directory = try TemporaryDirectory("catalog")
        let (clock, time) = manualTime()
        let catalog = try SQLiteTableCatalog(url: directory.file("catalog.sqlite"), clock: clock)
        try await check(ContractFixture<any TableCatalog>(subject: catalog, time: time, scratch: directory.url))
    }
}
