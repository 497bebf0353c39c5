import Foundation

/// The workflow manager's tenants (the reference's CustomerConfig table).
///
/// Guarantees (checked by `TenantStoreContract`): upserts keyed by tenant id; deletes idempotent.
public protocol TenantStore: Sendable {
    func putTenant(_ tenant: TenantRecord) async throws
    func tenant(id: String) async throws -> TenantRecord?
    /// Every tenant, by id.
    func tenants() async throws -> [TenantRecord]
    func deleteTenant(id: String) async throws
}
