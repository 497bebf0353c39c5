import Foundation
import LakeAWS
import LakeCore
import Testing

/// DynamoMetadataStore's workload-management storage on moto beyond the contract: the global
/// cap under concurrent starts from two clients in several slot groups, releases and dead
/// workers, batched execution reads and writes, and priority rows written by the reference WLM.
@Suite struct DynamoWLMTests {
    /// A fresh set of tables and two stores over separate connections.
    static func stores(_ body: (DynamoMetadataStore, DynamoMetadataStore) async throws -> Void) async throws {
        try await Moto.withTransport { transport async throws in
            try await Moto.withTransport { peerTransport async throws in
                let tables = DynamoMetadataTables(environment: Moto.unique("w"))
                let subject = DynamoMetadataStore(client: DynamoDBClient(transport: transport), tables: tables)
                try await subject.createTables()
                try await body(subject, DynamoMetadataStore(client: DynamoDBClient(transport: peerTransport), tables: tables))
            }
        }
    }

    static func execution(_ id: String, group: String, at: Date) -> ExecutionRecord {
        ExecutionRecord(id: id, pipeline: group, stage: .b, team: "t", dataset: "d", startedAt: at, inputKeys: ["k-\(id)"], slotGroup: group)
    }

    @Test func theGlobalCapHoldsUnderConcurrentStartsAcrossGroups() async throws {
        try await Self.stores { subject, peer in
            let now = Date()
            let staleBefore = now.addingTimeInterval(-60)
            let started = try await withThrowingTaskGroup(of: Bool.self) { group in
                for i in 0..<12 {
                    let store = i.isMultiple(of: 2) ? subject : peer
                    let record = Self.execution("e\(i)", group: "g\(i % 4)", at: now)
                    group.addTask { try await store.startExecution(record, slotLimit: 2, globalLimit: 3, staleBefore: staleBefore) }
                }
                var count = 0
                for try await ok in group where ok { count += 1 }
                return count
            }
            #expect(started == 3, "12 starts in 4 groups under a global cap of 3")
            let running = try await subject.executions(matching: ExecutionQuery(status: .running, stage: .b))
            #expect(running.count == 3, "refused starts write no row")

            // An execution that ends frees its global slot; a dead worker's stops counting.
            var ended = try #require(running.first)
            ended.status = .completed
            ended.endedAt = now
            try await subject.saveExecution(ended)
            #expect(try await peer.startExecution(Self.execution("after-end", group: "g9", at: now), slotLimit: 2, globalLimit: 3, staleBefore: staleBefore))
            #expect(!(try await peer.startExecution(Self.execution("over", group: "g8", at: now), slotLimit: 2, globalLimit: 3, staleBefore: staleBefore)))
            let later = now.addingTimeInterval(120)
            #expect(
                try await subject.startExecution(Self.execution("after-stale", group: "g3", at: later), slotLimit: 2, globalLimit: 3, staleBefore: later.addingTimeInterval(-60)),
                "leases whose heartbeat is older than staleBefore do not count")
            // Without a global cap only the group's limit applies.
            #expect(try await subject.startExecution(Self.execution("ungoverned", group: "g3", at: later), slotLimit: 2, globalLimit: nil, staleBefore: later.addingTimeInterval(-60)))
        }
    }

    @Test func executionsAreWrittenAndReadInBatches() async throws {
        try await Self.stores { subject, _ in
            let now = Date(timeIntervalSince1970: 1_795_000_000)
            var records = (0..<60).map {
                ExecutionRecord(id: "a\($0)", pipeline: "t-p", stage: .a, team: "t", dataset: "d", startedAt: now, inputKeys: ["k\($0)"])
            }
            records.append(Self.execution("b0", group: "t-p-stage-b", at: now))
            var repeated = records[0]
            repeated.attempt = 2
            records.append(repeated)
            try await subject.saveExecutions(records)
            let found = try await subject.executions(ids: records.map(\.id) + ["missing"])
            #expect(found.count == 61)
            #expect(found["a0"]?.attempt == 2, "the last record of a repeated id wins")
            #expect(found["missing"] == nil)
            #expect(try await subject.runningCount(slotGroup: "t-p-stage-b", staleBefore: now.addingTimeInterval(-60)) == 1, "a slot group's row takes its lease")
        }
    }

    @Test func priorityRowsOfTheReferenceWLMAreRead() async throws {
        try await Self.stores { subject, _ in
            try await subject.client.putItem(table: subject.tables.wlm, item: ["name": .s("sales-orders-regions"), "priority": .s("LOW")])
            try await subject.setPriorities([
                TablePriority(team: "sales", dataset: "orders", table: "items", level: "HIGH", source: .cli, updatedAt: Date(timeIntervalSince1970: 1_795_000_000))
            ])
            let rows = try await subject.priorities()
            #expect(rows.map(\.id) == ["sales-orders-items", "sales-orders-regions"])
            #expect(rows.map(\.level) == ["HIGH", "LOW"])
            #expect(rows.last?.table == "regions" && rows.last?.source == .import)
            #expect(subject.tables.wlm.hasPrefix("octagon-wlm-"))
        }
    }
}
