import Foundation
import LakeCore
import LakeEngine

/// What to redrive: the routing (and catalog) dead letters, or one dataset's failed stage.
public enum RedriveTarget: Sendable, Hashable {
    case routing
    case stage(DatasetRef, PipelineStage)
}

extension LakeRuntime {
    /// Puts failed work back on its queue once the cause is fixed: up to `max` dead-letter
    /// messages (all when nil). Stage-B keys go back to their table's priority queue.
    public func redrive(_ target: RedriveTarget, max: Int? = nil) async throws -> Redriver.Report {
        try requireWritable("redrive")
        if let max, max < 1 { throw LakeError(.usage, "max must be at least 1, not \(max)") }
        let redriver = Redriver(env: env, topology: topology, priorities: engine.priorities)
        switch target {
        case .routing: return try await redriver.redriveRouting(max: max)
        case .stage(let ref, .a): return try await redriver.redriveStageA(ref, max: max)
        case .stage(let ref, .b): return try await redriver.redriveStageB(ref, max: max)
        }
    }
}
