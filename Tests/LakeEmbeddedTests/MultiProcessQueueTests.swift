import Foundation
import LakeTestSupport
import LakeCore
import LakeEmbedded
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Queue safety across real processes: the test binary runs itself as worker processes
/// (``QueueWorkerProcess``) on one queue database.
@Suite(.blocking) struct MultiProcessQueueTests {
    static let queue = "shared"

    @Test func workerProcessesNeverReceiveTheSameMessage() async throws {
        let directory = try TemporaryDirectory("queue-processes")
        let url = directory.file("queues.sqlite")
        let queues = try SQLiteQueueService(url: url, clock: SystemClock())
        let q = try QueueName(validating: Self.queue)
        try await queues.createQueue(q, options: QueueOptions(visibilityTimeout: .seconds(600)))
        let total = 300
        _ = try await queues.sendAll((0..<total).map { OutgoingMessage(body: "m\($0)") }, to: q)
        let outputs = (0..<3).map { directory.file("worker-\($0).txt") }
        let workers = try outputs.map { try startWorker(mode: "drain", database: url, output: $0) }
        for worker in workers { worker.waitUntilExit() }
        #expect(workers.allSatisfy { $0.terminationStatus == 0 })
        var ids: [String] = []
        for output in outputs {
            ids += try String(contentsOf: output, encoding: .utf8).split(separator: "\n").map(String.init)
        }
        #expect(ids.count == total)
        #expect(Set(ids).count == total)
        #expect(try await queues.counts(q).total == 0)
    }

    @Test func leasesOfAKilledWorkerComeBackAtOnce() async throws {
        let directory = try TemporaryDirectory("queue-kill")
        let url = directory.file("queues.sqlite")
        let queues = try SQLiteQueueService(url: url, clock: SystemClock())
        let q = try QueueName(validating: Self.queue)
        try await queues.createQueue(q, options: QueueOptions(visibilityTimeout: .seconds(600)))
        try await queues.send((0..<5).map { OutgoingMessage(body: "m\($0)") }, to: q)
        let output = directory.file("held.txt")
        let worker = try startWorker(mode: "hold", database: url, output: output)
        var waited = 0
        while (try? String(contentsOf: output, encoding: .utf8))?.hasSuffix("ready\n") != true && waited < 600 {
            try await Task.sleep(for: .milliseconds(50))
            waited += 1
        }
        #expect(try await queues.counts(q).inFlight == 5)
        kill(worker.processIdentifier, SIGKILL)
        worker.waitUntilExit()
        #expect(try await queues.reclaimOrphanedLeases() == 5)
        #expect(try await queues.receive(from: q, maxMessages: 10, visibilityTimeout: nil).count == 5)
    }

    func startWorker(mode: String, database: URL, output: URL) throws -> ChildProcess {
        var environment = ProcessInfo.processInfo.environment
        environment["LAKE_QUEUE_WORKER"] = "\(mode)|\(database.path)|\(output.path)"
        return try ChildProcess.launch(
            CommandLine.arguments[0], ["--testing-library", "swift-testing", "--filter", "QueueWorkerProcess"],
            environment: environment, stdout: .null, stderr: .null)
    }
}

/// The worker side of ``MultiProcessQueueTests``; runs only in a worker process.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["LAKE_QUEUE_WORKER"] != nil))
struct QueueWorkerProcess {
    @Test func work() async throws {
        let spec = try #require(ProcessInfo.processInfo.environment["LAKE_QUEUE_WORKER"]).split(separator: "|").map(String.init)
        let queues = try SQLiteQueueService(url: URL(fileURLWithPath: spec[1]), clock: SystemClock())
        let q = try QueueName(validating: MultiProcessQueueTests.queue)
        let output = URL(fileURLWithPath: spec[2])
        var lines = ""
        if spec[0] == "hold" {
            let held = try await queues.receive(from: q, maxMessages: 10, visibilityTimeout: nil)
            lines = held.map { $0.messageId + "\n" }.joined() + "ready\n"
            try lines.write(to: output, atomically: true, encoding: .utf8)
            try await Task.sleep(for: .seconds(60))
            return
        }
        var idle = 0
        while idle < 20 {
            let batch = try await queues.receive(from: q, maxMessages: 7, visibilityTimeout: nil)
            if batch.isEmpty {
                idle += 1
                try await Task.sleep(for: .milliseconds(5))
                continue
            }
            idle = 0
            lines += batch.map { $0.messageId + "\n" }.joined()
            try await queues.delete(batch.map(\.receipt), from: q)
        }
        try lines.write(to: output, atomically: true, encoding: .utf8)
    }
}
