import Foundation
import LakeCore

/// What an AWS error response says: the error code, message and request id, parsed from a JSON
/// body (`__type`, `message`), an XML body (`<Error><Code>`) or the headers.
public struct AWSErrorDetails: Sendable, Hashable {
    /// The AWS error code, e.g. `NoSuchKey`, `ConditionalCheckFailedException`.
    public var code: String?
    /// The service's message.
    public var message: String?
    /// The request id, for AWS support.
    public var requestId: String?
    /// DynamoDB's per-item reasons of a cancelled transaction (`ConditionalCheckFailed`, `None`...).
    public var cancellationReasons: [String]

    /// Parses an error response.
    public init(response: AWSResponse) {
        var code: String?
        var message: String?
        var requestId = response.requestId
        var reasons: [String] = []
        let body = response.body
        if let first = body.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) {
            if first == UInt8(ascii: "{"),
               let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any]
            {
                code = (object["__type"] as? String) ?? (object["code"] as? String) ?? (object["Code"] as? String)
                message = (object["message"] as? String) ?? (object["Message"] as? String)
                if let list = object["CancellationReasons"] as? [[String: Any]] {
                    reasons = list.map { ($0["Code"] as? String) ?? "None" }
                }
            } else if first == UInt8(ascii: "<"), let root = try? XMLNodeParser.parse(body) {
                let error = root.name == "Error" ? root : (root.child("Error") ?? root.child("Errors")?.child("Error"))
                code = error?.value("Code")
                message = error?.value("Message")
                requestId = requestId ?? root.value("RequestId") ?? error?.value("RequestId")
            }
        }
        if code == nil, let header = response.header("x-amzn-errortype") { code = header }
        self.code = code.map(AWSErrorDetails.shortCode)
        self.message = message
        self.requestId = requestId
        cancellationReasons = reasons
        if self.code == nil {
            self.code = AWSErrorDetails.codeForStatus(response.status)
        }
    }

    /// The code without namespace or URI: `com.amazonaws.dynamodb.v20120810#ResourceNotFoundException`
    /// and `ResourceNotFoundException:http://...` become `ResourceNotFoundException`.
    static func shortCode(_ raw: String) -> String {
        var code = Substring(raw)
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        return String(code)
    }

    /// A code for bodiless answers (HEAD): `NotFound`, `Forbidden`...
    static func codeForStatus(_ status: Int) -> String? {
        switch status {
        case 301: return "PermanentRedirect"
        case 304: return "NotModified"
        case 400: return "BadRequest"
        case 403: return "Forbidden"
        case 404: return "NotFound"
        case 409: return "Conflict"
        case 412: return "PreconditionFailed"
        case 429: return "TooManyRequests"
        case 500...599: return "ServiceUnavailable"
        default: return nil
        }
    }

    /// The error as a ``LakeError`` with code `.remote` and context `service`, `operation`,
    /// `awsCode`, `requestId`, `httpStatus`.
    func lakeError(service: AWSService, operation: String, status: Int, attempts: Int) -> LakeError {
        var context = ["service": service.rawValue, "operation": operation, "httpStatus": String(status)]
        if let code { context["awsCode"] = code }
        if let requestId { context["requestId"] = requestId }
        if attempts > 1 { context["attempts"] = String(attempts) }
        if !cancellationReasons.isEmpty { context["cancellationReasons"] = cancellationReasons.joined(separator: ",") }
        let what = [code, message].compactMap { $0 }.joined(separator: ": ")
        return LakeError(
            .remote, "AWS \(service) \(operation) failed with HTTP \(status)\(what.isEmpty ? "" : " (\(what))")",
            hint: AWSErrorDetails.hint(code: code, status: status), context: context)
    }

    private static func hint(code: String?, status: Int) -> String? {
        switch code {
        case "InvalidAccessKeyId", "UnrecognizedClientException", "InvalidClientTokenId", "SignatureDoesNotMatch",
            "ExpiredToken", "ExpiredTokenException", "AuthFailure":
            return "check the AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID...) and the machine's clock"
        case "AccessDenied", "AccessDeniedException", "Forbidden":
            return "the credentials lack permission for this call; check the IAM policy"
        default:
            if RetryPolicy.isRetryable(status: status, code: code) {
                return "AWS is throttling or unavailable; retry later or lower the concurrency"
            }
            return nil
        }
    }
}

extension LakeError {
    /// The AWS error code of a failed AWS call (`NoSuchKey`, `ConditionalCheckFailedException`).
    public var awsCode: String? { context["awsCode"] }
    /// The HTTP status of a failed AWS call.
    public var httpStatus: Int? { context["httpStatus"].flatMap(Int.init) }
}
