import Foundation
import LakeCore
import Logging

extension StageAService {
    /// The end of a batch: the error step for every failed object, then one queue step that
    /// sends the completed objects' keys to stage B and each failed object to the dead-letter
    /// queue (in a message of its own) and deletes the batch's messages. A message with an
    /// object that failed transiently is returned for a retry instead (all its objects run
    /// again; their outputs keep their names). Returns every execution that ended.
    func settle(_ outcomes: [Outcome], messages: [ReceivedMessage], from queue: QueueName, pipelineId: String, completed: Bool) async -> [ExecutionRecord] {
        let now = env.clock.now()
        var retry: [Int: String] = [:]
        var failed: [ExecutionRecord] = []
        var finished: [ExecutionRecord] = []
        var sending: [QueueName: [OutgoingMessage]] = [:]
        var deadLettered = 0
        for outcome in outcomes {
            guard let failure = outcome.failure else { continue }
            var record = outcome.work.record
            record.fail(component: failure.component, error: failure.error, at: now)
            let text = record.error ?? "\(failure.error)"
            env.logger.error("stage A failed", metadata: ["execution": "\(record.id)", "component": "\(failure.component)", "error": "\(text)"])
            failed.append(record)
            if Self.isTransient(failure.error), retry[outcome.work.messageIndex] == nil { retry[outcome.work.messageIndex] = text }
        }
        for outcome in outcomes {
            if outcome.failure == nil {
                finished.append(outcome.work.record)
                for (target, message) in outcome.stageB { sending[target, default: []].append(message) }
            } else if retry[outcome.work.messageIndex] == nil, let record = failed.first(where: { $0.id == outcome.work.record.id }) {
                sending[unit.deadLetter, default: []].append(deadLetter(outcome.work, error: record.error ?? "failed", from: queue, at: now))
                deadLettered += 1
            }
        }
        let handled = Set(outcomes.map(\.work.messageIndex))
        let deleting = messages.indices.filter { handled.contains($0) && retry[$0] == nil }.map { messages[$0].receipt }
        do {
            // The failures are recorded before their objects reach the dead-letter queue.
            if !failed.isEmpty { try await env.metadata.saveExecutions(failed) }
            try await env.queues.settle(sending: sending, deleting: deleting, from: queue)
            if deadLettered > 0 { LakeMetrics.deadLettered(queue: unit.deadLetter, stage: .a, count: deadLettered) }
        } catch {
            // The messages come back when their leases run out, and every object runs again.
            env.logger.error("stage A could not settle its batch; its messages will come back", metadata: ["queue": "\(queue)", "error": "\(error)"])
            return finished + failed
        }
        for (index, error) in retry.sorted(by: { $0.key < $1.key }) {
            do {
                try await env.queues.fail(messages[index], in: queue, error: error, retryAfter: env.tuning.retryDelay)
            } catch {
                // The lease runs out and the message comes back all the same.
                env.logger.error("stage A could not return a message for a retry", metadata: ["queue": "\(queue)", "error": "\(error)"])
            }
        }
        // Completions recorded the pipeline's last execution with their own write; failures here.
        if !completed || !failed.isEmpty, let last = (finished + failed).max(by: { $0.startedAt < $1.startedAt }) {
            try? await env.metadata.recordLastExecution(last, pipelineId: pipelineId, at: env.clock.now())
        }
        return finished + failed
    }

    /// A dead-letter message for one failed object: the object alone, with the error and where
    /// it came from, so a redrive runs only what failed.
    private func deadLetter(_ work: Work, error: String, from queue: QueueName, at now: Date) -> OutgoingMessage {
        let single = StageAMessage(team: work.body.team, dataset: work.body.dataset, objects: [work.object])
        var attributes = work.message.attributes
        attributes[DeadLetterAttribute.error] = String(error.prefix(4096))
        attributes[DeadLetterAttribute.sourceQueue] = queue.rawValue
        attributes[DeadLetterAttribute.failedAt] = now.formatted(.iso8601)
        attributes[DeadLetterAttribute.receiveCount] = String(work.message.receiveCount)
        return OutgoingMessage(
            body: (try? MessageCodec.encode(single)) ?? work.message.body,
            groupId: work.message.groupId ?? DatasetRef(team: work.body.team, dataset: work.body.dataset).id,
            deduplicationId: StableID.make("stage-a-dead-letter", work.object.key, work.object.contentHash, work.message.messageId, String(work.message.receiveCount)),
            attributes: attributes)
    }

    /// Storage, queue and metadata hiccups are retried; transform and data errors are not.
    static func isTransient(_ error: any Error) -> Bool {
        guard let lake = error as? LakeError else { return false }
        return [.io, .storage, .queue, .metadata, .remote, .timeout].contains(lake.code)
    }
}
