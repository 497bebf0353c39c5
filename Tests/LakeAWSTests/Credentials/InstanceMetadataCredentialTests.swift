import Foundation
import LakeAWS
import LakeCore
import LakeTestSupport
import Testing

/// EC2 instance metadata against a local IMDS the test serves (AWS_EC2_METADATA_SERVICE_ENDPOINT):
/// the IMDSv2 token handshake, the IMDSv1 fallback, and what a missing role or service says.
@Suite struct InstanceMetadataCredentialTests {
    @Test func imdsV2TokenThenRoleThenCredentials() async throws {
        let fixture = try await CredentialFixture()
        defer { fixture.remove() }
        let imds = try CredentialEndpointServer()
        defer { imds.stop() }
        try await fixture.withTransport(["AWS_EC2_METADATA_SERVICE_ENDPOINT": imds.url]) { transport in
            let credentials = try await transport.credentialProvider.credentials()
            #expect(credentials.accessKeyId == "ASIATESTKEY000001")
            #expect(credentials.source == "IMDSv2 at \(imds.url) (role swiftlake-test-role)")
            _ = try await SQSClient(transport: transport).listAllQueues()
            _ = try await SQSClient(transport: transport).listAllQueues()
        }
        let requests = try imds.requests()
        #expect(requests.map { "\($0.method) \($0.path)" } == [
            "PUT /latest/api/token", "GET /latest/meta-data/iam/security-credentials/",
            "GET /latest/meta-data/iam/security-credentials/swiftlake-test-role",
        ], "one fetch serves every call")
        #expect(requests[0].headers["x-aws-ec2-metadata-token-ttl-seconds"] == "21600")
        let token = try #require(requests[1].headers["x-aws-ec2-metadata-token"])
        #expect(requests[2].headers["x-aws-ec2-metadata-token"] == token)
    }

    @Test func fallsBackToIMDSv1WhenTheTokenIsRefused() async throws {
        let fixture = try await CredentialFixture()
        defer { fixture.remove() }
        let imds = try CredentialEndpointServer(settings: ["token_status": 405])
        defer { imds.stop() }
        try await fixture.withTransport(["AWS_EC2_METADATA_SERVICE_ENDPOINT": imds.url]) { transport async throws in
            #expect(try await transport.credentialProvider.credentials().accessKeyId == "ASIATESTKEY000001")
        }
        #expect(try imds.requests().dropFirst().allSatisfy { $0.headers["x-aws-ec2-metadata-token"] == nil })
        try await fixture.withTransport([
            "AWS_EC2_METADATA_SERVICE_ENDPOINT": imds.url, "AWS_EC2_METADATA_V1_DISABLED": "true",
        ]) { transport in
            let error = try await #require(throws: LakeError.self) { try await transport.credentialProvider.credentials() }
            #expect(error.message.contains("refused the IMDSv2 token request (HTTP 405)"))
            #expect(error.hint?.contains("AWS_EC2_METADATA_V1_DISABLED") == true)
        }
    }

    @Test func anInstanceWithoutARoleSaysSo() async throws {
        let fixture = try await CredentialFixture()
        defer { fixture.remove() }
        let imds = try CredentialEndpointServer(settings: ["role": ""])
        defer { imds.stop() }
        try await fixture.withTransport(["AWS_EC2_METADATA_SERVICE_ENDPOINT": imds.url]) { transport in
            let error = try await #require(throws: LakeError.self) { try await SQSClient(transport: transport).listAllQueues() }
            #expect(error.code == .credentials)
            #expect(error.message.contains("lists no IAM role"))
            #expect(error.message.contains("no AWS credentials found"), "the last resort names every source it looked at")
            #expect(error.hint?.contains("AWS_ACCESS_KEY_ID") == true)
        }
    }

    @Test func anUnreachableServiceNamesEverySourceAndWhatToSet() async throws {
        let fixture = try await CredentialFixture()
        defer { fixture.remove() }
        let port = try MotoServer.freeLoopbackPort()
        try await fixture.withTransport(["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:\(port)"]) { transport in
            let error = try await #require(throws: LakeError.self) { try await SQSClient(transport: transport).listAllQueues() }
            #expect(error.code == .credentials)
            for part in ["AWS_ACCESS_KEY_ID", "AWS_WEB_IDENTITY_TOKEN_FILE", "profile 'default'", "AWS_CONTAINER_CREDENTIALS", "http://127.0.0.1:\(port)"] {
                #expect(error.message.contains(part), "\(part) in \(error.message)")
            }
            #expect(error.hint?.contains("AWS_PROFILE") == true)
        }
    }
}
