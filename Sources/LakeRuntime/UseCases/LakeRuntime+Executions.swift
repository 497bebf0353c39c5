import Foundation
import LakeCore

extension LakeRuntime {
    /// Executions matching `filter`, newest first.
    public func executions(_ filter: ExecutionFilter = ExecutionFilter()) async throws -> [ExecutionView] {
        try await executionPage(filter).items
    }

    /// One page of executions matching `filter`, newest first, with the cursor of the next.
    /// A cursor that is not one is a usage error.
    public func executionPage(_ filter: ExecutionFilter) async throws -> ExecutionPage {
        guard filter.limit >= 1 else { throw LakeError(.usage, "limit must be at least 1, not \(filter.limit)") }
        var after: ExecutionPosition?
        if let cursor = filter.cursor {
            guard let position = ExecutionPosition(token: cursor) else {
                throw LakeError(.usage, "'\(cursor)' is not a cursor", hint: "pass the nextCursor of the previous page, or none for the first")
            }
            after = position
        }
        let query = ExecutionQuery(
            dataset: filter.dataset, status: filter.status, stage: filter.stage, startedAfter: filter.since, after: after, limit: filter.limit + 1)
        let records = try await env.metadata.executions(matching: query)
        let page = Array(records.prefix(filter.limit))
        let next = records.count > filter.limit ? page.last.map { ExecutionPosition($0).token } : nil
        return ExecutionPage(items: page.map(ExecutionView.init), nextCursor: next)
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
