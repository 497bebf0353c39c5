import Foundation
import LakeTestSupport
import Testing

/// `lake` on AWS without any keys: web identity against moto's STS, a local IMDSv2, a local
/// container credentials endpoint; `lake aws whoami` names the source and prints no secret.
@Suite(.blocking) struct AWSCredentialsCLITests {
    /// Every variable that could give `lake` credentials from the test runner's environment,
    /// emptied (empty counts as unset), with `extra` on top; lake.yaml's endpoint is moto.
    static func keyless(_ lake: AWSLakeFixture, _ extra: [String: String]) -> [String: String] {
        var env = lake.processEnvironment
        for name in [
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ROLE_ARN",
            "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_SESSION_NAME", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
            "AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_EC2_METADATA_DISABLED", "AWS_ENDPOINT_URL_STS", "AWS_USE_FIPS_ENDPOINT",
            "AWS_USE_DUALSTACK_ENDPOINT", "AWS_EC2_METADATA_V1_DISABLED",
        ] { env[name] = "" }
        return env.merging(extra) { _, new in new }
    }

    static func run(_ lake: AWSLakeFixture, _ args: [String], _ env: [String: String]) throws -> LakeBinary.Result {
        try LakeBinary.run(args, in: lake.dir.url, environment: env, timeout: 300)
    }

    static func whoami(_ lake: AWSLakeFixture, _ env: [String: String]) throws -> [String: Any] {
        let result = try run(lake, ["aws", "whoami", "--json"], env)
        guard result.status == 0, let json = result.json as? [String: Any] else {
            throw CLITestFailure("lake aws whoami exited \(result.status): \(result.stderr.suffix(2000)) \(result.stdout.prefix(500))")
        }
        return json
    }

    @Test func lakeRunsWithOnlyWebIdentityVariables() async throws {
        let lake = try await AWSLakeFixture()
        let token = lake.dir.url.appendingPathComponent("irsa-token")
        try "eyJhbGciOiJSUzI1NiJ9.projected-service-account-token.sig".write(to: token, atomically: true, encoding: .utf8)
        let env = Self.keyless(lake, [
            "AWS_WEB_IDENTITY_TOKEN_FILE": token.path, "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/lake-irsa",
            "AWS_ROLE_SESSION_NAME": "lake-pod",
        ])
        let identity = try Self.whoami(lake, env)
        #expect(identity["arn"] as? String == "arn:aws:sts::123456789012:assumed-role/lake-irsa/lake-pod")
        #expect(identity["account"] as? String == "123456789012")
        #expect(identity["credentialSource"] as? String
            == "web identity (role arn:aws:iam::123456789012:role/lake-irsa, token file \(token.path))")
        #expect(identity["accessKeyId"] as? String == "ASIA****")
        #expect(identity["temporary"] as? Bool == true)
        #expect(identity["expiresAt"] is String)
        #expect(identity["region"] as? String == "us-east-1")
        #expect(identity["stsEndpoint"] as? String == lake.endpoint)

        let text = try Self.run(lake, ["aws", "whoami"], env)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("credentials web identity (role arn:aws:iam::123456789012:role/lake-irsa"))
        #expect(!text.stdout.contains("projected-service-account-token") && !text.stderr.contains("projected-service-account-token"))

        let bootstrap = try Self.run(lake, ["aws", "bootstrap"], env)
        #expect(bootstrap.status == 0, "\(bootstrap.stderr.suffix(2000))")
        let status = try Self.run(lake, ["status", "--json"], env)
        #expect(status.status == 0, "\(status.stderr.suffix(2000))")
        #expect((status.json as? [String: Any])?["queues"] != nil)
    }

    @Test func lakeRunsWithOnlyALocalIMDSv2() async throws {
        let lake = try await AWSLakeFixture()
        let imds = try CredentialEndpointServer()
        defer { imds.stop() }
        let env = Self.keyless(lake, ["AWS_EC2_METADATA_SERVICE_ENDPOINT": imds.url])
        let identity = try Self.whoami(lake, env)
        #expect(identity["credentialSource"] as? String == "IMDSv2 at \(imds.url) (role swiftlake-test-role)")
        #expect(identity["accessKeyId"] as? String == "ASIA****")
        let bootstrap = try Self.run(lake, ["aws", "bootstrap", "--json"], env)
        #expect(bootstrap.status == 0, "\(bootstrap.stderr.suffix(2000))")

        let requests = try imds.requests()
        let puts = requests.filter { $0.method == "PUT" }
        #expect(puts.count == 2, "one token per lake process: \(requests.map(\.path))")
        #expect(puts.allSatisfy { $0.path == "/latest/api/token" && $0.headers["x-aws-ec2-metadata-token-ttl-seconds"] == "21600" })
        let gets = requests.filter { $0.method == "GET" }
        #expect(gets.count == 4)
        #expect(gets.allSatisfy { $0.headers["x-aws-ec2-metadata-token"]?.count == 32 }, "every GET carries the session token")
    }

    @Test func lakeRunsWithOnlyContainerCredentialVariables() async throws {
        let lake = try await AWSLakeFixture()
        let agent = try CredentialEndpointServer(settings: ["ecs_authorization": "task-auth-token"])
        defer { agent.stop() }
        let env = Self.keyless(lake, [
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": agent.url + "/ecs/v2/credentials/task", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "task-auth-token",
        ])
        let identity = try Self.whoami(lake, env)
        #expect(identity["credentialSource"] as? String == "ECS container credentials at \(agent.url)/ecs/v2/credentials/task")
        let bootstrap = try Self.run(lake, ["aws", "bootstrap", "--json"], env)
        #expect(bootstrap.status == 0, "\(bootstrap.stderr.suffix(2000))")
        let requests = try agent.requests()
        #expect(requests.count == 2, "one fetch per lake process")
        #expect(requests.allSatisfy { $0.path == "/ecs/v2/credentials/task" && $0.headers["authorization"] == "task-auth-token" })
        let text = try Self.run(lake, ["aws", "whoami"], env)
        #expect(!text.stdout.contains("task-auth-token") && !text.stdout.contains("test-secret") && !text.stdout.contains("test-session-token"))
    }

    @Test func aHalfConfiguredSourceSaysWhatToSet() async throws {
        let lake = try await AWSLakeFixture()
        let result = try Self.run(lake, ["aws", "whoami"], Self.keyless(lake, ["AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/x"]))
        #expect(result.status == 2)
        #expect(result.stderr.contains("web identity credentials: AWS_ROLE_ARN is set and AWS_WEB_IDENTITY_TOKEN_FILE is not"))
        #expect(result.stderr.contains("hint: set AWS_WEB_IDENTITY_TOKEN_FILE too"))
    }
}
