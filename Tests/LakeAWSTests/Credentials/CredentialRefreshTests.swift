import Foundation
import LakeAWS
import LakeCore
import LakeSigV4
import LakeTestSupport
import Synchronization
import Testing

/// Expiry and refresh in real time: a local IMDS hands out credentials that live 8 seconds;
/// with the refresh window scaled down (5 s ahead, 2 s for everyone), calls made every 100 ms
/// for 9 seconds all succeed, the credentials are replaced before they expire, and no caller is
/// ever given credentials that are about to expire.
@Suite struct CredentialRefreshTests {
    @Test func shortLivedCredentialsAreRefreshedBeforeTheyExpire() async throws {
        let fixture = try await CredentialFixture()
        defer { fixture.remove() }
        let imds = try CredentialEndpointServer(settings: ["expires_in": 8])
        defer { imds.stop() }
        let policy = CachedCredentialProvider.RefreshPolicy(
            refreshBefore: .seconds(5), mustRefreshBefore: .seconds(2), retryAfter: .milliseconds(500))
        let (keys, calls, tightest) = try await fixture.withTransport(
            ["AWS_EC2_METADATA_SERVICE_ENDPOINT": imds.url], refresh: policy
        ) { transport -> ([String], Int, Double) in
            let sqs = SQSClient(transport: transport)
            let queue = Moto.unique("refresh")
            _ = try await sqs.createQueue(name: queue)
            var keys: [String] = []
            var calls = 0
            var tightest = Double.infinity
            let deadline = ContinuousClock.now + .seconds(9)
            while ContinuousClock.now < deadline {
                let credentials = try await transport.credentialProvider.credentials()
                tightest = min(tightest, try #require(credentials.expiration).timeIntervalSinceNow)
                if keys.last != credentials.accessKeyId { keys.append(credentials.accessKeyId) }
                #expect(try await sqs.queueURL(name: queue) != nil)
                calls += 1
                try await Task.sleep(for: .milliseconds(100))
            }
            return (keys, calls, tightest)
        }
        #expect(calls > 40)
        #expect(keys.count >= 2, "the 8-second credentials were replaced: \(keys)")
        #expect(tightest > 1.0, "no caller got credentials with less than a second left (tightest \(tightest) s)")
        let fetches = try imds.requests().filter { $0.method == "PUT" }.count
        #expect(fetches == keys.count, "one token and one fetch per credential handed out")
        #expect(fetches <= 4, "refreshes stay near one per lifetime, not one per call: \(fetches)")
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
