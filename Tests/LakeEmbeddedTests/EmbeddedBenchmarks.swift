import Foundation
import LakeCore
import LakeEmbedded
import Testing

/// Throughput numbers, printed, never asserted (DESIGN §6: benchmarks are commands, not timed
/// tests). Run with `LAKE_BENCH=1 swift test --filter EmbeddedBenchmarks` (a release build gives
/// the numbers that matter: `swift build -c release --build-tests`, then the same with `-c release`).
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["LAKE_BENCH"] != nil))
struct EmbeddedBenchmarks {
    @Test(arguments: ["bench", "bench.fifo"])
    func queueSendReceiveDelete(_ name: String) async throws {
        let directory = try TemporaryDirectory("bench-queue")
        let queues = try SQLiteQueueService(url: directory.file("queues.sqlite"), clock: SystemClock())
        let q = try QueueName(validating: name)
        try await queues.createQueue(q, options: QueueOptions())
        let total = 20_000
        let start = ContinuousClock.now
        var done = 0
        while done < total {
            let batch = (0..<10).map { OutgoingMessage(body: "raw/team/ds/file-\(done + $0).json", groupId: q.isFIFO ? "g\($0 % 4)" : nil) }
            try await queues.send(batch, to: q)
            let got = try await queues.receive(from: q, maxMessages: 10, visibilityTimeout: nil)
            if !got.isEmpty { try await queues.delete(got.map(\.receipt), from: q) }
            done += 10
        }
        while case let got = try await queues.receive(from: q, maxMessages: 10, visibilityTimeout: nil), !got.isEmpty {
            try await queues.delete(got.map(\.receipt), from: q)
        }
        let seconds = (ContinuousClock.now - start).seconds
        print("queue \(name): \(total) messages sent, received and deleted in \(String(format: "%.2f", seconds)) s = \(Int(Double(total) / seconds)) msgs/s")
    }

    @Test(arguments: [true, false])
    func objectPuts(syncDirectories: Bool) async throws {
        let directory = try TemporaryDirectory("bench-objects")
        let store = FileObjectStore(root: directory.url, options: .init(syncDirectories: syncDirectories))
        let payload = Data(repeating: 0x61, count: 2048)
        let total = 2_000
        let start = ContinuousClock.now
        for i in 0..<total {
            try await store.put(payload, at: ObjectLocation(.raw, try ObjectKey("team/ds/t\(i % 10)/file-\(i).json")))
        }
        let seconds = (ContinuousClock.now - start).seconds
        print("object store (syncDirectories: \(syncDirectories)): \(total) puts of 2 KiB in \(String(format: "%.2f", seconds)) s = \(Int(Double(total) / seconds)) puts/s, \(String(format: "%.3f", seconds * 1000 / Double(total))) ms each")
        let concurrentStart = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for i in stride(from: worker, to: total, by: 4) {
                        try await store.put(payload, at: ObjectLocation(.stage, try ObjectKey("team/ds/t\(i % 10)/file-\(i).json")))
                    }
                }
            }
            try await group.waitForAll()
        }
        let concurrent = (ContinuousClock.now - concurrentStart).seconds
        print("object store (syncDirectories: \(syncDirectories)), 4 tasks: \(Int(Double(total) / concurrent)) puts/s")
        let listStart = ContinuousClock.now
        let all = try await store.listAll(zone: .raw, prefix: "team/ds/")
        print("object store: listed \(all.count) objects in \(String(format: "%.3f", (ContinuousClock.now - listStart).seconds)) s")
    }
}
