import Foundation
import LakeCore
import LakeEngine

/// Submits queued execution requests, per tenant, without exceeding its cap: in a lease on the
/// tenant (so one worker at a time consumes it), available = max concurrent − PENDING − RUNNING
/// (counted from the status store: executions submitted outside WFM count too); it receives that
/// many (at most 10), submits each, records it (PENDING, `submittedBy: wfm`) and deletes the
/// message. A failed submission leaves the message for its lease to run out (after 5 receives it
/// goes to the dead-letter queue with the last error).
public struct WorkflowConsumer: LakeService {
    public let name = "wfm-consumer"
    let env: WorkflowEnvironment
    let gate: IntervalGate

    public init(env: WorkflowEnvironment) {
        self.env = env
        gate = IntervalGate(max(.seconds(1), env.wfm.consumerInterval))
    }

    public func step(drain: Bool) async throws -> Bool {
        guard gate.due(now: env.clock.now(), drain: drain) else { return false }
        var submitted = 0
        for tenant in try await env.stores.tenants() {
            submitted += try await consume(tenant)
        }
        return submitted > 0
    }

    /// One round for one tenant; returns how many requests it submitted.
    public func consume(_ tenant: TenantRecord) async throws -> Int {
        let lease = "wfm-consumer-\(tenant.id)"
        let (queue, _) = env.queue(of: tenant.id)
        func hold() async throws -> Bool {
            let now = env.clock.now()
            return try await env.stores.acquireLease(lease, holder: env.worker, until: now.addingTimeInterval(120), now: now)
        }
        guard try await hold() else { return 0 }
        defer { Task { [env] in try? await env.stores.releaseLease(lease, holder: env.worker) } }
        let active = try await env.stores.activeWorkflowExecutions(tenant: tenant.id)
        let available = tenant.maxConcurrent - active
        guard available > 0 else { return 0 }
        let messages: [ReceivedMessage]
        do {
            messages = try await env.queues.receive(from: queue, maxMessages: min(available, 10), visibilityTimeout: env.visibilityTimeout)
        } catch let error as LakeError where error.code == .notFound {
            return 0
        }
        guard !messages.isEmpty else { return 0 }
        let client = try env.clients.client(for: tenant)
        var submitted = 0
        for message in messages {
            guard try await hold() else { break }
            do {
                let request = try JSONDecoder().decode([String: ConfigValue].self, from: Data(message.body.utf8))
                let execution = try await client.startExecution(request)
                var record = execution.record(tenant: tenant.id, submittedBy: .wfm, retentionDays: tenant.retentionDays, now: env.clock.now())
                // The window as the request sent it (local to its time zone).
                record.timeWindowStart = request["timeWindowStart"]?.stringValue ?? record.timeWindowStart
                record.timeWindowEnd = request["timeWindowEnd"]?.stringValue ?? record.timeWindowEnd
                record.timeWindowTimeZone = request["timeWindowTimeZone"]?.stringValue ?? record.timeWindowTimeZone
                record.timeWindowType = request["timeWindowType"]?.stringValue ?? record.timeWindowType
                if let values = request["parameterValues"]?.objectValue { record.parameterValues = values.compactMapValues(\.stringValue) }
                if !record.status.isActive && record.status != .publishing && record.status != .succeeded { record.status = .pending }
                try await env.stores.saveWorkflowExecutions([record])
                try await env.queues.delete([message.receipt], from: queue)
                submitted += 1
            } catch {
                let text = (error as? LakeError)?.message ?? "\(error)"
                env.logger.warning("workflow execution not submitted", metadata: ["tenant": "\(tenant.id)", "error": "\(text)"])
                try? await env.queues.fail(message, in: queue, error: text, retryAfter: env.visibilityTimeout)
            }
        }
        return submitted
    }
}
