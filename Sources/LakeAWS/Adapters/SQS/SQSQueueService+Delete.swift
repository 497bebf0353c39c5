import Foundation
import LakeCore

extension SQSQueueService {
    @discardableResult
    public func deleteQueue(_ name: QueueName) async throws -> Bool {
        guard let url = try await url(of: name, required: false) else { return false }
        // SQS would delete a dead-letter queue still in use; the port refuses, as SQLite does.
        for other in try await listQueues(prefix: "") where other != name {
            if try await options(of: other)?.deadLetterQueue == name {
                throw LakeError(
                    .conflict, "queue \(name) is the dead-letter queue of \(other)", hint: "delete \(other) first",
                    context: ["queue": name.rawValue, "usedBy": other.rawValue])
            }
        }
        do {
            try await client.deleteQueue(url: url)
        } catch let error as LakeError where SQSClient.isMissingQueue(error) {
            // Gone already.
        }
        state.withLock {
            _ = $0.urls.removeValue(forKey: name)
            _ = $0.options.removeValue(forKey: name)
        }
        return true
    }
}
