import Foundation
import LakeCore

extension LakeRuntime {
    /// Executions matching `filter`, newest first.
    public func executions(_ filter: ExecutionFilter = ExecutionFilter()) async throws -> [ExecutionView] {
        let query = ExecutionQuery(dataset: filter.dataset, status: filter.status, stage: filter.stage, startedAfter: filter.since, limit: filter.limit)
        return try await env.metadata.executions(matching: query).map(ExecutionView.init)
    }

    /// One execution by id, or by a unique prefix of its id of at least 6 characters (as the
    /// text listing shows them); `.notFound` when there is none.
    public func execution(id: String) async throws -> ExecutionView {
        if let record = try await env.metadata.execution(id: id) { return ExecutionView(record) }
        if id.count >= 6 {
            let matches = try await env.metadata.executions(matching: ExecutionQuery()).filter { $0.id.hasPrefix(id) }
            if matches.count == 1, let only = matches.first { return ExecutionView(only) }
            if matches.count > 1 {
                throw LakeError(.usage, "'\(id)' is the start of \(matches.count) execution ids", hint: "give more of the id", context: ["execution": id])
            }
        }
        throw LakeError(.notFound, "no execution '\(id)'", hint: "`lake executions` lists them", context: ["execution": id])
    }
}
