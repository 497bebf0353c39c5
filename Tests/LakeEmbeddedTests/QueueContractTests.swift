import Foundation
import LakeContracts
import LakeCore
import LakeEmbedded
import Testing

@Suite struct QueueContractTests {
    @Test(arguments: QueueContract.checks().map(\.name))
    func contract(_ name: String) async throws {
        let check = try #require(QueueContract.checks().named(name))
        let directory = try TemporaryDirectory("queue")
        let (clock, time) = manualTime()
        let url = directory.file("queues.sqlite")
        let subject = try SQLiteQueueService(url: url, clock: clock)
        let peer = try SQLiteQueueService(url: url, clock: clock)
        try await check(ContractFixture<any QueueService>(subject: subject, peers: [peer], time: time, scratch: directory.url))
    }
}
