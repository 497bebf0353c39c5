import Foundation
import LakeAWS
import LakeCore
import Testing

/// Web identity and assume-role profiles against moto's STS: the credentials STS hands out
/// sign real calls, and `GetCallerIdentity` names the assumed role.
@Suite struct STSCredentialSourceTests {
    @Test func webIdentityFromTheEnvironment() async throws {
        let fixture = try await CredentialFixture()
        defer { fixture.remove() }
        let token = try fixture.write("token", "eyJhbGciOiJSUzI1NiJ9.test-token.signature\n")
        try await fixture.withTransport([
            "AWS_WEB_IDENTITY_TOKEN_FILE": token, "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/lake-irsa",
            "AWS_ROLE_SESSION_NAME": "pod-7",
        ]) { transport in
            let credentials = try await transport.credentialProvider.credentials()
            #expect(credentials.accessKeyId.hasPrefix("ASIA"))
            #expect(credentials.sessionToken != nil)
            let lifetime = try #require(credentials.expiration).timeIntervalSinceNow
            #expect(lifetime > 3000 && lifetime <= 3600)
            let identity = try await STSClient(transport: transport).callerIdentity()
            #expect(identity.arn == "arn:aws:sts::123456789012:assumed-role/lake-irsa/pod-7")
            #expect(identity.account == "123456789012")
            let queue = Moto.unique("irsa")
            _ = try await SQSClient(transport: transport).createQueue(name: queue)
            #expect(try await SQSClient(transport: transport).queueURL(name: queue) != nil, "temporary credentials sign real calls")
        }
    }

    @Test func webIdentityReadsTheTokenFileAgainAtEachFetch() async throws {
        let fixture = try await CredentialFixture()
        defer { fixture.remove() }
        let token = try fixture.write("token", "first-token-value")
        try await fixture.withTransport([
            "AWS_WEB_IDENTITY_TOKEN_FILE": token, "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/rotating",
        ]) { transport in
            let first = try await transport.credentialProvider.credentials()
            try FileManager.default.removeItem(atPath: token)
            await transport.credentialProvider.invalidate()
            let error = try await #require(throws: LakeError.self) { try await transport.credentialProvider.credentials() }
            #expect(error.code == .credentials)
            #expect(error.message.contains("cannot read the token file \(token)"))
            #expect(error.hint?.contains("AWS_WEB_IDENTITY_TOKEN_FILE") == true)
            try fixture.write("token", "second-token-value")
            let second = try await transport.credentialProvider.credentials()
            #expect(second.accessKeyId != first.accessKeyId)
        }
    }

    @Test func aBadWebIdentityTokenFileFailsTheCallWithWhatToSet() async throws {
        let fixture = try await CredentialFixture()
        defer { fixture.remove() }
        let empty = try fixture.write("empty-token", "  \n")
        try await fixture.withTransport([
            "AWS_WEB_IDENTITY_TOKEN_FILE": empty, "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/x",
        ]) { transport in
            let error = try await #require(throws: LakeError.self) { try await SQSClient(transport: transport).listAllQueues() }
            #expect(error.code == .credentials)
            #expect(error.message.contains("web identity") && error.message.contains("is empty"))
            #expect(error.hint?.contains("AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE") == true)
            #expect(error.context["credentialSource"]?.contains("web identity (role arn:aws:iam::123456789012:role/x") == true)
        }
    }

    static let profiles = """
        [profile base]
        aws_access_key_id = AKIDBASEEXAMPLE
        aws_secret_access_key = base-secret
        region = us-east-1

        [profile lake]
        role_arn = arn:aws:iam::123456789012:role/lake
        source_profile = base
        external_id = lake-external-id
        role_session_name = lake-session
        duration_seconds = 900

        [profile deploy]
        role_arn = arn:aws:iam::123456789012:role/deploy
        source_profile = lake
        role_session_name = deploy-session
        """

    @Test func assumeRoleProfile() async throws {
        let fixture = try await CredentialFixture(config: Self.profiles)
        defer { fixture.remove() }
        try await fixture.withTransport(profile: "lake") { transport in
            let credentials = try await transport.credentialProvider.credentials()
            #expect(credentials.source == "assume role arn:aws:iam::123456789012:role/lake via profile 'lake' (source: config file \(fixture.home.path)/config, profile 'base')")
            let lifetime = try #require(credentials.expiration).timeIntervalSinceNow
            #expect(lifetime > 800 && lifetime <= 900, "duration_seconds reaches STS")
            let identity = try await STSClient(transport: transport).callerIdentity()
            #expect(identity.arn == "arn:aws:sts::123456789012:assumed-role/lake/lake-session")
        }
    }

    @Test func chainedRoles() async throws {
        let fixture = try await CredentialFixture(config: Self.profiles)
        defer { fixture.remove() }
        try await fixture.withTransport(["AWS_PROFILE": "deploy"]) { transport in
            let identity = try await STSClient(transport: transport).callerIdentity()
            #expect(identity.arn == "arn:aws:sts::123456789012:assumed-role/deploy/deploy-session")
        }
    }
}
