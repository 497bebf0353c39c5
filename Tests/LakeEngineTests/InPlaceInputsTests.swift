import Foundation
import LakeCore
import LakeEngine
import Testing

/// A heavy transform that runs elsewhere (Glue) reads the batch's objects where they are:
/// stage B gives it their URIs and downloads nothing.
@Suite struct InPlaceInputsTests {
    /// Records the inputs it was given and succeeds with no outputs.
    struct InPlaceTransform: HeavyTransform {
        let seen: LockedValue<[BatchInput]>
        var readsInputsInPlace: Bool { true }
        func start(_ input: HeavyTransformInput, clock: any LakeClock) async throws -> any TransformJob {
            seen.update { $0 += input.inputs }
            return TerminalStateTransform.FixedJob(id: input.batchId, state: .succeeded(HeavyTransformResult(outputs: [])))
        }
    }

    @Test func inputsAreTheStageObjectsNotLocalCopies() async throws {
        var config = LakeConfig.sample()
        config.datasets[0].stageB.transform = "in-place"
        let t = try await TestLake(config: config)
        defer { t.remove() }
        let seen = LockedValue<[BatchInput]>([])
        t.registry.register(heavy: "in-place") { _ in InPlaceTransform(seen: seen) }
        try await t.land(["a.jsonl": jsonLines(2), "b.jsonl": jsonLines(3)], team: "sales", dataset: "orders", table: "orders")
        try await t.runUntilIdle()
        let b = try await t.executions(ExecutionQuery(stage: .b))
        #expect(!b.isEmpty && b.allSatisfy { $0.status == .completed }, "\(b.map(\.status))")
        let inputs = seen.value
        #expect(inputs.count == 2)
        for input in inputs {
            let stage = t.env.objects.uri(for: ObjectLocation(.stage, try ObjectKey(input.key)))
            #expect(input.file.absoluteString == stage, "the object where it is, not a copy in the worker's scratch directory")
            #expect(input.table == "orders")
            #expect(!input.file.path.hasPrefix(t.env.workDirectory.path))
        }
    }
}
