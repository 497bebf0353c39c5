import Foundation
import LakeAWS
import LakeCore
import LakeSigV4
import LakeTestSupport
import Synchronization
import Testing

/// Expiry and refresh in real time: a local IMDS hands out credentials that live 16 seconds;
/// with the refresh window scaled down (8 s ahead, 4 s for everyone), for 18 seconds the
/// provider is asked every 50 ms while signed SQS calls run against moto every 100 ms. Every
/// call succeeds, the credentials are replaced before they expire, and no caller is ever given
/// credentials about to expire. (The calls' count depends on moto's load, so it is not checked.)
@Suite struct CredentialRefreshTests {
    @Test func shortLivedCredentialsAreRefreshedBeforeTheyExpire() async throws {
        let fixture = try await CredentialFixture()
        defer { fixture.remove() }
        let imds = try CredentialEndpointServer(settings: ["expires_in": 16])
        defer { imds.stop() }
        let policy = CachedCredentialProvider.RefreshPolicy(
            refreshBefore: .seconds(8), mustRefreshBefore: .seconds(4), retryAfter: .milliseconds(500))
        let (keys, calls, tightest) = try await fixture.withTransport(
            ["AWS_EC2_METADATA_SERVICE_ENDPOINT": imds.url], refresh: policy
        ) { transport -> ([String], Int, Double) in
            let sqs = SQSClient(transport: transport)
            let queue = Moto.unique("refresh")
            _ = try await sqs.createQueue(name: queue)
            let deadline = ContinuousClock.now + .seconds(18)
            let calls = Task { () async throws -> Int in
                var count = 0
                while ContinuousClock.now < deadline {
                    let url = try await sqs.queueURL(name: queue)
                    #expect(url != nil)
                    count += 1
                    // Paced, so the shared moto server keeps answering the other suites.
                    try await Task.sleep(for: .milliseconds(100))
                }
                return count
            }
            var keys: [String] = []
            var tightest = Double.infinity
            while ContinuousClock.now < deadline {
                let asked = Date()
                let credentials = try await transport.credentialProvider.credentials()
                let left = try #require(credentials.expiration).timeIntervalSinceNow
                tightest = min(tightest, left)
                if keys.last?.hasPrefix(credentials.accessKeyId + " ") != true {
                    // When each key was first handed out, how long it had left, and how long the call took.
                    keys.append("\(credentials.accessKeyId) at \(ISO8601DateFormatter().string(from: asked)) left \(Int(left)) s, call \(Int(Date().timeIntervalSince(asked) * 1000)) ms")
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            return (keys, try await calls.value, tightest)
        }
        #expect(calls > 0)
        #expect(keys.count >= 2, "the 16-second credentials were replaced: \(keys)")
        #expect(tightest > 1.0, "no caller got credentials with less than a second left (tightest \(tightest) s)")
        let fetches = try imds.requests().filter { $0.method == "PUT" }.count
        #expect(fetches >= keys.count && fetches <= 5, "about one refresh per lifetime, not one per call: \(fetches) fetches, keys \(keys)")
    }

    @Test func anExpiredTokenAnswerIsRetriedOnceWithFreshCredentials() async throws {
        let endpoint = try await FaultServer.shared.start()
        let fetches = Mutex(0)
        let provider = CachedCredentialProvider(label: "test") {
            let n = fetches.withLock { $0 += 1; return $0 }
            return AWSCredentials(
                accessKeyId: "ASIA\(n)", secretAccessKey: Secret("s"), sessionToken: Secret("t"), source: "test",
                expiration: Date().addingTimeInterval(3600))
        }
        let settings = try AWSSettings.resolve(environment: Moto.environment(endpoint: endpoint))
        let transport = AWSTransport(settings: settings, credentialProvider: provider, retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(5)))
        defer { Task { try? await transport.shutdown() } }
        let request = AWSRequest(service: .s3, operation: "Scripted", method: "POST", path: "/\(UUID().uuidString)/400-ExpiredToken,200")
        _ = try await transport.send(request)
        #expect(fetches.withLock { $0 } == 2)
    }
}
