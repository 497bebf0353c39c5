import Foundation
import LakeCore

extension DynamoMetadataStore {
    /// Claims each key with a conditional put; returns the owners of keys another execution holds.
    public func claim(keys: [String], by executionId: String, at: Date) async throws -> [String: String] {
        guard !keys.isEmpty else { return [:] }
        // The execution's key set is written first, so a crash mid-claim leaves nothing that
        // releaseClaims cannot find.
        try await guarded(tables.manifests) {
            _ = try await client.updateItem(
                table: tables.manifests, key: ["id": .s("execution:\(executionId)")],
                update: DynamoExpression("ADD #keys :keys", names: ["#keys": "keys"], values: [":keys": .ss(Array(Set(keys)))]))
        }
        var conflicts: [String: String] = [:]
        for key in keys {
            if let owner = try await claimOne(key, by: executionId, at: at) { conflicts[key] = owner }
        }
        return conflicts
    }

    /// Claims one key; returns the other owner when it is taken.
    private func claimOne(_ key: String, by executionId: String, at: Date) async throws -> String? {
        let condition = DynamoExpression(
            "attribute_not_exists(#id) OR #owner = :me", names: ["#id": "id", "#owner": "owner"], values: [":me": .s(executionId)])
        for _ in 0..<5 {
            do {
                try await guarded(tables.manifests) {
                    try await client.putItem(
                        table: tables.manifests,
                        item: [
                            "id": .s("claim:\(key)"), "key": .s(key), "owner": .s(executionId),
                            "claimed_at": .s(AWSDateFormat.formatISO8601(at)),
                        ], condition: condition)
                }
                return nil
            } catch where DynamoDBClient.isConditionFailed(error) {
                let item = try await guarded(tables.manifests) {
                    try await client.getItem(table: tables.manifests, key: ["id": .s("claim:\(key)")])
                }
                if let owner = item?["owner"]?.string, owner != executionId { return owner }
                // Released between the put and the read: try again.
            }
        }
        throw LakeError(.conflict, "the claim on \(key) kept changing hands", hint: "retry", context: ["key": key])
    }

    /// Owners of the given keys, read with strongly consistent BatchGetItem.
    public func claimOwners(keys: [String]) async throws -> [String: String] {
        guard !keys.isEmpty else { return [:] }
        let items = try await guarded(tables.manifests) {
            try await client.batchGet(table: tables.manifests, keys: Array(Set(keys)).map { ["id": .s("claim:\($0)")] })
        }
        var owners: [String: String] = [:]
        for item in items {
            if let key = item["key"]?.string, let owner = item["owner"]?.string { owners[key] = owner }
        }
        return owners
    }

    /// Deletes every claim `executionId` holds (conditioned on it still owning each key).
    public func releaseClaims(of executionId: String) async throws {
        let index = try await guarded(tables.manifests) {
            try await client.getItem(table: tables.manifests, key: ["id": .s("execution:\(executionId)")])
        }
        guard let index else { return }
        let keys: [String]
        if case .ss(let values) = index["keys"] { keys = values } else { keys = [] }
        let mine = DynamoExpression("#owner = :me", names: ["#owner": "owner"], values: [":me": .s(executionId)])
        for key in keys {
            do {
                try await guarded(tables.manifests) {
                    _ = try await client.deleteItem(table: tables.manifests, key: ["id": .s("claim:\(key)")], condition: mine)
                }
            } catch where DynamoDBClient.isConditionFailed(error) {
                continue
            }
        }
        try await guarded(tables.manifests) {
            _ = try await client.deleteItem(table: tables.manifests, key: ["id": .s("execution:\(executionId)")])
        }
    }
}
