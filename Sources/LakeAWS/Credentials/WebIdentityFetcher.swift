import Foundation
import LakeCore
import LakeSigV4

/// Web identity (EKS IRSA): reads the token file anew at every fetch (the kubelet rotates it)
/// and trades it for role credentials with STS `AssumeRoleWithWebIdentity`.
struct WebIdentityFetcher {
    let web: AWSCredentialSource.WebIdentity
    let sts: STSClient
    let label: String
    let now: @Sendable () -> Date

    private var settingNames: String {
        web.origin == "environment" ? "AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE" : "role_arn and web_identity_token_file in \(web.origin)"
    }

    func fetch() async throws -> AWSCredentials {
        let context = ["credentialSource": label]
        let text: String
        do {
            text = try String(contentsOfFile: web.tokenFile, encoding: .utf8)
        } catch {
            throw LakeError(
                .credentials, "web identity: cannot read the token file \(web.tokenFile)",
                hint: "check \(settingNames): the file must exist and be readable (on EKS, the service account's projected token)",
                context: context, underlying: SendableErrorBox(error))
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw LakeError(
                .credentials, "web identity: the token file \(web.tokenFile) is empty",
                hint: "check \(settingNames): the file must hold the identity provider's token", context: context)
        }
        do {
            return try await sts.assumeRoleWithWebIdentity(
                roleArn: web.roleArn, sessionName: web.sessionName ?? generatedSessionName(now()), token: Secret(token),
                source: label
            ).credentials
        } catch let error as LakeError {
            throw LakeError(
                .credentials, "web identity: STS AssumeRoleWithWebIdentity for \(web.roleArn) failed: \(error.message)",
                hint: "check \(settingNames): the role's trust policy must trust the token's issuer and audience, and the token must be current",
                context: error.context.merging(context) { a, _ in a }, underlying: error)
        }
    }
}
