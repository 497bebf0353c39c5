import Foundation
import LakeCore
import LakeSigV4
import NIOHTTP1

/// EC2 instance metadata (IMDSv2): `PUT /latest/api/token` with
/// `X-aws-ec2-metadata-token-ttl-seconds`, then with `X-aws-ec2-metadata-token` `GET
/// /latest/meta-data/iam/security-credentials/` (the role's name) and `.../<role>` (the
/// credentials). A token request refused with 403, 404 or 405 falls back to IMDSv1 (no token)
/// unless `AWS_EC2_METADATA_V1_DISABLED` is true, as the SDKs do.
struct InstanceMetadataFetcher {
    let imds: AWSCredentialSource.InstanceMetadata
    let http: MetadataHTTP
    let label: String

    static let tokenTTLSeconds = 21_600
    static let credentialsPath = "/latest/meta-data/iam/security-credentials/"

    func fetch() async throws -> AWSCredentials {
        var headers: [(String, String)] = []
        if let token = try await token() { headers.append(("X-aws-ec2-metadata-token", token)) }
        let listing = try await get(Self.credentialsPath, headers: headers)
        guard let role = String(decoding: listing, as: UTF8.self).split(whereSeparator: \.isNewline).first
            .map({ $0.trimmingCharacters(in: .whitespaces) }), !role.isEmpty
        else {
            throw failure("lists no IAM role", hint: "attach an instance profile (an IAM role) to the instance")
        }
        let document = try await get(Self.credentialsPath + role, headers: headers)
        return try CredentialDocument.parse(document, source: "\(label) (role \(role))", hint: hintText)
    }

    /// A session token, or nil for the IMDSv1 fallback.
    private func token() async throws -> String? {
        let answer = try await send(.PUT, "/latest/api/token", headers: [("X-aws-ec2-metadata-token-ttl-seconds", String(Self.tokenTTLSeconds))])
        if answer.status == 200 {
            let token = String(decoding: answer.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else { throw failure("gave an empty IMDSv2 token", hint: hintText) }
            return token
        }
        if [403, 404, 405].contains(answer.status) && imds.allowsV1Fallback { return nil }
        throw failure(
            "refused the IMDSv2 token request (HTTP \(answer.status))",
            hint: imds.allowsV1Fallback ? hintText : "IMDSv1 is disabled (AWS_EC2_METADATA_V1_DISABLED); enable IMDSv2 on the instance")
    }

    private func get(_ path: String, headers: [(String, String)]) async throws -> Data {
        let answer = try await send(.GET, path, headers: headers)
        switch answer.status {
        case 200: return answer.body
        case 404: throw failure("has no IAM credentials (HTTP 404 for \(path))", hint: "attach an instance profile (an IAM role) to the instance")
        default: throw failure("answered HTTP \(answer.status) for \(path)", hint: hintText)
        }
    }

    private func send(_ method: HTTPMethod, _ path: String, headers: [(String, String)]) async throws -> MetadataHTTP.Answer {
        var lastError: (any Error)?
        for attempt in 1...max(1, imds.attempts) {
            do {
                let answer = try await http.send(method, imds.endpoint + path, headers: headers, timeout: imds.timeout)
                if answer.status < 500 || attempt == imds.attempts { return answer }
            } catch {
                lastError = error
            }
            if attempt < imds.attempts { try await Task.sleep(for: .milliseconds(100 * attempt)) }
        }
        let seconds = imds.timeout.seconds
        let limit = seconds < 1 ? "\(Int(seconds * 1000)) ms" : "\(Int(seconds)) s"
        throw failure(
            "could not be reached (\(lastError.map { "\($0)" } ?? "no answer"); \(imds.attempts) tr\(imds.attempts == 1 ? "y" : "ies") of \(limit))",
            hint: hintText)
    }

    private var hintText: String {
        imds.isLastResort
            ? AWSCredentialChain.whatToSet
            : "check that this runs on EC2 with an instance profile, AWS_EC2_METADATA_SERVICE_ENDPOINT, and (in containers) the instance's metadata hop limit"
    }

    private func failure(_ what: String, hint: String) -> LakeError {
        let context = ["credentialSource": label]
        if imds.isLastResort {
            return LakeError(
                .credentials,
                "no AWS credentials found: \(AWSCredentialChain.nothingSet(profile: imds.profile)), and the EC2 instance metadata service at \(imds.endpoint) \(what)",
                hint: hint == AWSCredentialChain.whatToSet ? hint : "\(hint); elsewhere, \(AWSCredentialChain.whatToSet)", context: context)
        }
        return LakeError(.credentials, "EC2 instance metadata (IMDSv2) at \(imds.endpoint) \(what)", hint: hint, context: context)
    }
}
