import Foundation
import LakeAWS
import LakeCore
import LakeSigV4
import Synchronization
import Testing

/// The cache of temporary credentials against a scripted fetch and a clock the test moves:
/// refresh ahead of expiry, single flight, failures.
@Suite struct CachedCredentialProviderTests {
    /// A wall clock the test sets.
    final class TestClock: Sendable {
        private let time = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        var now: Date { time.withLock { $0 } }
        func advance(_ seconds: Double) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    /// Hands out credentials numbered by fetch, each valid for `lifetime` from the clock's now.
    final class Source: Sendable {
        let clock: TestClock
        let lifetime: Double
        private let state = Mutex((count: 0, failing: false, delay: Duration.zero))
        init(clock: TestClock, lifetime: Double) {
            self.clock = clock
            self.lifetime = lifetime
        }
        var count: Int { state.withLock { $0.count } }
        func failing(_ value: Bool) { state.withLock { $0.failing = value } }
        func delay(_ value: Duration) { state.withLock { $0.delay = value } }

        func fetch() async throws -> AWSCredentials {
            let (n, failing, delay) = state.withLock { state -> (Int, Bool, Duration) in
                state.count += 1
                return (state.count, state.failing, state.delay)
            }
            if delay > .zero { try await Task.sleep(for: delay) }
            if failing { throw LakeError(.credentials, "scripted failure \(n)", hint: "set SOMETHING") }
            return AWSCredentials(
                accessKeyId: "ASIA\(n)", secretAccessKey: Secret("s\(n)"), sessionToken: Secret("t\(n)"), source: "test",
                expiration: clock.now.addingTimeInterval(lifetime))
        }
    }

    func make(lifetime: Double = 3600) -> (TestClock, Source, CachedCredentialProvider) {
        let clock = TestClock()
        let source = Source(clock: clock, lifetime: lifetime)
        let provider = CachedCredentialProvider(label: "test", now: { clock.now }, fetch: { try await source.fetch() })
        return (clock, source, provider)
    }

    /// Waits until `condition` holds (a background refresh finishing), at most 5 s.
    func eventually(_ condition: () async -> Bool) async throws {
        for _ in 0..<500 where !(await condition()) { try await Task.sleep(for: .milliseconds(10)) }
    }

    @Test func cachedUntilTheRefreshWindow() async throws {
        let (clock, source, provider) = make()
        #expect(try await provider.credentials().accessKeyId == "ASIA1")
        clock.advance(3600 - 301)
        #expect(try await provider.credentials().accessKeyId == "ASIA1")
        #expect(source.count == 1)
    }

    @Test func refreshesInTheBackgroundWithoutMakingCallersWait() async throws {
        let (clock, source, provider) = make()
        _ = try await provider.credentials()
        source.delay(.milliseconds(200))
        clock.advance(3600 - 299)
        let started = ContinuousClock.now
        #expect(try await provider.credentials().accessKeyId == "ASIA1", "the current credentials, at once")
        #expect(ContinuousClock.now - started < .milliseconds(150))
        try await eventually { (try? await provider.credentials().accessKeyId) == "ASIA2" }
        #expect(try await provider.credentials().accessKeyId == "ASIA2")
        #expect(source.count == 2)
    }

    @Test func inTheLastMinuteConcurrentCallersShareOneFetch() async throws {
        let (clock, source, provider) = make()
        _ = try await provider.credentials()
        source.delay(.milliseconds(100))
        clock.advance(3600 - 30)
        let keys = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<50 { group.addTask { try await provider.credentials().accessKeyId } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(keys == ["ASIA2"], "nobody signs with credentials about to expire")
        #expect(source.count == 2)
        #expect(await provider.fetchCount == 2)
    }

    @Test func aFailedBackgroundRefreshKeepsTheCurrentCredentials() async throws {
        let (clock, source, provider) = make()
        _ = try await provider.credentials()
        source.failing(true)
        clock.advance(3600 - 200)
        #expect(try await provider.credentials().accessKeyId == "ASIA1")
        try await eventually { source.count == 2 }
        clock.advance(150)  // 50 s left: callers must wait for a fetch, which fails; still valid
        #expect(try await provider.credentials().accessKeyId == "ASIA1")
        clock.advance(60)  // expired
        let error = try await #require(throws: LakeError.self) { try await provider.credentials() }
        #expect(error.hint == "set SOMETHING")
        source.failing(false)
        #expect(try await provider.credentials().accessKeyId.hasPrefix("ASIA"))
    }

    @Test func shortLivedCredentialsAreNotFetchedAtEveryCall() async throws {
        let (clock, source, provider) = make(lifetime: 30)
        for _ in 0..<20 { _ = try await provider.credentials() }
        try await eventually { await provider.fetchCount == source.count }
        #expect(source.count <= 2, "one fetch, at most one refresh within the retry interval")
        clock.advance(31)
        #expect(try await provider.credentials().accessKeyId != "ASIA1")
    }

    @Test func credentialsWithoutExpirationAreKept() async throws {
        let source = Mutex(0)
        let provider = CachedCredentialProvider(label: "process") {
            let n = source.withLock { $0 += 1; return $0 }
            return AWSCredentials(accessKeyId: "AKID\(n)", secretAccessKey: Secret("s"))
        }
        for _ in 0..<5 { #expect(try await provider.credentials().accessKeyId == "AKID1") }
        await provider.invalidate()
        #expect(try await provider.credentials().accessKeyId == "AKID2", "invalidate fetches anew")
    }
}
