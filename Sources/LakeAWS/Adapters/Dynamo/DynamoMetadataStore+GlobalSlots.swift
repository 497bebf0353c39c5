import Foundation
import LakeCore

extension DynamoMetadataStore {
    /// The slot-table item listing every execution started under a global cap. No slot group is
    /// named like it: groups are `<team>-<pipeline>-stage-b` and team names cannot start with `_`.
    static let globalSlotGroup = "_global"

    /// Writes a RUNNING execution only if its slot group holds fewer than `slotLimit` live
    /// leases and, with `globalLimit`, fewer than `globalLimit` executions of any group are live
    /// — all in one TransactWriteItems: the group's lease item, the global item and the
    /// execution row, each lease item conditional on the version read. Two starters in
    /// different groups both rewrite the global item, so only one of them can take the last
    /// global slot.
    ///
    /// The global item maps execution id to slot group and carries no heartbeat: a member
    /// counts while its group's item holds a live lease for it, so heartbeats and releases stay
    /// single-item writes on the group (``saveExecution(_:)``), and members whose group lease is
    /// gone are dropped at the next global start.
    public func startExecution(_ record: ExecutionRecord, slotLimit: Int, globalLimit: Int?, staleBefore: Date) async throws -> Bool {
        guard let globalLimit, let group = record.slotGroup else {
            return try await startExecution(record, slotLimit: slotLimit, staleBefore: staleBefore)
        }
        var generator = SystemRandomNumberGenerator()
        for attempt in 1...60 {
            let (holders, version) = try await readSlots(group)
            let liveInGroup = holders.filter { $0.key != record.id && $0.value >= staleBefore }
            guard liveInGroup.count < slotLimit else { return false }
            let (members, globalVersion) = try await readGlobalMembers()
            var groups: [String: [String: Date]] = [group: holders]
            for other in Set(members.values) where groups[other] == nil {
                groups[other] = try await readSlots(other).holders
            }
            let liveGlobally = members.filter { id, owner in
                id != record.id && (groups[owner]?[id]).map { $0 >= staleBefore } == true
            }
            guard liveGlobally.count < globalLimit else { return false }

            var updatedHolders = holders.filter {
                $0.key == record.id || $0.value.timeIntervalSince(staleBefore) > -Self.leaseRetention
            }
            updatedHolders[record.id] = record.updatedAt
            var updatedMembers = members.filter { id, owner in groups[owner]?[id] != nil }
            updatedMembers[record.id] = group
            let globalItem: DynamoItem = [
                "slot_group": .s(Self.globalSlotGroup), "version": .number((globalVersion ?? 0) + 1),
                "members": .m(updatedMembers.mapValues { .s($0) }),
            ]
            do {
                try await guarded(tables.slots) {
                    try await client.transactWrite([
                        slotPut(group, holders: updatedHolders, version: version),
                        .put(table: tables.slots, item: globalItem, condition: Self.versionCondition(globalVersion)),
                        .put(table: tables.executions, item: OctagonItems.item(record), condition: nil),
                    ])
                }
                return true
            } catch where DynamoDBClient.isTransactionCanceled(error) || DynamoDBClient.isConditionFailed(error) {
                try await Self.backOff(attempt, &generator)
            }
        }
        throw Self.contended(Self.globalSlotGroup, record)
    }

    /// The global item: execution id to slot group, and its version (nil when absent).
    func readGlobalMembers() async throws -> (members: [String: String], version: Int64?) {
        let item = try await guarded(tables.slots) {
            try await client.getItem(table: tables.slots, key: ["slot_group": .s(Self.globalSlotGroup)])
        }
        guard let item else { return ([:], nil) }
        return ((item["members"]?.map ?? [:]).compactMapValues(\.string), item["version"]?.int ?? 0)
    }
}
