import Foundation
import LakeAWS
import LakeCore
import Testing

/// Which source the credential chain picks, from explicit environments and temporary shared
/// files; no network call (nothing is fetched at resolution).
@Suite struct CredentialChainResolutionTests {
    typealias Home = AWSSettingsResolutionTests.Home

    static let config = """
        [default]
        region = eu-west-1

        [profile base]
        aws_access_key_id = AKIDBASE
        aws_secret_access_key = base-secret

        [profile admin]
        role_arn = arn:aws:iam::111111111111:role/admin
        source_profile = base
        external_id = ext-1234
        role_session_name = lake-admin
        duration_seconds = 900

        [profile deploy]
        role_arn = arn:aws:iam::222222222222:role/deploy
        source_profile = admin

        [profile selfref]
        role_arn = arn:aws:iam::333333333333:role/self
        source_profile = selfref
        aws_access_key_id = AKIDSELF
        aws_secret_access_key = self-secret

        [profile loop-a]
        role_arn = arn:aws:iam::1:role/a
        source_profile = loop-b

        [profile loop-b]
        role_arn = arn:aws:iam::1:role/b
        source_profile = loop-a

        [profile from-env]
        role_arn = arn:aws:iam::444444444444:role/env
        credential_source = Environment

        [profile from-imds]
        role_arn = arn:aws:iam::444444444444:role/imds
        credential_source = Ec2InstanceMetadata
        ec2_metadata_service_endpoint = http://127.0.0.1:1338/

        [profile from-ecs]
        role_arn = arn:aws:iam::444444444444:role/ecs
        credential_source = EcsContainer

        [profile both]
        role_arn = arn:aws:iam::1:role/x
        source_profile = base
        credential_source = Environment

        [profile orphan]
        role_arn = arn:aws:iam::1:role/x

        [profile missing-source]
        role_arn = arn:aws:iam::1:role/x
        source_profile = nobody

        [profile web]
        role_arn = arn:aws:iam::555555555555:role/web
        web_identity_token_file = /var/run/token
        role_session_name = web-session

        [profile process]
        credential_process = /opt/bin/creds --account "dev account"

        [profile mfa]
        role_arn = arn:aws:iam::1:role/x
        source_profile = base
        mfa_serial = arn:aws:iam::1:mfa/me

        [profile sso]
        sso_session = corp
        sso_account_id = 1

        [profile badduration]
        role_arn = arn:aws:iam::1:role/x
        source_profile = base
        duration_seconds = 60

        [profile regiononly]
        region = us-west-2
        """

    func resolve(_ extra: [String: String] = [:], profile: String? = nil) throws -> AWSSettings {
        let home = try Home(config: Self.config)
        defer { home.remove() }
        return try AWSSettings.resolve(
            environment: home.environment(["AWS_EC2_METADATA_DISABLED": "true"].merging(extra) { _, new in new }),
            profile: profile, configRegion: "us-east-1")
    }

    func failure(_ extra: [String: String] = [:], profile: String? = nil) throws -> LakeError {
        try #require(throws: LakeError.self) { try resolve(extra, profile: profile) }
    }

    @Test func environmentKeysComeFirst() throws {
        let settings = try resolve([
            "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "s", "AWS_WEB_IDENTITY_TOKEN_FILE": "/t", "AWS_ROLE_ARN": "arn:r",
        ], profile: "base")
        #expect(settings.credentials.staticCredentials?.accessKeyId == "AKIDENV")
    }

    @Test func webIdentityFromTheEnvironmentComesBeforeProfiles() throws {
        let settings = try resolve([
            "AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/secrets/eks/token", "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/irsa",
            "AWS_ROLE_SESSION_NAME": "pod-1",
        ], profile: "base")
        guard case .webIdentity(let web) = settings.credentials else {
            Issue.record("expected web identity, got \(settings.credentials)")
            return
        }
        #expect(web.roleArn == "arn:aws:iam::123456789012:role/irsa")
        #expect(web.tokenFile == "/var/run/secrets/eks/token")
        #expect(web.sessionName == "pod-1")
        #expect("\(settings.credentials)" == "web identity (role arn:aws:iam::123456789012:role/irsa, token file /var/run/secrets/eks/token)")
    }

    @Test func halfConfiguredWebIdentityNamesWhatIsMissing() throws {
        let error = try failure(["AWS_ROLE_ARN": "arn:aws:iam::1:role/x"])
        #expect(error.message.contains("web identity"))
        #expect(error.hint?.contains("AWS_WEB_IDENTITY_TOKEN_FILE") == true)
        let other = try failure(["AWS_WEB_IDENTITY_TOKEN_FILE": "/t"])
        #expect(other.hint?.contains("AWS_ROLE_ARN") == true)
    }

    @Test func assumeRoleProfileCarriesItsSettingsAndSource() throws {
        let settings = try resolve(profile: "admin")
        guard case .assumeRole(let role, let source) = settings.credentials else {
            Issue.record("expected an assumed role, got \(settings.credentials)")
            return
        }
        #expect(role.roleArn == "arn:aws:iam::111111111111:role/admin")
        #expect(role.externalId == "ext-1234")
        #expect(role.sessionName == "lake-admin")
        #expect(role.durationSeconds == 900)
        #expect(source.staticCredentials?.accessKeyId == "AKIDBASE")
    }

    @Test func rolesChainThroughSourceProfiles() throws {
        let settings = try resolve(profile: "deploy")
        guard case .assumeRole(let deploy, .assumeRole(let admin, .keys(let keys))) = settings.credentials else {
            Issue.record("expected deploy <- admin <- keys, got \(settings.credentials)")
            return
        }
        #expect(deploy.roleArn.hasSuffix("role/deploy"))
        #expect(admin.roleArn.hasSuffix("role/admin"))
        #expect(keys.accessKeyId == "AKIDBASE")
    }

    @Test func aProfileMaySourceItsOwnKeys() throws {
        let settings = try resolve(profile: "selfref")
        guard case .assumeRole(_, .keys(let keys)) = settings.credentials else {
            Issue.record("expected an assumed role over the profile's own keys, got \(settings.credentials)")
            return
        }
        #expect(keys.accessKeyId == "AKIDSELF")
    }

    @Test func credentialSources() throws {
        let fromEnv = try resolve(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "s"], profile: "from-env")
        // Environment keys come first in the chain, so the profile is not even read.
        #expect(fromEnv.credentials.staticCredentials?.accessKeyId == "AKIDENV")
        let home = try Home(config: Self.config)
        defer { home.remove() }
        let imds = try AWSSettings.resolve(environment: home.environment(), profile: "from-imds", configRegion: "us-east-1")
        guard case .assumeRole(_, .instanceMetadata(let metadata)) = imds.credentials else {
            Issue.record("expected a role over instance metadata, got \(imds.credentials)")
            return
        }
        #expect(metadata.endpoint == "http://127.0.0.1:1338")
        #expect(!metadata.isLastResort)
        let ecs = try resolve(["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc"], profile: "from-ecs")
        guard case .assumeRole(_, .container(let container)) = ecs.credentials else {
            Issue.record("expected a role over container credentials, got \(ecs.credentials)")
            return
        }
        #expect(container.url == "http://169.254.170.2/v2/credentials/abc")
    }

    @Test func badProfilesSayWhatToFix() throws {
        let cases: [(String, String, String)] = [
            ("both", "both source_profile and credential_source", "keep one"),
            ("orphan", "no source_profile or credential_source", "source_profile"),
            ("missing-source", "source_profile 'nobody'", "[nobody]"),
            ("loop-a", "in a loop", "end the source_profile chain"),
            ("mfa", "mfa_serial", "export-credentials"),
            ("sso", "SSO", "aws sso login --profile sso"),
            ("badduration", "duration_seconds = 60", "duration_seconds = 3600"),
            ("from-ecs", "EcsContainer", "AWS_CONTAINER_CREDENTIALS_FULL_URI"),
            ("from-env", "credential_source = Environment", "AWS_ACCESS_KEY_ID"),
        ]
        for (profile, message, hint) in cases {
            let error = try failure(profile: profile)
            #expect(error.code == .invalidConfig, "\(profile)")
            #expect(error.message.contains(message), "\(profile): \(error.message)")
            #expect(error.hint?.contains(hint) == true, "\(profile): \(error.hint ?? "-")")
            #expect(error.message.contains(profile) || profile == "loop-a", "\(profile) is named")
        }
    }

    @Test func webIdentityAndProcessProfiles() throws {
        let web = try resolve(profile: "web")
        guard case .webIdentity(let identity) = web.credentials else {
            Issue.record("expected web identity, got \(web.credentials)")
            return
        }
        #expect(identity.tokenFile == "/var/run/token")
        #expect(identity.sessionName == "web-session")
        #expect(identity.origin == "profile 'web'")
        let process = try resolve(profile: "process")
        guard case .process(let command) = process.credentials else {
            Issue.record("expected credential_process, got \(process.credentials)")
            return
        }
        #expect(command.command == "/opt/bin/creds --account \"dev account\"")
    }

    @Test func containerCredentials() throws {
        let relative = try resolve(["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/xyz"])
        #expect("\(relative.credentials)" == "ECS container credentials at http://169.254.170.2/v2/credentials/xyz")
        let full = try resolve([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://169.254.170.23/v1/credentials",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": "/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token",
        ])
        guard case .container(let container) = full.credentials else {
            Issue.record("expected container credentials, got \(full.credentials)")
            return
        }
        #expect(container.variable == "AWS_CONTAINER_CREDENTIALS_FULL_URI")
        #expect(container.authorizationTokenFile?.hasSuffix("eks-pod-identity-token") == true)
        #expect(try resolve(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "https://creds.example.com/x"]).credentials.staticCredentials == nil)
        let remote = try failure(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://creds.example.com/x"])
        #expect(remote.message.contains("AWS_CONTAINER_CREDENTIALS_FULL_URI"))
        #expect(remote.hint?.contains("https") == true)
    }

    @Test func instanceMetadataIsTheLastResort() throws {
        let home = try Home()
        defer { home.remove() }
        let settings = try AWSSettings.resolve(environment: home.environment(), configRegion: "us-east-1")
        guard case .instanceMetadata(let imds) = settings.credentials else {
            Issue.record("expected instance metadata, got \(settings.credentials)")
            return
        }
        #expect(imds.endpoint == "http://169.254.169.254")
        #expect(imds.isLastResort && imds.allowsV1Fallback)
        #expect(imds.timeout == .seconds(1) && imds.attempts == 1)
        let ipv6 = try AWSSettings.resolve(
            environment: home.environment(["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "IPv6", "AWS_EC2_METADATA_V1_DISABLED": "true"]),
            configRegion: "us-east-1")
        guard case .instanceMetadata(let v6) = ipv6.credentials else {
            Issue.record("expected instance metadata, got \(ipv6.credentials)")
            return
        }
        #expect(v6.endpoint == "http://[fd00:ec2::254]")
        #expect(!v6.allowsV1Fallback)
        let explicit = try AWSSettings.resolve(
            environment: home.environment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:9999/", "AWS_METADATA_SERVICE_TIMEOUT": "3"]),
            configRegion: "us-east-1")
        #expect("\(explicit.credentials)" == "IMDSv2 at http://127.0.0.1:9999")
        let disabled = try #require(throws: LakeError.self) {
            try AWSSettings.resolve(environment: home.environment(["AWS_EC2_METADATA_DISABLED": "true"]), configRegion: "us-east-1")
        }
        #expect(disabled.message.contains("no AWS credentials found"))
        #expect(disabled.message.contains("AWS_WEB_IDENTITY_TOKEN_FILE") && disabled.message.contains("AWS_CONTAINER_CREDENTIALS"))
        #expect(disabled.hint?.contains("AWS_ACCESS_KEY_ID") == true)
    }

    @Test func aProfileWithoutCredentialsFallsThroughTheChain() throws {
        let settings = try resolve(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:8080/creds"], profile: "regiononly")
        #expect("\(settings.credentials)" == "ECS container credentials at http://127.0.0.1:8080/creds")
        #expect(settings.region == "us-west-2")
    }
}
