import Foundation

/// Octagon's Events table: notable things that happened (schema versions, failures, redrives).
///
/// Guarantees (checked by `EventStoreContract`): upserts keyed by event id; reads newest first.
public protocol EventStore: Sendable {
    func recordEvent(_ event: EventRecord) async throws
    /// The newest `limit` events, of one kind when `kind` is given.
    func events(kind: String?, limit: Int) async throws -> [EventRecord]
}
