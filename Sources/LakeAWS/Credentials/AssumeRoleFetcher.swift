import Foundation
import LakeCore
import LakeSigV4

/// An assume-role profile: STS `AssumeRole`, signed with the source profile's (or the
/// `credential_source`'s) credentials.
struct AssumeRoleFetcher {
    let role: AWSCredentialSource.AssumeRole
    let sts: STSClient
    let label: String
    let now: @Sendable () -> Date

    func fetch() async throws -> AWSCredentials {
        do {
            return try await sts.assumeRole(
                roleArn: role.roleArn, sessionName: role.sessionName ?? generatedSessionName(now()), externalId: role.externalId,
                durationSeconds: role.durationSeconds, source: label
            ).credentials
        } catch let error as LakeError {
            let hint = error.code == .credentials || error.code == .invalidConfig
                ? error.hint
                : "check role_arn, external_id and duration_seconds of profile '\(role.profile)', and that its source credentials may sts:AssumeRole it"
            throw LakeError(
                .credentials, "assume role \(role.roleArn) (profile '\(role.profile)') failed: \(error.message)", hint: hint,
                context: error.context.merging(["credentialSource": label, "profile": role.profile]) { a, _ in a }, underlying: error)
        }
    }
}
