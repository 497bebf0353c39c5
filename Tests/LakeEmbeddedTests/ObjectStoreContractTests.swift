import Foundation
import LakeContracts
import LakeCore
import LakeEmbedded
import Testing

@Suite struct ObjectStoreContractTests {
    @Test(arguments: ObjectStoreContract.checks().map(\.name))
    func contract(_ name: String) async throws {
        let check = try #require(ObjectStoreContract.checks().named(name))
        let directory = try TemporaryDirectory("objects")
        let scratch = directory.file("scratch")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let (_, time) = manualTime()
        let store = FileObjectStore(root: directory.file("lake"))
        try await check(ContractFixture<any ObjectStore>(subject: store, time: time, scratch: scratch))
    }
}
