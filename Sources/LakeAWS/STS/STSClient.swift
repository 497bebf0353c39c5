import Foundation
import LakeCore
import LakeSigV4

/// The AWS Security Token Service calls SwiftLake makes, over the Query protocol
/// (form-encoded POST, XML answer): `AssumeRole` and `AssumeRoleWithWebIdentity` for the
/// credential chain, `GetCallerIdentity` for `lake aws whoami`.
public struct STSClient: Sendable {
    /// The transport that signs (or, for web identity, does not sign) and sends.
    public let transport: AWSTransport

    /// Creates a client.
    public init(transport: AWSTransport) { self.transport = transport }

    /// Temporary credentials STS handed out, with the identity they act as.
    public struct IssuedCredentials: Sendable {
        /// The credentials (``AWSCredentials/expiration`` set).
        public var credentials: AWSCredentials
        /// `arn:aws:sts::123456789012:assumed-role/role/session`.
        public var assumedRoleArn: String?
    }

    /// Who the signing credentials are.
    public struct CallerIdentity: Sendable, Hashable, Codable {
        /// The 12-digit account.
        public var account: String
        /// The user's or assumed role's ARN.
        public var arn: String
        /// The unique id (`AIDA...`, `AROA...:session`).
        public var userId: String
    }

    /// `sts:AssumeRole`, signed with the transport's credentials.
    public func assumeRole(
        roleArn: String, sessionName: String, externalId: String? = nil, durationSeconds: Int? = nil, source: String
    ) async throws -> IssuedCredentials {
        var form = [("RoleArn", roleArn), ("RoleSessionName", sessionName)]
        if let externalId { form.append(("ExternalId", externalId)) }
        if let durationSeconds { form.append(("DurationSeconds", String(durationSeconds))) }
        let result = try await call("AssumeRole", form, signed: true)
        return try Self.issued(result, operation: "AssumeRole", source: source)
    }

    /// `sts:AssumeRoleWithWebIdentity`: unsigned, the token is the proof.
    public func assumeRoleWithWebIdentity(
        roleArn: String, sessionName: String, token: Secret, durationSeconds: Int? = nil, source: String
    ) async throws -> IssuedCredentials {
        var form = [("RoleArn", roleArn), ("RoleSessionName", sessionName), ("WebIdentityToken", token.reveal())]
        if let durationSeconds { form.append(("DurationSeconds", String(durationSeconds))) }
        let result = try await call("AssumeRoleWithWebIdentity", form, signed: false)
        return try Self.issued(result, operation: "AssumeRoleWithWebIdentity", source: source)
    }

    /// `sts:GetCallerIdentity`: who the transport's credentials are (no permission needed).
    public func callerIdentity() async throws -> CallerIdentity {
        let result = try await call("GetCallerIdentity", [], signed: true)
        guard let account = result.value("Account"), let arn = result.value("Arn"), let userId = result.value("UserId") else {
            throw LakeError(.remote, "STS GetCallerIdentity answered without Account, Arn and UserId", hint: "check the STS endpoint")
        }
        return CallerIdentity(account: account, arn: arn, userId: userId)
    }

    /// Sends `Action=<action>&Version=2011-06-15&...` and returns the `<ActionResult>` element.
    private func call(_ action: String, _ parameters: [(String, String)], signed: Bool) async throws -> XMLNode {
        let form = [("Action", action), ("Version", "2011-06-15")] + parameters
        let body = form.map { "\(SNSClient.encode($0.0))=\(SNSClient.encode($0.1))" }.joined(separator: "&")
        let response = try await transport.send(AWSRequest(
            service: .sts, operation: action, method: "POST",
            headers: [HeaderField("content-type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: Data(body.utf8), isSigned: signed))
        let root = try XMLNodeParser.parse(response.body)
        guard let result = root.child("\(action)Result") else {
            throw LakeError(
                .remote, "STS \(action) answered without \(action)Result", hint: "check the STS endpoint",
                context: ["requestId": response.requestId ?? "-"])
        }
        return result
    }

    private static func issued(_ result: XMLNode, operation: String, source: String) throws -> IssuedCredentials {
        guard let credentials = result.child("Credentials"), let key = credentials.value("AccessKeyId"),
              let secret = credentials.value("SecretAccessKey"), let token = credentials.value("SessionToken"),
              let expirationText = credentials.value("Expiration"), let expiration = AWSDateFormat.parseISO8601(expirationText)
        else {
            throw LakeError(.remote, "STS \(operation) answered without complete credentials", hint: "check the STS endpoint")
        }
        return IssuedCredentials(
            credentials: AWSCredentials(
                accessKeyId: key, secretAccessKey: Secret(secret), sessionToken: Secret(token), source: source,
                expiration: expiration),
            assumedRoleArn: result.child("AssumedRoleUser")?.value("Arn"))
    }
}
