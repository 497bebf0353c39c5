import Foundation

/// Octagon's ObjectMetadata table: one row per object in any zone, keyed by its URI.
///
/// Guarantees (checked by `ObjectMetadataContract`): every write is an upsert keyed by `id`,
/// so writing the same row twice leaves one row; deletes are idempotent.
public protocol ObjectMetadataStore: Sendable {
    /// Upserts whole rows.
    func upsertObjects(_ records: [ObjectRecord]) async throws
    /// Removes a row; a missing row is not an error.
    func deleteObject(id: String) async throws
    /// The row with this id, or nil.
    func object(id: String) async throws -> ObjectRecord?
    /// Rows matching `query`.
    func objects(matching query: ObjectQuery) async throws -> [ObjectRecord]
    /// Object counts per zone.
    func objectCounts() async throws -> [Zone: Int]
}
