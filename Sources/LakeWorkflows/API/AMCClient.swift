import Foundation
import LakeCore

/// A tenant's AMC API (`../shared/AMC-API.md`): the port the workflow manager calls. The HTTP
/// adapter (LakeAMC) signs with SigV4, sends a bearer token or nothing, and retries throttling
/// and server errors; a test or a simulator can stand in for it.
///
/// Errors: `.alreadyExists` for a workflow created twice, `.notFound` for an unknown id,
/// `.usage` for a request the API refused (400, its message), `.remote` when retries ran out.
public protocol AMCClient: Sendable {
    func createWorkflow(_ body: [String: ConfigValue]) async throws
    func updateWorkflow(id: String, _ body: [String: ConfigValue]) async throws
    func deleteWorkflow(id: String) async throws
    /// Submits an execution request; the answer is the new execution (usually PENDING).
    func startExecution(_ request: [String: ConfigValue]) async throws -> AMCExecution
    /// One execution, or nil when the API no longer has it.
    func execution(id: String) async throws -> AMCExecution?
    /// Every execution created at or after `minCreationTime` (`yyyy-MM-ddTHH:mm:ss`, UTC), all pages.
    func executions(createdSince minCreationTime: String) async throws -> [AMCExecution]
    func cancelExecution(id: String) async throws
    /// The API's own schedules.
    func schedules() async throws -> [ConfigValue]
}

extension AMCClient {
    /// Creates the workflow, or updates it when the API says it already exists (as the
    /// reference does, matching the answer's message rather than its status).
    public func putWorkflow(_ body: [String: ConfigValue]) async throws {
        do {
            try await createWorkflow(body)
        } catch let error as LakeError where error.code == .alreadyExists {
            guard let id = body["workflowId"]?.stringValue else { throw error }
            try await updateWorkflow(id: id, body)
        }
    }
}

/// Makes the client of a tenant's API (the runtime gives the HTTP adapter's).
public protocol AMCClientFactory: Sendable {
    func client(for tenant: TenantRecord) throws -> any AMCClient
}
