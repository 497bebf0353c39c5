import Foundation
import GRDB
import LakeCore

/// A message row as read for a receive, a failure or a dead-letter move.
struct QueueMessageRow: Sendable {
    var seq: Int64
    var id: String
    var groupID: String?
    var body: String
    var attributes: String?
    var sentAt: Double
    var visibleAt: Double
    var receiveCount: Int
    var lastError: String?

    /// The columns ``init(row:)`` reads, for SELECT lists.
    static let columns = "seq, id, group_id, body, attributes, sent_at, visible_at, receive_count, last_error"

    init(row: Row) {
        seq = row["seq"]
        id = row["id"]
        groupID = row["group_id"]
        body = row["body"]
        attributes = row["attributes"]
        sentAt = row["sent_at"]
        visibleAt = row["visible_at"]
        receiveCount = row["receive_count"]
        lastError = row["last_error"]
    }

    /// The message as handed to a receiver holding `receipt`.
    func received(receipt: QueueReceipt, receiveCount: Int) throws -> ReceivedMessage {
        ReceivedMessage(
            messageId: id, receipt: receipt.handle, body: body, receiveCount: receiveCount, groupId: groupID,
            sentAt: SQLiteValues.date(sentAt), attributes: try SQLiteValues.map(attributes))
    }
}
