import Foundation
import LakeCore
import LakeSigV4

/// The SDKs' default credential chain, in their order, decided from the environment and the
/// shared files alone (no network call):
///
/// 1. `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`);
/// 2. web identity: `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` (+ `AWS_ROLE_SESSION_NAME`);
/// 3. the profile in the shared files: keys, an assumed role, `credential_process`;
/// 4. container credentials: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (at 169.254.170.2) or
///    `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with `AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE)`;
/// 5. EC2 instance metadata (IMDSv2), unless `AWS_EC2_METADATA_DISABLED=true`.
///
/// A source that is half configured is an error naming what is missing, never skipped.
struct AWSCredentialChain {
    let environment: AWSEnvironment
    let files: AWSSharedFiles

    /// The first configured source for `profile` (`explicitProfile`: named by the caller or
    /// `AWS_PROFILE`, so its absence is an error rather than a step down the chain).
    func resolve(profile: String, explicitProfile: Bool) throws(LakeError) -> AWSCredentialSource {
        if let keys = try environmentKeys() { return .keys(keys) }
        if let web = try webIdentity() { return web }
        if let source = try AWSProfileCredentials(files: files, environment: environment, chain: self).source(profile) {
            return source
        }
        if explicitProfile && files.profile(profile) == nil {
            throw LakeError(
                .invalidConfig, "no AWS credentials found for profile '\(profile)': it is in neither \(files.credentialsPath) nor \(files.configPath)",
                hint: "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add the profile to \(files.credentialsPath)",
                context: ["profile": profile])
        }
        if let container = try container() { return container }
        if let imds = try instanceMetadata(profile: profile, lastResort: true) { return imds }
        throw LakeError(
            .invalidConfig, "no AWS credentials found: \(Self.nothingSet(profile: profile)), and AWS_EC2_METADATA_DISABLED is true",
            hint: Self.whatToSet, context: ["profile": profile])
    }

    /// What the chain looked for, for "no credentials" errors.
    static func nothingSet(profile: String) -> String {
        "no AWS_ACCESS_KEY_ID, no web identity (AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN), no keys, role or credential_process in profile '\(profile)', no container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI)"
    }

    /// What to set when nothing was found.
    static let whatToSet = "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE to a profile in ~/.aws/config, or AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN; on EC2, attach an instance profile"

    /// `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`); nil when neither is set.
    func environmentKeys() throws(LakeError) -> AWSCredentials? {
        let key = environment["AWS_ACCESS_KEY_ID"]
        let secret = environment["AWS_SECRET_ACCESS_KEY"]
        if key == nil && secret == nil { return nil }
        guard let key, let secret else {
            throw LakeError(
                .invalidConfig, "only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY is set",
                hint: "set both, or unset both to use the shared credentials files")
        }
        return AWSCredentials(
            accessKeyId: key, secretAccessKey: Secret(secret), sessionToken: environment["AWS_SESSION_TOKEN"].map(Secret.init),
            source: "environment")
    }

    /// `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`; nil when neither is set.
    func webIdentity() throws(LakeError) -> AWSCredentialSource? {
        let tokenFile = environment["AWS_WEB_IDENTITY_TOKEN_FILE"]
        let roleArn = environment["AWS_ROLE_ARN"]
        if tokenFile == nil && roleArn == nil { return nil }
        guard let tokenFile, let roleArn else {
            let (set, unset) = tokenFile == nil
                ? ("AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE") : ("AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN")
            throw LakeError(
                .invalidConfig, "web identity credentials: \(set) is set and \(unset) is not",
                hint: "set \(unset) too (EKS sets both for a service account with an IAM role), or unset \(set)")
        }
        return .webIdentity(.init(
            roleArn: roleArn, tokenFile: environment.expandingTilde(tokenFile).path,
            sessionName: environment["AWS_ROLE_SESSION_NAME"], origin: "environment"))
    }

    /// The container endpoint; nil when neither URI variable is set.
    func container() throws(LakeError) -> AWSCredentialSource? {
        let url: String
        let variable: String
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] {
            url = "http://169.254.170.2" + (relative.hasPrefix("/") ? relative : "/" + relative)
            variable = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"
        } else if let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] {
            try Self.checkContainerURL(full)
            url = full
            variable = "AWS_CONTAINER_CREDENTIALS_FULL_URI"
        } else {
            return nil
        }
        return .container(.init(
            url: url, variable: variable,
            authorizationTokenFile: environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"].map { environment.expandingTilde($0).path },
            authorizationToken: environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"].map(Secret.init)))
    }

    /// A full URI must be https, or http to a loopback address, the ECS agent (169.254.170.2)
    /// or EKS Pod Identity (169.254.170.23, fd00:ec2::23): what the SDKs allow.
    static func checkContainerURL(_ text: String) throws(LakeError) {
        let allowedHosts: Set<String> = ["localhost", "169.254.170.2", "169.254.170.23", "fd00:ec2::23", "[fd00:ec2::23]", "::1", "[::1]"]
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let host = components.host?.lowercased(), !host.isEmpty
        else {
            throw LakeError(
                .invalidConfig, "AWS_CONTAINER_CREDENTIALS_FULL_URI (\(text)) is not a URL with a host",
                hint: "write it like http://169.254.170.23/v1/credentials")
        }
        if scheme == "https" { return }
        if scheme == "http" && (allowedHosts.contains(host) || host.hasPrefix("127.")) { return }
        throw LakeError(
            .invalidConfig, "AWS_CONTAINER_CREDENTIALS_FULL_URI (\(text)) is plain http to \(host), which could send the token anywhere",
            hint: "use https, or http to a loopback address, 169.254.170.2 (ECS) or 169.254.170.23 (EKS Pod Identity)")
    }

    /// The instance metadata source for `profile`; nil when `AWS_EC2_METADATA_DISABLED=true`.
    func instanceMetadata(profile: String, lastResort: Bool) throws(LakeError) -> AWSCredentialSource? {
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" { return nil }
        let section = files.configSection(profile)
        var endpoint: String
        if let explicit = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] ?? section?["ec2_metadata_service_endpoint"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let url = URLComponents(string: explicit), let scheme = url.scheme, ["http", "https"].contains(scheme.lowercased()),
                  url.host?.isEmpty == false
            else {
                throw LakeError(
                    .invalidConfig, "the instance metadata endpoint '\(explicit)' (AWS_EC2_METADATA_SERVICE_ENDPOINT or ec2_metadata_service_endpoint) is not an http(s) URL",
                    hint: "write it like http://169.254.169.254")
            }
            endpoint = explicit
        } else {
            let mode = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"] ?? section?["ec2_metadata_service_endpoint_mode"] ?? "IPv4"
            switch mode.lowercased() {
            case "ipv4": endpoint = "http://169.254.169.254"
            case "ipv6": endpoint = "http://[fd00:ec2::254]"
            default:
                throw LakeError(
                    .invalidConfig, "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE (or ec2_metadata_service_endpoint_mode) is '\(mode)'",
                    hint: "use IPv4 or IPv6")
            }
        }
        while endpoint.hasSuffix("/") { endpoint.removeLast() }
        let v1Disabled = (environment["AWS_EC2_METADATA_V1_DISABLED"] ?? section?["ec2_metadata_v1_disabled"])?.lowercased() == "true"
        let timeout = environment["AWS_METADATA_SERVICE_TIMEOUT"] ?? section?["metadata_service_timeout"]
        let attempts = environment["AWS_METADATA_SERVICE_NUM_ATTEMPTS"] ?? section?["metadata_service_num_attempts"]
        return .instanceMetadata(.init(
            endpoint: endpoint, allowsV1Fallback: !v1Disabled,
            timeout: .seconds(timeout.flatMap(Double.init).map { max(0.1, $0) } ?? 1),
            attempts: attempts.flatMap(Int.init).map { max(1, $0) } ?? 1, isLastResort: lastResort, profile: profile))
    }
}
