import Foundation
import GRDB
import LakeCore

extension SQLiteWorkflowStore {
    public func putLibraryItem(_ item: LibraryItem) async throws {
        let doc = try Self.doc(item)
        try await store.write("save library item", context: ["workflow": item.workflowId]) { db in
            try db.execute(
                sql: "INSERT INTO library (workflow_id, doc) VALUES (?, ?) ON CONFLICT(workflow_id) DO UPDATE SET doc = excluded.doc",
                arguments: [item.workflowId, doc])
        }
    }

    public func libraryItem(workflowId: String) async throws -> LibraryItem? {
        let doc = try await store.read("read library item") { db in
            try String.fetchOne(db, sql: "SELECT doc FROM library WHERE workflow_id = ?", arguments: [workflowId])
        }
        return try doc.map { try Self.value(LibraryItem.self, $0) }
    }

    public func libraryItems() async throws -> [LibraryItem] {
        let docs = try await store.read("read the library") { db in try String.fetchAll(db, sql: "SELECT doc FROM library ORDER BY workflow_id") }
        return try docs.map { try Self.value(LibraryItem.self, $0) }
    }

    public func deleteLibraryItem(workflowId: String) async throws {
        try await store.write("delete library item") { db in
            try db.execute(sql: "DELETE FROM library WHERE workflow_id = ?", arguments: [workflowId])
        }
    }
}
