import Foundation
import LakeCore

extension DynamoMetadataStore {
    /// Leases more than this far past a start's `staleBefore` are dropped from the slot item.
    static let leaseRetention: TimeInterval = 86_400

    /// Writes a RUNNING execution and takes a lease in its slot group, atomically, unless the group holds `slotLimit` live leases.
    public func startExecution(_ record: ExecutionRecord, slotLimit: Int, staleBefore: Date) async throws -> Bool {
        guard let group = record.slotGroup else {
            try await saveExecution(record)
            return true
        }
        return try await withSlots(group, for: record) { holders in
            let live = holders.filter { $0.key != record.id && $0.value >= staleBefore }
            guard live.count < slotLimit else { return false }
            holders = holders.filter { $0.key == record.id || $0.value.timeIntervalSince(staleBefore) > -Self.leaseRetention }
            holders[record.id] = record.updatedAt
            return true
        }
    }

    /// Leases in the slot group whose heartbeat is at or after `staleBefore`.
    public func runningCount(slotGroup: String, staleBefore: Date) async throws -> Int {
        try await readSlots(slotGroup).holders.values.filter { $0 >= staleBefore }.count
    }

    /// The lease item of a slot group: holders and version (0 when absent).
    func readSlots(_ group: String) async throws -> (holders: [String: Date], version: Int64?) {
        let item = try await guarded(tables.slots) { try await client.getItem(table: tables.slots, key: ["slot_group": .s(group)]) }
        guard let item else { return ([:], nil) }
        var holders: [String: Date] = [:]
        for (id, value) in item["holders"]?.map ?? [:] {
            if let date = value.string.flatMap(AWSDateFormat.parseISO8601) { holders[id] = date }
        }
        return (holders, item["version"]?.int ?? 0)
    }

    /// Read-modify-write of a group's leases together with `record`'s row, retried on
    /// contention. `change` edits the holders and returns false to write nothing; returns its
    /// answer.
    func withSlots(
        _ group: String, for record: ExecutionRecord, change: ([String: Date]) throws -> (Bool, [String: Date])
    ) async throws -> Bool {
        var generator = SystemRandomNumberGenerator()
        for attempt in 1...60 {
            let (holders, version) = try await readSlots(group)
            let (proceed, updated) = try change(holders)
            guard proceed else { return false }
            do {
                try await guarded(tables.slots) {
                    try await client.transactWrite([
                        slotPut(group, holders: updated, version: version),
                        .put(table: tables.executions, item: OctagonItems.item(record), condition: nil),
                    ])
                }
                return true
            } catch where DynamoDBClient.isTransactionCanceled(error) || DynamoDBClient.isConditionFailed(error) {
                try await Self.backOff(attempt, &generator)
            }
        }
        throw Self.contended(group, record)
    }

    /// The write of a group's lease item, conditional on the version read (or on its absence).
    func slotPut(_ group: String, holders: [String: Date], version: Int64?) -> DynamoTransactItem {
        let item: DynamoItem = [
            "slot_group": .s(group), "version": .number((version ?? 0) + 1),
            "holders": .m(holders.mapValues { .s(AWSDateFormat.formatISO8601($0)) }),
        ]
        return .put(table: tables.slots, item: item, condition: Self.versionCondition(version))
    }

    /// `version = :v`, or that the item does not exist yet when `version` is nil.
    static func versionCondition(_ version: Int64?) -> DynamoExpression {
        guard let version else { return DynamoExpression("attribute_not_exists(#g)", names: ["#g": "slot_group"]) }
        return DynamoExpression("#v = :v", names: ["#v": "version"], values: [":v": .number(version)])
    }

    /// Sleeps a jittered, growing delay (at most 0.5 s) after a lost race.
    static func backOff(_ attempt: Int, _ generator: inout SystemRandomNumberGenerator) async throws {
        let cap = min(0.5, 0.005 * Double(1 << min(attempt, 7)))
        try await Task.sleep(for: .seconds(Double.random(in: 0...cap, using: &generator)))
    }

    /// The error after too many lost races on a lease item.
    static func contended(_ group: String, _ record: ExecutionRecord) -> LakeError {
        LakeError(
            .conflict, "slot group \(group) stayed too contended to update", hint: "retry; lower the number of concurrent schedulers",
            context: ["slotGroup": group, "executionId": record.id])
    }

    /// Convenience over ``withSlots(_:for:change:)`` with an in-place edit.
    func withSlots(
        _ group: String, for record: ExecutionRecord, _ edit: (inout [String: Date]) throws -> Bool
    ) async throws -> Bool {
        try await withSlots(group, for: record) { holders in
            var copy = holders
            let proceed = try edit(&copy)
            return (proceed, copy)
        }
    }

    /// Drops one execution's lease (used when its row is purged).
    func releaseLease(_ group: String, executionId: String) async throws {
        for _ in 1...60 {
            let (holders, version) = try await readSlots(group)
            guard let version, holders[executionId] != nil else { return }
            var updated = holders
            updated.removeValue(forKey: executionId)
            do {
                try await guarded(tables.slots) {
                    try await client.putItem(
                        table: tables.slots,
                        item: [
                            "slot_group": .s(group), "version": .number(version + 1),
                            "holders": .m(updated.mapValues { .s(AWSDateFormat.formatISO8601($0)) }),
                        ],
                        condition: DynamoExpression("#v = :v", names: ["#v": "version"], values: [":v": .number(version)]))
                }
                return
            } catch where DynamoDBClient.isConditionFailed(error) {
                continue
            }
        }
    }
}
