import Foundation
import LakeAWS
import LakeEngine

/// Publishes each notification's JSON document to an SNS topic (SigV4-signed `Publish`).
struct SNSNotifier: LakeNotifier {
    let topicArn: String
    let client: SNSClient
    let dashboardURL: String?

    var name: String { "sns \(topicArn)" }

    func notify(_ notification: LakeNotification) async throws {
        let document = NotificationDocument(notification, dashboardURL: dashboardURL)
        try await client.publish(topicArn: topicArn, message: String(decoding: try document.json(), as: UTF8.self), subject: document.subject)
    }
}
