import Foundation
import LakeCore
import LakeSigV4

extension AWSTransport {
    /// The flavours of AWS's JSON protocol.
    public enum JSONVersion: String, Sendable {
        /// `application/x-amz-json-1.0`: DynamoDB, SQS.
        case v1_0 = "1.0"
        /// `application/x-amz-json-1.1`: Glue, SSM.
        case v1_1 = "1.1"
    }

    /// Calls a JSON-protocol operation: POSTs `input` to `/` with `X-Amz-Target: <prefix>.<operation>`
    /// and decodes the answer as `Output`.
    public func json<Input: Encodable, Output: Decodable>(
        _ service: AWSService, version: JSONVersion, targetPrefix: String, operation: String, input: Input,
        as output: Output.Type, timeout: Duration = .seconds(60)
    ) async throws -> Output {
        let body: Data
        do {
            body = try AWSJSON.encoder.encode(input)
        } catch {
            throw LakeError(
                .format, "cannot encode the \(service) \(operation) request", context: ["operation": operation],
                underlying: SendableErrorBox(error))
        }
        let request = AWSRequest(
            service: service, operation: operation, method: "POST", path: "/",
            headers: [
                HeaderField("content-type", "application/x-amz-json-\(version.rawValue)"),
                HeaderField("x-amz-target", "\(targetPrefix).\(operation)"),
            ], body: body)
        let response = try await send(request, timeout: timeout)
        let data = response.body.isEmpty ? Data("{}".utf8) : response.body
        do {
            return try AWSJSON.decoder.decode(Output.self, from: data)
        } catch {
            throw LakeError(
                .format, "unexpected answer from AWS \(service) \(operation)", hint: "check the endpoint is the right service",
                context: ["service": service.rawValue, "operation": operation, "requestId": response.requestId ?? "-"],
                underlying: SendableErrorBox(error))
        }
    }
}

/// Shared JSON coders for the AWS JSON protocol: dates as epoch seconds.
enum AWSJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }()
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()
}

/// An empty JSON object, for operations without input or with an ignored output.
public struct AWSEmpty: Codable, Sendable, Hashable {
    /// Creates `{}`.
    public init() {}
}
