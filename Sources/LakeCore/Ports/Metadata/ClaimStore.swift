import Foundation

/// Stage-B key claims (SDLF's Manifests): which execution owns each stage-zone key, so a key
/// delivered twice is processed by one batch.
///
/// Guarantees (checked by `ClaimStoreContract`): a claim is atomic per key across processes —
/// a key has at most one owner.
public protocol ClaimStore: Sendable {
    /// Claims each unclaimed key for `executionId`. Returns the owner of every key that was
    /// already claimed by another execution (those keys are left as they were).
    func claim(keys: [String], by executionId: String, at: Date) async throws -> [String: String]
    /// Owners of the given keys (missing keys are unclaimed).
    func claimOwners(keys: [String]) async throws -> [String: String]
    /// Drops every claim held by `executionId` (after a failure, so the keys can be redriven).
    func releaseClaims(of executionId: String) async throws
}
