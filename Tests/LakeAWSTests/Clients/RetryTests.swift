import AsyncHTTPClient
import Foundation
import LakeAWS
import LakeCore
import LakeSigV4
import Testing

/// Throttling, 5xx and connection failures are retried with jittered exponential backoff,
/// each attempt freshly signed; other errors are not retried; errors carry the AWS code,
/// message and request id.
@Suite struct RetryTests {
    struct LogEntry: Decodable {
        var signed: Bool
        var date: String?
    }

    static func transport(maxAttempts: Int = 4) async throws -> AWSTransport {
        let endpoint = try await FaultServer.shared.start()
        let settings = try AWSSettings.resolve(environment: Moto.environment(endpoint: endpoint))
        return AWSTransport(settings: settings, retry: RetryPolicy(maxAttempts: maxAttempts, baseDelay: .milliseconds(5), maxDelay: .milliseconds(50)))
    }

    static func log(_ id: String) async throws -> [LogEntry] {
        let endpoint = try await FaultServer.shared.start()
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "\(endpoint)/__log/\(id)"), timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 1 << 20)
        return try JSONDecoder().decode([LogEntry].self, from: Data(body.readableBytesView))
    }

    static func run(_ transport: AWSTransport, _ steps: String, json: Bool = false) async throws -> (String, Result<AWSResponse, LakeError>) {
        let id = UUID().uuidString
        var headers: [HeaderField] = []
        if json { headers.append(HeaderField("x-amz-target", "AmazonSQS.ReceiveMessage")) }
        let request = AWSRequest(service: json ? .sqs : .s3, operation: "Scripted", method: "POST", path: "/\(id)/\(steps)", headers: headers)
        do {
            return (id, .success(try await transport.send(request)))
        } catch let error as LakeError {
            return (id, .failure(error))
        }
    }

    @Test(arguments: [
        ("503-SlowDown,503-SlowDown,200", false, 3), ("400-ThrottlingException,200", true, 2), ("429,200", false, 2),
        ("400-ProvisionedThroughputExceededException,400-RequestLimitExceeded,200", true, 3), ("500,502,504,200", false, 4),
        ("drop,200", false, 2),
    ])
    func retriesUntilSuccess(steps: String, json: Bool, attempts: Int) async throws {
        let transport = try await Self.transport()
        defer { Task { try? await transport.shutdown() } }
        let (id, result) = try await Self.run(transport, steps, json: json)
        #expect(throws: Never.self) { try result.get() }
        let log = try await Self.log(id)
        #expect(log.count == attempts)
        #expect(log.allSatisfy { $0.signed && $0.date != nil }, "every attempt is signed")
    }

    @Test func givesUpAfterMaxAttemptsWithDetails() async throws {
        let transport = try await Self.transport(maxAttempts: 3)
        defer { Task { try? await transport.shutdown() } }
        let (id, result) = try await Self.run(transport, "500-InternalError", json: false)
        guard case .failure(let error) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(try await Self.log(id).count == 3)
        #expect(error.code == .remote)
        #expect(error.awsCode == "InternalError")
        #expect(error.httpStatus == 500)
        #expect(error.context["attempts"] == "3")
        #expect(error.context["requestId"] == "req-\(id)-3")
        #expect(error.message.contains("scripted InternalError"))
        #expect(error.hint != nil)
    }

    @Test func clientErrorsAreNotRetried() async throws {
        let transport = try await Self.transport()
        defer { Task { try? await transport.shutdown() } }
        let (id, result) = try await Self.run(transport, "400-ValidationException,200", json: true)
        guard case .failure(let error) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(try await Self.log(id).count == 1)
        #expect(error.awsCode == "ValidationException")
        #expect(error.context["service"] == "sqs")
        #expect(error.context["operation"] == "Scripted")
        #expect(error.context["requestId"] == "req-\(id)-1")
    }

    @Test func unreachableEndpointFailsWithRemoteError() async throws {
        let settings = try AWSSettings.resolve(environment: Moto.environment(endpoint: "http://127.0.0.1:9"))
        let transport = AWSTransport(
            settings: settings, retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(1)), connectTimeout: .milliseconds(300))
        defer { Task { try? await transport.shutdown() } }
        let error = try await #require(throws: LakeError.self) {
            _ = try await transport.send(AWSRequest(service: .sqs, operation: "Ping", method: "POST"))
        }
        #expect(error.code == .remote)
        #expect(error.context["attempts"] == "2")
        #expect(!error.description.contains("testing-secret"))
    }

    @Test func backoffIsJitteredAndCapped() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(100), maxDelay: .seconds(1))
        var generator = SplitMix(seed: 42)
        for attempt in 1...8 {
            let cap = min(1.0, 0.1 * Double(1 << (attempt - 1)))
            let delays = (0..<200).map { _ in policy.delay(beforeRetry: attempt, using: &generator).seconds }
            #expect(delays.allSatisfy { $0 >= 0 && $0 <= cap + 1e-9 }, "attempt \(attempt) within [0, \(cap)]")
            #expect(Set(delays.map { ($0 * 1000).rounded() }).count > 20, "attempt \(attempt) is jittered")
            #expect(delays.reduce(0, +) / Double(delays.count) > cap * 0.3, "attempt \(attempt) uses its range")
        }
        #expect(RetryPolicy.isRetryable(status: 400, code: "ThrottlingException"))
        #expect(RetryPolicy.isRetryable(status: 503, code: "SlowDown"))
        #expect(RetryPolicy.isRetryable(status: 503, code: nil))
        #expect(!RetryPolicy.isRetryable(status: 501, code: nil))
        #expect(!RetryPolicy.isRetryable(status: 400, code: "ConditionalCheckFailedException"))
    }

    /// A seeded generator, so the jitter test is repeatable.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
