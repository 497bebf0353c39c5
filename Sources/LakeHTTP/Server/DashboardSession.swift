import Crypto
import Foundation
import LakeCore

/// A browser's session after it presented the token once: a random id in an HttpOnly,
/// SameSite=Strict cookie, and a per-session token that the dashboard's actions send back in
/// `X-CSRF-Token` (with a same-origin check), so another site cannot make the browser act.
struct DashboardSession: Sendable, Hashable {
    var id: String
    var csrf: String
    var createdAt: Date
}

/// The server's sessions, in memory (a restart asks browsers to present the token again).
final class DashboardSessions: Sendable {
    private let sessions = LockedValue<[String: DashboardSession]>([:])
    static let cookie = "lake_session"
    static let lifetime: TimeInterval = 12 * 3600

    /// A new session.
    func create(now: Date = Date()) -> DashboardSession {
        let session = DashboardSession(id: Self.randomToken(), csrf: Self.randomToken(), createdAt: now)
        sessions.update { all in
            all = all.filter { now.timeIntervalSince($0.value.createdAt) < Self.lifetime }
            if all.count > 10_000, let oldest = all.min(by: { $0.value.createdAt < $1.value.createdAt })?.key { all[oldest] = nil }
            all[session.id] = session
        }
        return session
    }

    /// The live session with this id.
    func find(_ id: String, now: Date = Date()) -> DashboardSession? {
        sessions.update { all -> DashboardSession? in
            guard let session = all[id] else { return nil }
            guard now.timeIntervalSince(session.createdAt) < Self.lifetime else {
                all[id] = nil
                return nil
            }
            return session
        }
    }

    /// 32 random bytes, hex.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Whether two secrets are equal, in time that does not depend on where they differ.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        // Compare digests, so the length of the secret does not show either.
        let x = Array(SHA256.hash(data: Data(a.utf8)))
        let y = Array(SHA256.hash(data: Data(b.utf8)))
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
