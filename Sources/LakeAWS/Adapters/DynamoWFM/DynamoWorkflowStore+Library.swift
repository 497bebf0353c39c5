import Foundation
import LakeCore

extension DynamoWorkflowStore {
    public func putLibraryItem(_ item: LibraryItem) async throws {
        let row: DynamoItem = ["workflowId": .s(item.workflowId), "doc": try Self.doc(item)]
        try await guarded(tables.library) { try await client.putItem(table: tables.library, item: row) }
    }

    public func libraryItem(workflowId: String) async throws -> LibraryItem? {
        let item = try await guarded(tables.library) { try await client.getItem(table: tables.library, key: ["workflowId": .s(workflowId)]) }
        return try item.map { try value(LibraryItem.self, $0, table: tables.library) }
    }

    public func libraryItems() async throws -> [LibraryItem] {
        let items = try await guarded(tables.library) { try await client.scanAll(table: tables.library, consistent: true) }
        return try items.map { try value(LibraryItem.self, $0, table: tables.library) }.sorted { $0.workflowId < $1.workflowId }
    }

    public func deleteLibraryItem(workflowId: String) async throws {
        _ = try await guarded(tables.library) { try await client.deleteItem(table: tables.library, key: ["workflowId": .s(workflowId)]) }
    }
}
