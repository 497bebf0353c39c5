import Foundation
import LakeSigV4

/// One call to an AWS service, before signing.
public struct AWSRequest: Sendable {
    /// The service called.
    public var service: AWSService
    /// The API operation, for errors and logs (`PutObject`, `SendMessageBatch`).
    public var operation: String
    /// `GET`, `PUT`, `POST`, `HEAD`, `DELETE`.
    public var method: String
    /// The host override for this call (virtual-hosted S3 buckets); nil for the service endpoint.
    public var host: String?
    /// The path as sent, already percent-encoded.
    public var path: String
    /// Query parameters, decoded.
    public var query: [QueryItem]
    /// Headers, all signed.
    public var headers: [HeaderField]
    /// The body.
    public var body: Data
    /// The payload hash to sign; nil means the SHA-256 of ``body``.
    public var payloadHash: String?
    /// Whether the service wants the payload hash in `x-amz-content-sha256` (S3 does).
    public var sendsContentSHA256: Bool
    /// False for the few calls AWS takes without a signature (STS `AssumeRoleWithWebIdentity`):
    /// no credentials are asked for.
    public var isSigned: Bool

    /// Creates a request.
    public init(
        service: AWSService, operation: String, method: String, host: String? = nil, path: String = "/",
        query: [QueryItem] = [], headers: [HeaderField] = [], body: Data = Data(), payloadHash: String? = nil,
        sendsContentSHA256: Bool? = nil, isSigned: Bool = true
    ) {
        self.service = service
        self.operation = operation
        self.method = method
        self.host = host
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.payloadHash = payloadHash
        self.sendsContentSHA256 = sendsContentSHA256 ?? (service == .s3)
        self.isSigned = isSigned
    }
}

/// A response from an AWS service: status, headers (lower-cased names) and body.
public struct AWSResponse: Sendable {
    /// HTTP status code.
    public var status: Int
    /// Header values by lower-cased name; repeated headers joined with `,`.
    public var headers: [String: String]
    /// The body (empty for streamed downloads and HEAD).
    public var body: Data

    /// Creates a response.
    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The header `name` (any case).
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The request id AWS assigned (`x-amzn-requestid`, `x-amz-request-id`), when present.
    public var requestId: String? {
        header("x-amzn-requestid") ?? header("x-amz-request-id") ?? header("x-amz-id-2")
    }
}
