import Foundation
import LakeAWS
import LakeContracts
import LakeCore
import Testing

/// The Queue contract against SQSQueueService on moto, in real time: leases and delays of 12 s,
/// so a loaded machine does not expire a lease between two steps of a check, on a moto server
/// of their own (a serialized moto shared with other suites once held a receive back for over
/// 17 s). Checks that wait minutes (the 5-minute FIFO deduplication window) are left out.
@Suite struct SQSQueueContractTests {
    static let names = QueueContract.checks().filter { !$0.tags.contains(.longWait) }.map(\.name)

    @Test(arguments: names)
    func contract(_ name: String) async throws {
        let check = try #require(QueueContract.checks().named(name))
        try await Moto.withTransport(server: .timing) { transport async throws in
            let subject = SQSQueueService(client: SQSClient(transport: transport), clock: SystemClock())
            let peer = SQSQueueService(client: SQSClient(transport: transport), clock: SystemClock())
            try await check(
                ContractFixture<any QueueService>(
                    subject: subject, peers: [peer], time: RealTimeControl(),
                    timing: ContractTiming(lease: .seconds(12), delay: .seconds(12), slack: .seconds(1)),
                    scratch: FileManager.default.temporaryDirectory))
        }
    }
}
