import Foundation
import LakeCore
import LakeEmbedded
@testable import LakeEngine
import Testing

@Suite struct WLMTests {
    /// Waits of the keys of each execution, from the execution's details.
    func waits(_ e: ExecutionRecord) -> [Double] {
        (e.details["waitSeconds"] ?? "").split(separator: ",").compactMap { Double($0) }
    }

    @Test func highWorkStartsWithinOneTickOverALowBacklog() async throws {
        let h = try await WLMHarness(config: .wlm(lowMaxWait: .seconds(3600)))
        try await h.enqueue(dataset: "d1", table: "cold", count: 1000)
        for tick in 0..<30 {
            if tick % 3 == 1 { try await h.enqueue(dataset: "d1", table: "hot", count: 10) }
            try await h.step()
        }
        try await h.finish()
        let executions = try await h.executions()
        let high = executions.filter { $0.details["level"] == "HIGH" }
        #expect(high.count == 10)
        for e in high {
            #expect(waits(e).allSatisfy { $0 <= h.tick.seconds + 0.001 }, "HIGH waited \(waits(e))")
        }
        #expect(executions.filter { $0.details["level"] == "LOW" }.count >= 40, "LOW still uses the free slots")
        #expect(try await h.peakConcurrency() <= 2)
    }

    @Test func agingBoundsLowWaitsUnderSustainedHighLoad() async throws {
        let h = try await WLMHarness(config: .wlm(lowMaxWait: .seconds(5)))
        try await h.enqueue(dataset: "d1", table: "cold", count: 30)
        for _ in 0..<40 {
            // HIGH alone would fill both slots every tick.
            try await h.enqueue(dataset: "d1", table: "hot", count: 20)
            try await h.step()
        }
        try await h.finish()
        let low = try await h.executions().filter { $0.details["level"] == "LOW" }
        #expect(low.reduce(0) { $0 + $1.inputKeys.count } == 30, "every LOW item ran")
        let worst = low.flatMap(waits).max() ?? 0
        #expect(worst <= 5 + h.tick.seconds + 0.001, "a LOW item waited \(worst)s, max_wait is 5s")
        #expect(try await h.peakConcurrency() <= 2)
    }

    @Test func agingWorksWhenTheBackendCannotTellTheOldestMessage() async throws {
        let h = try await WLMHarness(config: .wlm(lowMaxWait: .seconds(5)), hideOldest: true)
        try await h.enqueue(dataset: "d1", table: "cold", count: 30)
        for _ in 0..<40 {
            try await h.enqueue(dataset: "d1", table: "hot", count: 20)
            try await h.step()
        }
        try await h.finish()
        let low = try await h.executions().filter { $0.details["level"] == "LOW" }
        #expect(low.reduce(0) { $0 + $1.inputKeys.count } == 30, "every LOW item ran")
        let worst = low.flatMap(waits).max() ?? 0
        #expect(worst <= 5 + 2 * h.tick.seconds + 0.001, "a LOW item waited \(worst)s, max_wait is 5s")
    }

    @Test func datasetsAtOneLevelShareSlotsEvenly() async throws {
        let h = try await WLMHarness(config: .wlm(maxConcurrent: 2))
        try await h.enqueue(dataset: "d1", table: "cold", count: 400)
        try await h.enqueue(dataset: "d2", table: "cold", count: 400)
        for _ in 0..<15 { try await h.step() }
        try await h.finish()
        let executions = try await h.executions()
        let d1 = executions.filter { $0.dataset == "d1" }.count
        let d2 = executions.filter { $0.dataset == "d2" }.count
        #expect(d1 + d2 == 30)
        #expect(abs(d1 - d2) <= 1, "d1 \(d1) vs d2 \(d2)")
    }

    @Test func capHoldsWithTwoRoutersSharingOneStore() async throws {
        let h = try await WLMHarness(config: .wlm(maxConcurrent: 3), routers: 2)
        try await h.enqueue(dataset: "d1", table: "cold", count: 300)
        try await h.enqueue(dataset: "d2", table: "hot", count: 300)
        for _ in 0..<25 { try await h.step() }
        try await h.finish()
        let executions = try await h.executions()
        #expect(executions.count >= 60)
        #expect(try await h.peakConcurrency() <= 3)
        let keys = executions.flatMap(\.inputKeys)
        #expect(Set(keys).count == keys.count, "no key in two executions")
    }

    @Test func perMessageBatchingRunsOneExecutionPerKey() async throws {
        let h = try await WLMHarness(config: .wlm(maxConcurrent: 2, batching: .perMessage))
        try await h.enqueue(dataset: "d1", table: "cold", count: 6)
        for _ in 0..<4 { try await h.step() }
        try await h.finish()
        let executions = try await h.executions()
        #expect(executions.count == 6)
        #expect(executions.allSatisfy { $0.inputKeys.count == 1 })
    }

    @Test func referenceJSONImportsExactly() throws {
        let json = #"{"legislators": [{"table_name": "persons", "priority": "HIGH"}, {"table_name": "regions", "priority": "LOW"}], "sales": [{"table_name": "orders", "priority": "HIGH"}]}"#
        let rows = try WLMPriorityImport.parse(Data(json.utf8), team: "demoteam", levels: ["HIGH", "LOW"], at: Date(timeIntervalSince1970: 0))
        #expect(rows.map(\.id).sorted() == ["demoteam-legislators-persons", "demoteam-legislators-regions", "demoteam-sales-orders"])
        #expect(Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0.level) }) == [
            "demoteam-legislators-persons": "HIGH", "demoteam-legislators-regions": "LOW", "demoteam-sales-orders": "HIGH",
        ])
        #expect(rows.allSatisfy { $0.source == .import })
        #expect(throws: LakeError.self) {
            try WLMPriorityImport.parse(Data(#"{"x": [{"table_name": "a", "priority": "URGENT"}]}"#.utf8), team: "t", levels: ["HIGH", "LOW"], at: Date())
        }
    }

    @Test func missingPriorityRowUsesTheDefaultAndChangesApplyNextTick() async throws {
        let h = try await WLMHarness(config: .wlm())
        #expect(try await h.book.level(team: "t", dataset: "d1", table: "never-configured") == "LOW")
        #expect(try await h.book.level(team: "t", dataset: "d1", table: "hot") == "HIGH")
        try await h.lake.metadata.setPriorities([TablePriority(team: "t", dataset: "d1", table: "cold", level: "HIGH", source: .cli, updatedAt: h.clock.now())])
        #expect(try await h.book.level(team: "t", dataset: "d1", table: "cold") == "HIGH")
        // A config reload keeps the operator's row, and refreshes config rows.
        try await LakeSetup.apply(h.env, topology: h.topology)
        #expect(try await h.book.level(team: "t", dataset: "d1", table: "cold") == "HIGH")
    }
}
