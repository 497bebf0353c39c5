import Foundation
import LakeAWS
import LakeCore
import Testing

/// Credentials, region and endpoint resolution from explicit environments and temporary
/// shared files; nothing reads the real `~/.aws`.
@Suite struct AWSSettingsResolutionTests {
    /// A temporary home with `.aws/credentials` and `.aws/config`.
    struct Home {
        let url: URL
        init(credentials: String? = nil, config: String? = nil) throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftlake-aws-home-\(UUID().uuidString)")
            let aws = url.appendingPathComponent(".aws")
            try FileManager.default.createDirectory(at: aws, withIntermediateDirectories: true)
            if let credentials { try credentials.write(to: aws.appendingPathComponent("credentials"), atomically: true, encoding: .utf8) }
            if let config { try config.write(to: aws.appendingPathComponent("config"), atomically: true, encoding: .utf8) }
        }
        func environment(_ extra: [String: String] = [:]) -> AWSEnvironment {
            AWSEnvironment(["HOME": url.path].merging(extra) { _, new in new })
        }
        func remove() { try? FileManager.default.removeItem(at: url) }
    }

    static let credentialsFile = """
        # comment
        [default]
        aws_access_key_id = AKIDDEFAULT
        aws_secret_access_key = default-secret

        [dev]
        aws_access_key_id=AKIDDEV
        aws_secret_access_key=dev-secret
        aws_session_token = dev-token
        """

    static let configFile = """
        [default]
        region = eu-west-1

        [profile dev]
        region = ap-southeast-2
        services = local

        [profile configonly]
        aws_access_key_id = AKIDCONFIG
        aws_secret_access_key = config-secret
        region = us-west-2
        endpoint_url = http://127.0.0.1:4566

        [profile assumer]
        role_arn = arn:aws:iam::123456789012:role/x
        source_profile = default

        [services local]
        s3 =
          endpoint_url = http://localhost:9000
        dynamodb =
          endpoint_url = http://localhost:8000
        """

    @Test func environmentVariablesWinOverFiles() throws {
        let home = try Home(credentials: Self.credentialsFile, config: Self.configFile)
        defer { home.remove() }
        let settings = try AWSSettings.resolve(
            environment: home.environment([
                "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_SESSION_TOKEN": "env-token",
                "AWS_REGION": "sa-east-1",
            ]), configRegion: "us-east-1")
        #expect(settings.credentials.staticCredentials?.accessKeyId == "AKIDENV")
        #expect(settings.credentials.staticCredentials?.secretAccessKey.reveal() == "env-secret")
        #expect(settings.credentials.staticCredentials?.sessionToken?.reveal() == "env-token")
        #expect(settings.credentials.staticCredentials?.source == "environment")
        #expect(settings.region == "sa-east-1")
    }

    @Test func defaultProfileFromSharedFiles() throws {
        let home = try Home(credentials: Self.credentialsFile, config: Self.configFile)
        defer { home.remove() }
        let settings = try AWSSettings.resolve(environment: home.environment(), configRegion: "us-east-1")
        #expect(settings.profile == "default")
        #expect(settings.credentials.staticCredentials?.accessKeyId == "AKIDDEFAULT")
        #expect(settings.credentials.staticCredentials?.secretAccessKey.reveal() == "default-secret")
        #expect(settings.credentials.staticCredentials?.sessionToken == nil)
        #expect(settings.region == "eu-west-1", "the config file's region comes before lake.yaml's")
        #expect(settings.endpoint(for: .s3).host == "s3.eu-west-1.amazonaws.com")
        #expect(!settings.endpoint(for: .s3).isCustom)
    }

    @Test func namedProfileWithServicesSection() throws {
        let home = try Home(credentials: Self.credentialsFile, config: Self.configFile)
        defer { home.remove() }
        let settings = try AWSSettings.resolve(environment: home.environment(["AWS_PROFILE": "dev"]))
        #expect(settings.credentials.staticCredentials?.accessKeyId == "AKIDDEV")
        #expect(settings.credentials.staticCredentials?.sessionToken?.reveal() == "dev-token")
        #expect(settings.region == "ap-southeast-2")
        #expect(settings.endpoint(for: .s3).origin == "http://localhost:9000")
        #expect(settings.endpoint(for: .dynamodb).origin == "http://localhost:8000")
        #expect(settings.endpoint(for: .sqs).origin == "https://sqs.ap-southeast-2.amazonaws.com")
    }

    @Test func credentialsInConfigFileAndCustomFileLocations() throws {
        let home = try Home()
        defer { home.remove() }
        let elsewhere = home.url.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try Self.configFile.write(to: elsewhere.appendingPathComponent("cfg"), atomically: true, encoding: .utf8)
        let settings = try AWSSettings.resolve(
            environment: home.environment([
                "AWS_CONFIG_FILE": elsewhere.appendingPathComponent("cfg").path,
                "AWS_SHARED_CREDENTIALS_FILE": elsewhere.appendingPathComponent("missing").path,
            ]), profile: "configonly")
        #expect(settings.credentials.staticCredentials?.accessKeyId == "AKIDCONFIG")
        #expect(settings.region == "us-west-2")
        #expect(settings.endpoint(for: .glue).origin == "http://127.0.0.1:4566")
        #expect(settings.endpoint(for: .glue).isCustom)
    }

    @Test func endpointPrecedence() throws {
        let home = try Home(credentials: Self.credentialsFile, config: Self.configFile)
        defer { home.remove() }
        let settings = try AWSSettings.resolve(
            environment: home.environment([
                "AWS_PROFILE": "dev", "AWS_ENDPOINT_URL": "http://127.0.0.1:5000", "AWS_ENDPOINT_URL_S3": "http://127.0.0.1:5001",
            ]), configEndpoint: "http://lake-yaml:1")
        #expect(settings.endpoint(for: .s3).origin == "http://127.0.0.1:5001")
        #expect(settings.endpoint(for: .sqs).origin == "http://127.0.0.1:5000")
        let yamlOnly = try AWSSettings.resolve(
            environment: home.environment(["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true", "AWS_PROFILE": "dev"]),
            configEndpoint: "http://lake-yaml:1")
        #expect(AWSService.allCases.allSatisfy { yamlOnly.endpoint(for: $0).origin == "http://lake-yaml:1" })
    }

    @Test func lakeYAMLRegionIsTheFallback() throws {
        let home = try Home(credentials: Self.credentialsFile)
        defer { home.remove() }
        let settings = try AWSSettings.resolve(environment: home.environment(), configRegion: "eu-central-1")
        #expect(settings.region == "eu-central-1")
        let fromDefault = try AWSSettings.resolve(
            environment: home.environment(["AWS_DEFAULT_REGION": "us-east-2"]), configRegion: "eu-central-1")
        #expect(fromDefault.region == "us-east-2")
    }

    @Test func missingCredentialsSayWhatToDo() throws {
        let home = try Home(config: Self.configFile)
        defer { home.remove() }
        let error = try #require(throws: LakeError.self) {
            try AWSSettings.resolve(environment: home.environment(["AWS_PROFILE": "nosuch"]), configRegion: "us-east-1")
        }
        #expect(error.code == .invalidConfig)
        #expect(error.message.contains("nosuch"))
        #expect(error.hint?.contains("AWS_ACCESS_KEY_ID") == true)
    }

    @Test func roleProfilesAssumeTheRoleWithTheSourceProfilesKeys() throws {
        let home = try Home(credentials: Self.credentialsFile, config: Self.configFile)
        defer { home.remove() }
        let settings = try AWSSettings.resolve(environment: home.environment(), profile: "assumer", configRegion: "us-east-1")
        guard case .assumeRole(let role, let source) = settings.credentials else {
            Issue.record("expected an assumed role, got \(settings.credentials)")
            return
        }
        #expect(role.roleArn == "arn:aws:iam::123456789012:role/x")
        #expect(role.profile == "assumer")
        #expect(source.staticCredentials?.accessKeyId == "AKIDDEFAULT")
        #expect("\(settings.credentials)".contains("assume role arn:aws:iam::123456789012:role/x via profile 'assumer'"))
    }

    @Test func halfSetEnvironmentIsAnError() throws {
        let home = try Home(credentials: Self.credentialsFile)
        defer { home.remove() }
        let error = try #require(throws: LakeError.self) {
            try AWSSettings.resolve(environment: home.environment(["AWS_ACCESS_KEY_ID": "AKIDONLY"]), configRegion: "us-east-1")
        }
        #expect(error.message.contains("AWS_SECRET_ACCESS_KEY"))
        #expect(!error.description.contains("AKIDONLY"))
    }

    @Test func badEndpointIsReported() throws {
        let home = try Home(credentials: Self.credentialsFile)
        defer { home.remove() }
        #expect(throws: LakeError.self) {
            try AWSSettings.resolve(environment: home.environment(["AWS_ENDPOINT_URL": "ftp://x"]), configRegion: "us-east-1")
        }
    }

    @Test func settingsDescriptionHidesSecrets() throws {
        let home = try Home(credentials: Self.credentialsFile)
        defer { home.remove() }
        let settings = try AWSSettings.resolve(environment: home.environment(["AWS_PROFILE": "dev"]), configRegion: "us-east-1")
        let text = "\(settings)"
        #expect(!text.contains("dev-secret") && !text.contains("dev-token") && !text.contains("AKIDDEV"))
        #expect(text.contains("us-east-1"))
    }

    @Test func iniParsing() {
        let file = AWSSharedConfigFile(parsing: "[a]\r\nKey = v # not a comment\n;c\n[ b ]\nx=\n  y = 1\nz = 2\n")
        #expect(file.section("a")?["key"] == "v # not a comment")
        #expect(file.section("b")?["x.y"] == "1")
        #expect(file.section("b")?["z"] == "2")
    }
}
