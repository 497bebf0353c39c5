import Foundation
import LakeCore

/// Puts failed work back once its cause is fixed: any number of messages, stage by stage.
/// Routing and catalog dead letters go back to the catalog queue; a dataset's stage-A dead
/// letters to its pipeline's stage-A queue; a failed stage-B execution's keys (not its whole
/// event) to the queue of each table's WLM level.
public struct Redriver: Sendable {
    let env: LakeEnvironment
    let topology: Topology
    let priorities: PriorityBook

    public init(env: LakeEnvironment, topology: Topology, priorities: PriorityBook) {
        self.env = env
        self.topology = topology
        self.priorities = priorities
    }

    /// What a redrive moved.
    public struct Report: Sendable, Codable {
        /// Messages taken off dead-letter queues.
        public var moved: Int
        /// Messages (or keys, for stage B) put back, by destination: the catalog queue's name, or
    /// the WLM level of the stage-A/stage-B queue.
        public var byTarget: [String: Int]
        /// Dead letters left where they were (other datasets, or unreadable).
        public var skipped: Int
    }

    /// Routing and catalog dead letters -> catalog queue.
    public func redriveRouting(max: Int?) async throws -> Report {
        let names = topology.names
        var report = Report(moved: 0, byTarget: [:], skipped: 0)
        for source in [names.routingDeadLetter, names.catalogDeadLetter] {
            try await drain(source, max: max.map { $0 - report.moved }) { message in
                try await env.queues.send([OutgoingMessage(body: message.body)], to: names.catalog)
                report.byTarget[names.catalog.rawValue, default: 0] += 1
                return true
            }
            report.moved = report.byTarget.values.reduce(0, +)
        }
        LakeMetrics.redriven(report.moved, stage: "routing", dataset: "-")
        return report
    }

    /// A dataset's stage-A dead letters -> its stage-A queue.
    public func redriveStageA(_ ref: DatasetRef, max: Int?) async throws -> Report {
        let unit = try datasetUnit(ref)
        guard let stageA = topology.stageAUnit(of: unit) else {
            throw LakeError(.notFound, "no stage-A queue for \(ref)")
        }
        var report = Report(moved: 0, byTarget: [:], skipped: 0)
        let nonce = env.ids.next()
        try await drain(stageA.deadLetter, max: max) { message in
            guard let body = try? MessageCodec.decode(StageAMessage.self, message.body, queue: stageA.deadLetter),
                  body.team == ref.team, body.dataset == ref.dataset, let first = body.objects.first
            else {
                report.skipped += 1
                return false
            }
            // The objects of one message went to one queue, so the first one's table decides.
            let level = try await priorities.level(team: body.team, dataset: body.dataset, table: first.table)
            guard let target = stageA.queue(level: level) else { return false }
            try await env.queues.send([OutgoingMessage(
                body: message.body, groupId: ref.id,
                deduplicationId: StableID.make(["redrive", nonce] + body.objects.flatMap { [$0.key, $0.contentHash] }))], to: target)
            report.byTarget[level, default: 0] += 1
            report.moved += 1
            return true
        }
        LakeMetrics.redriven(report.moved, stage: "a", dataset: ref.description)
        return report
    }

    /// A dataset's failed stage-B batches -> each key onto its table's level queue.
    public func redriveStageB(_ ref: DatasetRef, max: Int?) async throws -> Report {
        let unit = try datasetUnit(ref)
        guard unit.hasStageB else { throw LakeError(.usage, "dataset \(ref) runs a \(unit.pipeline.type) pipeline without stage B") }
        var report = Report(moved: 0, byTarget: [:], skipped: 0)
        try await drain(unit.stageBDeadLetter, max: max) { message in
            let keys: [String]
            if let failure = try? MessageCodec.decode(StageBFailure.self, message.body, queue: unit.stageBDeadLetter) {
                keys = failure.keys
            } else if let single = try? MessageCodec.decode(StageBMessage.self, message.body, queue: unit.stageBDeadLetter) {
                keys = [single.key]  // a message dead-lettered by the queue itself (crash loop)
            } else {
                report.skipped += 1
                return false
            }
            var outgoing: [QueueName: [OutgoingMessage]] = [:]
            for key in keys {
                let objectKey = try ObjectKey(key)
                guard let info = try await env.objects.head(ObjectLocation(.stage, objectKey)) else { continue }
                let table = RawKeyParts(objectKey)?.table ?? LakeNames.tableName(fromFileName: objectKey.name)
                let level = try await priorities.level(team: ref.team, dataset: ref.dataset, table: table)
                guard let queue = unit.stageBQueue(level: level) else { continue }
                let body = StageBMessage(key: key, contentHash: info.contentHash, team: ref.team, dataset: ref.dataset, table: table, enqueuedAt: env.clock.now())
                outgoing[queue, default: []].append(OutgoingMessage(body: try MessageCodec.encode(body)))
                report.byTarget[level, default: 0] += 1
            }
            for (queue, messages) in outgoing { try await env.queues.sendAll(messages, to: queue) }
            report.moved += 1
            return true
        }
        LakeMetrics.redriven(report.moved, stage: "b", dataset: ref.description)
        return report
    }

    private func datasetUnit(_ ref: DatasetRef) throws -> Topology.DatasetUnit {
        guard let unit = topology.datasets[ref] else {
            throw LakeError(.usage, "dataset \(ref) is not defined in lake.yaml", hint: "define it, then redrive")
        }
        return unit
    }

    /// Receives every message of `queue` once (up to `max` handled); `handle` returns true when
    /// it moved the message (then deleted here) or false to leave it in place.
    private func drain(_ queue: QueueName, max: Int?, handle: (ReceivedMessage) async throws -> Bool) async throws {
        var handled = 0
        var seen = Set<String>()
        var leftBehind: [ReceiptHandle] = []
        func releaseLeftBehind() async {
            for r in leftBehind { try? await env.queues.changeVisibility(r, in: queue, timeout: .zero) }
        }
        do {
            while max.map({ handled < $0 }) ?? true {
                let want = min(10, max.map { $0 - handled } ?? 10)
                let batch = try await env.queues.receive(from: queue, maxMessages: want, visibilityTimeout: .seconds(120))
                let fresh = batch.filter { seen.insert($0.messageId).inserted }
                leftBehind += batch.filter { m in !fresh.contains { $0.receipt == m.receipt } }.map(\.receipt)
                if fresh.isEmpty { break }
                for message in fresh {
                    if try await handle(message) {
                        try await env.queues.delete([message.receipt], from: queue)
                        handled += 1
                    } else {
                        leftBehind.append(message.receipt)
                    }
                }
            }
        } catch {
            await releaseLeftBehind()
            throw error
        }
        await releaseLeftBehind()
    }
}
