import Foundation
import LakeAWS
import LakeCore
import LakeWorkflows
import Logging

/// Tells `wfm.notify`'s webhook and SNS topic about workflow executions whose status changed
/// to anything but the routine ones: a JSON document with tenant, workflow, execution id, old
/// and new status and reason, each delivery in a task of its own (a failing webhook never holds
/// up the sync).
struct WorkflowStatusNotifier: Sendable {
    let webhook: WebhookNotifier?
    let sns: (client: SNSClient, topic: String)?
    let logger: Logger
    let inFlight: InFlightTasks

    func post(_ change: WorkflowStatusChange) {
        guard webhook != nil || sns != nil else { return }
        let webhook = self.webhook
        let sns = self.sns
        let logger = self.logger
        inFlight.start {
            guard let body = try? LakeJSON.encoder(pretty: false).encode(change) else { return }
            if let webhook {
                do { try await webhook.post(body) } catch { logger.error("workflow status notification not delivered", metadata: ["error": "\(error)"]) }
            }
            if let sns {
                do {
                    try await sns.client.publish(
                        topicArn: sns.topic, message: String(decoding: body, as: UTF8.self),
                        subject: "[swiftlake] \(change.workflowId) Execution \(change.newStatus)")
                } catch {
                    logger.error("workflow status notification not published", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
