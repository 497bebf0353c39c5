import Foundation

/// Named leases held by one worker at a time until they expire: the per-tenant slot that makes a
/// tenant's consumer run in one worker at once, so its concurrency cap holds across workers.
///
/// Guarantees (checked by `LeaseStoreContract`): acquiring is atomic across processes — at any
/// time at most one holder has a live lease on a name; a holder may renew its own lease.
public protocol LeaseStore: Sendable {
    /// Takes (or renews) the lease `name` for `holder` until `until`, if it is free, expired
    /// (before `now`) or already `holder`'s. True when `holder` has it now.
    func acquireLease(_ name: String, holder: String, until: Date, now: Date) async throws -> Bool
    /// Gives the lease up, if `holder` has it.
    func releaseLease(_ name: String, holder: String) async throws
}
