import Foundation
import LakeCore
import LakeSigV4

/// What a profile of the shared files says about credentials, as the SDKs read it: a
/// `role_arn` (with `web_identity_token_file`, `source_profile` or `credential_source`) is
/// assumed; otherwise static keys, then `credential_process`. SSO and MFA profiles need a
/// person at a terminal and are refused with a hint.
struct AWSProfileCredentials {
    let files: AWSSharedFiles
    let environment: AWSEnvironment
    /// Builds the container and instance-metadata sources (for `credential_source`).
    let chain: AWSCredentialChain

    /// The source `profile` names; nil when the profile has no credential settings (or does not exist).
    func source(_ profile: String) throws(LakeError) -> AWSCredentialSource? {
        try source(profile, visited: [])
    }

    private func source(_ name: String, visited: [String]) throws(LakeError) -> AWSCredentialSource? {
        guard let profile = files.profile(name) else { return nil }
        guard let roleArn = profile["role_arn"] else { return try plainSource(name, profile) }
        let context = ["profile": name]
        if profile["mfa_serial"] != nil {
            throw LakeError(
                .invalidConfig, "profile '\(name)' assumes \(roleArn) with an MFA code (mfa_serial), which needs a person at a terminal",
                hint: "export temporary keys first: eval \"$(aws configure export-credentials --profile \(name) --format env)\"",
                context: context)
        }
        if let tokenFile = profile["web_identity_token_file"] {
            return .webIdentity(.init(
                roleArn: roleArn, tokenFile: environment.expandingTilde(tokenFile).path, sessionName: profile["role_session_name"],
                origin: "profile '\(name)'"))
        }
        let role = AWSCredentialSource.AssumeRole(
            roleArn: roleArn, sessionName: profile["role_session_name"], externalId: profile["external_id"],
            durationSeconds: try durationSeconds(profile, name), profile: name)
        switch (profile["source_profile"], profile["credential_source"]) {
        case (.some, .some):
            throw LakeError(
                .invalidConfig, "profile '\(name)' sets both source_profile and credential_source",
                hint: "keep one: source_profile names a profile with keys, credential_source is Environment, Ec2InstanceMetadata or EcsContainer",
                context: context)
        case (let sourceProfile?, nil):
            return .assumeRole(role, source: try sourceProfileCredentials(sourceProfile, of: name, visited: visited + [name]))
        case (nil, let credentialSource?):
            return .assumeRole(role, source: try namedSource(credentialSource, of: name))
        case (nil, nil):
            throw LakeError(
                .invalidConfig, "profile '\(name)' has role_arn but no source_profile or credential_source to assume it with",
                hint: "add source_profile = <a profile with keys>, or credential_source = Environment | Ec2InstanceMetadata | EcsContainer",
                context: context)
        }
    }

    /// The credentials of `sourceProfile` that sign the AssumeRole of `profile`: its own keys
    /// (or process) when it has them or no role, else the role it assumes in turn.
    private func sourceProfileCredentials(
        _ sourceProfile: String, of profile: String, visited: [String]
    ) throws(LakeError) -> AWSCredentialSource {
        guard let settings = files.profile(sourceProfile) else {
            throw LakeError(
                .invalidConfig, "profile '\(profile)' names source_profile '\(sourceProfile)', which is in neither \(files.configPath) nor \(files.credentialsPath)",
                hint: "add the profile [\(sourceProfile)] with aws_access_key_id and aws_secret_access_key, or fix source_profile",
                context: ["profile": profile])
        }
        let hasKeys = settings["aws_access_key_id"] != nil || settings["aws_secret_access_key"] != nil
        if hasKeys || settings["role_arn"] == nil || sourceProfile == profile {
            guard let plain = try plainSource(sourceProfile, settings) else {
                throw LakeError(
                    .invalidConfig, "source_profile '\(sourceProfile)' of profile '\(profile)' has no credentials",
                    hint: "give [\(sourceProfile)] aws_access_key_id and aws_secret_access_key (or a credential_process)",
                    context: ["profile": profile])
            }
            return plain
        }
        if visited.contains(sourceProfile) {
            throw LakeError(
                .invalidConfig, "profiles \((visited + [sourceProfile]).map { "'\($0)'" }.joined(separator: " -> ")) assume roles in a loop",
                hint: "end the source_profile chain at a profile with keys", context: ["profile": profile])
        }
        guard let source = try source(sourceProfile, visited: visited) else {
            throw LakeError(.invalidConfig, "source_profile '\(sourceProfile)' of profile '\(profile)' has no credentials", context: ["profile": profile])
        }
        return source
    }

    /// `credential_source = Environment | Ec2InstanceMetadata | EcsContainer`.
    private func namedSource(_ value: String, of profile: String) throws(LakeError) -> AWSCredentialSource {
        let context = ["profile": profile]
        switch value.lowercased() {
        case "environment":
            guard let keys = try chain.environmentKeys() else {
                throw LakeError(
                    .invalidConfig, "profile '\(profile)' takes its source credentials from the environment (credential_source = Environment), and AWS_ACCESS_KEY_ID is not set",
                    hint: "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN)", context: context)
            }
            return .keys(keys)
        case "ec2instancemetadata":
            guard let imds = try chain.instanceMetadata(profile: profile, lastResort: false) else {
                throw LakeError(
                    .invalidConfig, "profile '\(profile)' takes its source credentials from EC2 instance metadata, and AWS_EC2_METADATA_DISABLED is true",
                    hint: "unset AWS_EC2_METADATA_DISABLED, or use another credential_source", context: context)
            }
            return imds
        case "ecscontainer":
            guard let container = try chain.container() else {
                throw LakeError(
                    .invalidConfig, "profile '\(profile)' takes its source credentials from the container (credential_source = EcsContainer), and neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set",
                    hint: "run it in an ECS task or EKS pod with a role, or set AWS_CONTAINER_CREDENTIALS_FULL_URI", context: context)
            }
            return container
        default:
            throw LakeError(
                .invalidConfig, "profile '\(profile)' has credential_source = \(value), which is not a credential source",
                hint: "use Environment, Ec2InstanceMetadata or EcsContainer", context: context)
        }
    }

    /// Static keys, else `credential_process`; SSO is refused; nil when the profile has none.
    private func plainSource(_ name: String, _ profile: [String: String]) throws(LakeError) -> AWSCredentialSource? {
        let key = profile["aws_access_key_id"]
        let secret = profile["aws_secret_access_key"]
        if key != nil || secret != nil {
            guard let key, let secret else {
                throw LakeError(
                    .invalidConfig, "profile '\(name)' in \(files.location(of: name)) has only one of aws_access_key_id and aws_secret_access_key",
                    hint: "give both keys in that profile", context: ["profile": name])
            }
            let token = (profile["aws_session_token"] ?? profile["aws_security_token"]).map(Secret.init)
            let file = files.credentials.section(name)?["aws_access_key_id"] != nil
                ? "shared credentials file \(files.credentialsPath)" : "config file \(files.configPath)"
            return .keys(AWSCredentials(
                accessKeyId: key, secretAccessKey: Secret(secret), sessionToken: token, source: "\(file), profile '\(name)'"))
        }
        if let command = profile["credential_process"] {
            return .process(.init(command: command, profile: name))
        }
        if profile["sso_session"] != nil || profile["sso_start_url"] != nil {
            throw LakeError(
                .invalidConfig, "profile '\(name)' signs in through IAM Identity Center (SSO), which SwiftLake does not run",
                hint: "run `aws sso login --profile \(name)`, then export the keys: eval \"$(aws configure export-credentials --profile \(name) --format env)\"",
                context: ["profile": name])
        }
        return nil
    }

    private func durationSeconds(_ profile: [String: String], _ name: String) throws(LakeError) -> Int? {
        guard let text = profile["duration_seconds"] else { return nil }
        guard let seconds = Int(text), seconds >= 900, seconds <= 43_200 else {
            throw LakeError(
                .invalidConfig, "profile '\(name)' has duration_seconds = \(text), which is not a number of seconds from 900 to 43200",
                hint: "write e.g. duration_seconds = 3600", context: ["profile": name])
        }
        return seconds
    }
}
