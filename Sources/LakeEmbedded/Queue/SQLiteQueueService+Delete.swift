import Foundation
import GRDB
import LakeCore

extension SQLiteQueueService {
    @discardableResult
    public func deleteQueue(_ name: QueueName) async throws -> Bool {
        defer { cache.withLock { _ = $0.removeValue(forKey: name) } }
        return try await store.write("delete queue", context: ["queue": name.rawValue]) { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM queue WHERE name = ?", arguments: [name.rawValue]) == true else { return false }
            if let user = try String.fetchOne(db, sql: "SELECT name FROM queue WHERE dead_letter_queue = ? LIMIT 1", arguments: [name.rawValue]) {
                throw LakeError(
                    .conflict, "queue \(name) is the dead-letter queue of \(user)", hint: "delete \(user) first",
                    context: ["queue": name.rawValue, "usedBy": user])
            }
            try db.execute(sql: "DELETE FROM message WHERE queue = ?", arguments: [name.rawValue])
            try db.execute(sql: "DELETE FROM dedup WHERE queue = ?", arguments: [name.rawValue])
            try db.execute(sql: "DELETE FROM queue WHERE name = ?", arguments: [name.rawValue])
            return true
        }
    }
}
