import Foundation
import LakeCore
import LakeSigV4
import Logging

/// Temporary credentials fetched once and handed out until shortly before they expire.
///
/// - No credentials yet, or less than ``RefreshPolicy/mustRefreshBefore`` (1 minute) of their
///   life left: callers wait for a fetch.
/// - Less than ``RefreshPolicy/refreshBefore`` (5 minutes) left: one fetch starts in the
///   background and callers keep getting the current credentials, so no request waits or fails
///   at the boundary.
/// - Single flight: concurrent callers share one fetch. A failed background refresh keeps the
///   current credentials (and is retried after ``RefreshPolicy/retryAfter``); a failed fetch
///   with nothing valid left throws the source's error.
/// - Credentials without an expiration are kept for good.
public actor CachedCredentialProvider: AWSCredentialProvider {
    /// When to refresh.
    public struct RefreshPolicy: Sendable, Hashable {
        /// Refresh in the background when less than this is left (the SDKs use 5 minutes).
        public var refreshBefore: Duration
        /// Make callers wait for fresh credentials when less than this is left.
        public var mustRefreshBefore: Duration
        /// The shortest time between two fetches of credentials that are still valid (a source
        /// handing out short-lived credentials would otherwise be asked at every call).
        public var retryAfter: Duration

        /// The SDKs' timing by default: 5 minutes ahead in the background, 1 minute ahead for all.
        public init(refreshBefore: Duration = .seconds(300), mustRefreshBefore: Duration = .seconds(60), retryAfter: Duration = .seconds(10)) {
            self.refreshBefore = refreshBefore
            self.mustRefreshBefore = min(mustRefreshBefore, refreshBefore)
            self.retryAfter = retryAfter
        }
    }

    /// What the credentials come from (for logs and `lake aws whoami`).
    public nonisolated let label: String
    private let fetch: @Sendable () async throws -> AWSCredentials
    private let policy: RefreshPolicy
    private let now: @Sendable () -> Date
    private let logger: Logger
    private var current: AWSCredentials?
    /// When the last fetch ended (successfully or not).
    private var lastFetchEnded: Date?
    private var inFlight: Task<AWSCredentials, any Error>?
    /// How many fetches ran (tests and diagnostics).
    public private(set) var fetchCount = 0

    /// A cache over `fetch`, which returns credentials with their expiration (or none).
    public init(
        label: String, policy: RefreshPolicy = RefreshPolicy(), now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "swiftlake.aws.credentials"),
        fetch: @escaping @Sendable () async throws -> AWSCredentials
    ) {
        self.label = label
        self.policy = policy
        self.now = now
        self.logger = logger
        self.fetch = fetch
    }

    /// Valid credentials: cached, refreshed in the background, or fetched now.
    public func credentials() async throws -> AWSCredentials {
        let time = now()
        if let current {
            guard let expiration = current.expiration else { return current }
            let recentlyTried = lastFetchEnded.map { time < $0.addingTimeInterval(policy.retryAfter.seconds) } ?? false
            let usable = time < expiration.addingTimeInterval(-policy.mustRefreshBefore.seconds)
            if usable || (recentlyTried && time < expiration) {
                if time >= expiration.addingTimeInterval(-policy.refreshBefore.seconds), !recentlyTried, inFlight == nil {
                    _ = startFetch()
                }
                return current
            }
        }
        let task = inFlight ?? startFetch()
        do {
            return try await task.value
        } catch {
            if let current, let expiration = current.expiration, now() < expiration {
                logger.warning("could not refresh AWS credentials; using the current ones until they expire", metadata: [
                    "source": "\(label)", "error": "\(error)",
                ])
                return current
            }
            throw error
        }
    }

    /// Drops the cached credentials: the next call fetches (after AWS said `ExpiredToken`).
    public func invalidate() async {
        current = nil
        lastFetchEnded = nil
    }

    private func startFetch() -> Task<AWSCredentials, any Error> {
        fetchCount += 1
        let fetch = self.fetch
        let task = Task<AWSCredentials, any Error> {
            do {
                let fresh = try await fetch()
                self.finish(.success(fresh))
                return fresh
            } catch {
                self.finish(.failure(error))
                throw error
            }
        }
        inFlight = task
        return task
    }

    private func finish(_ result: Result<AWSCredentials, any Error>) {
        inFlight = nil
        lastFetchEnded = now()
        switch result {
        case .success(let fresh):
            current = fresh
            logger.debug("fetched AWS credentials", metadata: [
                "source": "\(label)", "expires": "\(fresh.expiration.map { "\($0)" } ?? "never")",
            ])
        case .failure(let error):
            // Whoever waits gets the error; a background refresh that failed is logged where the
            // current credentials are kept (``credentials()``) or not at all while they still work.
            logger.debug("could not fetch AWS credentials", metadata: ["source": "\(label)", "error": "\(error)"])
        }
    }
}
