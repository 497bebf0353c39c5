import Foundation
import LakeSigV4

/// Where a lake's AWS credentials come from: the first source of the SDKs' chain that is
/// configured, found in the environment and the shared files without any network call
/// (``AWSSettings/resolve(environment:profile:configRegion:configEndpoint:)``). The transport
/// turns it into an ``AWSCredentialProvider`` (``makeProvider(context:)``) that fetches and
/// caches what the source hands out.
///
/// Printing it names the source (`web identity (role arn:..., token file ...)`,
/// `IMDSv2 at http://169.254.169.254`) and never a secret.
public indirect enum AWSCredentialSource: Sendable, Hashable, CustomStringConvertible {
    /// Keys used as they are: `AWS_ACCESS_KEY_ID`..., or a profile's `aws_access_key_id`.
    case keys(AWSCredentials)
    /// STS `AssumeRoleWithWebIdentity` with a token file (EKS IRSA, or a profile's
    /// `web_identity_token_file`).
    case webIdentity(WebIdentity)
    /// STS `AssumeRole` signed with the credentials of another source (a profile's `role_arn`).
    case assumeRole(AssumeRole, source: AWSCredentialSource)
    /// A profile's `credential_process`.
    case process(CredentialProcess)
    /// The ECS (or EKS Pod Identity) container credentials endpoint.
    case container(ContainerEndpoint)
    /// The EC2 instance metadata service (IMDSv2).
    case instanceMetadata(InstanceMetadata)

    /// A role assumed with a web identity token.
    public struct WebIdentity: Sendable, Hashable {
        /// The role, `arn:aws:iam::123456789012:role/x` (`AWS_ROLE_ARN`, `role_arn`).
        public var roleArn: String
        /// The token file, read again at every refresh (`AWS_WEB_IDENTITY_TOKEN_FILE`).
        public var tokenFile: String
        /// The session name (`AWS_ROLE_SESSION_NAME`, `role_session_name`); generated when nil.
        public var sessionName: String?
        /// `environment`, or `profile 'x'`: where the settings were found.
        public var origin: String
    }

    /// A role assumed with `sts:AssumeRole`.
    public struct AssumeRole: Sendable, Hashable {
        /// The role to assume (`role_arn`).
        public var roleArn: String
        /// `role_session_name`; generated when nil.
        public var sessionName: String?
        /// `external_id`, when the role's trust policy asks for one.
        public var externalId: String?
        /// `duration_seconds` (900 to the role's maximum); STS's default (3600) when nil.
        public var durationSeconds: Int?
        /// The profile that names the role.
        public var profile: String
    }

    /// An external program that prints credentials (`credential_process`).
    public struct CredentialProcess: Sendable, Hashable {
        /// The command line, split like a shell would (no shell runs it).
        public var command: String
        /// The profile that names it.
        public var profile: String
    }

    /// The container credentials endpoint and its authorization.
    public struct ContainerEndpoint: Sendable, Hashable {
        /// The full URL: `http://169.254.170.2` + `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`, or
        /// `AWS_CONTAINER_CREDENTIALS_FULL_URI`.
        public var url: String
        /// The variable the URL came from.
        public var variable: String
        /// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`, read at every refresh (wins over the token).
        public var authorizationTokenFile: String?
        /// `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
        public var authorizationToken: Secret?
    }

    /// The instance metadata service and how to ask it.
    public struct InstanceMetadata: Sendable, Hashable {
        /// `http://169.254.169.254`, `http://[fd00:ec2::254]`, or `AWS_EC2_METADATA_SERVICE_ENDPOINT`.
        public var endpoint: String
        /// Whether IMDSv1 may be used when the token request is refused (403, 404, 405);
        /// false with `AWS_EC2_METADATA_V1_DISABLED=true`.
        public var allowsV1Fallback: Bool
        /// Each request's timeout (`AWS_METADATA_SERVICE_TIMEOUT`, default 1 s).
        public var timeout: Duration
        /// Tries per request (`AWS_METADATA_SERVICE_NUM_ATTEMPTS`, default 1).
        public var attempts: Int
        /// True when nothing else was configured: an unreachable service then means "no
        /// credentials anywhere", and the error lists every source and what to set.
        public var isLastResort: Bool
        /// The profile that was looked at (for that error).
        public var profile: String
    }

    /// The source, never a secret: `environment`, `web identity (role ..., token file ...)`,
    /// `assume role ... via profile 'x' (source: ...)`, `ECS container credentials at ...`,
    /// `IMDSv2 at ...`.
    public var description: String {
        switch self {
        case .keys(let credentials):
            return credentials.source
        case .webIdentity(let web):
            return "web identity (role \(web.roleArn), token file \(web.tokenFile)\(web.origin == "environment" ? "" : ", from \(web.origin)"))"
        case .assumeRole(let role, let source):
            return "assume role \(role.roleArn) via profile '\(role.profile)' (source: \(source))"
        case .process(let process):
            return "credential_process of profile '\(process.profile)'"
        case .container(let container):
            return "ECS container credentials at \(container.url)"
        case .instanceMetadata(let imds):
            return "IMDSv2 at \(imds.endpoint)"
        }
    }

    /// The keys, when the source is static keys (nothing to fetch).
    public var staticCredentials: AWSCredentials? {
        if case .keys(let credentials) = self { return credentials }
        return nil
    }
}
