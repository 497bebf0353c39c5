/// When and how long to wait before retrying a call: exponential backoff with full jitter.
///
/// Attempt `n` (1 for the first retry) waits a random duration in
/// `0 ... min(maxDelay, baseDelay * 2^(n-1))`. Retried: HTTP 429 and 5xx, the throttling codes
/// (``throttlingCodes``), the transient codes (``transientCodes``) and connection failures.
public struct RetryPolicy: Sendable, Hashable {
    /// Total attempts, the first included.
    public var maxAttempts: Int
    /// The cap of the first retry's delay.
    public var baseDelay: Duration
    /// No delay is longer than this.
    public var maxDelay: Duration

    /// Creates a policy.
    public init(maxAttempts: Int = 6, baseDelay: Duration = .milliseconds(100), maxDelay: Duration = .seconds(20)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// No retries.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// Error codes meaning "slow down".
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException", "LimitExceededException", "RequestLimitExceededException",
    ]

    /// Error codes of transient server trouble.
    public static let transientCodes: Set<String> = [
        "InternalError", "InternalFailure", "InternalServerError", "ServiceUnavailable", "RequestTimeout",
        "RequestTimeoutException", "IDPCommunicationError",
    ]

    /// Whether a failed call with this status and AWS error code may be retried.
    public static func isRetryable(status: Int, code: String?) -> Bool {
        if status == 429 || (500...599).contains(status) && status != 501 { return true }
        guard let code else { return false }
        return throttlingCodes.contains(code) || transientCodes.contains(code)
    }

    /// The delay before retry `attempt` (1-based), drawn from `generator`.
    public func delay<G: RandomNumberGenerator>(beforeRetry attempt: Int, using generator: inout G) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let capSeconds = min(maxDelay.seconds, baseDelay.seconds * Double(1 << exponent))
        guard capSeconds > 0 else { return .zero }
        return .seconds(Double.random(in: 0...capSeconds, using: &generator))
    }
}
