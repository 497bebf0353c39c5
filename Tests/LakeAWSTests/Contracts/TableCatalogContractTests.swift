import Foundation
import LakeAWS
import LakeContracts
import LakeCore
import Testing

/// The TableCatalog contract against GlueTableCatalog on moto.
@Suite struct GlueTableCatalogContractTests {
    @Test(arguments: TableCatalogContract.checks().map(\.name))
    func contract(_ name: String) async throws {
        let check = try #require(TableCatalogContract.checks().named(name))
        try await Moto.withTransport { transport async throws in
            let catalog = GlueTableCatalog(client: GlueClient(transport: transport), clock: SystemClock())
            try await check(
                ContractFixture<any TableCatalog>(subject: catalog, time: RealTimeControl(), scratch: FileManager.default.temporaryDirectory))
        }
    }
}
