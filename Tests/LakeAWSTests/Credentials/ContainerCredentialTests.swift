import Foundation
import LakeAWS
import LakeCore
import LakeTestSupport
import Testing

/// Container credentials (ECS task roles, EKS Pod Identity) against a local endpoint the
/// test serves: the Authorization token from the variable or the file (read anew each fetch).
@Suite struct ContainerCredentialTests {
    @Test func fullURIWithAnAuthorizationToken() async throws {
        let fixture = try await CredentialFixture()
        defer { fixture.remove() }
        let agent = try CredentialEndpointServer(settings: ["ecs_authorization": "container-token-1"])
        defer { agent.stop() }
        try await fixture.withTransport([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": agent.url + "/ecs/v2/credentials", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "container-token-1",
        ]) { transport in
            let credentials = try await transport.credentialProvider.credentials()
            #expect(credentials.accessKeyId == "ASIATESTKEY000001")
            #expect(credentials.source == "ECS container credentials at \(agent.url)/ecs/v2/credentials")
            _ = try await SQSClient(transport: transport).listAllQueues()
        }
        let requests = try agent.requests()
        #expect(requests.count == 1)
        #expect(requests.first?.path == "/ecs/v2/credentials")
        #expect(requests.first?.headers["authorization"] == "container-token-1")
    }

    @Test func theTokenFileIsReadAtEachFetchAndWinsOverTheVariable() async throws {
        let fixture = try await CredentialFixture()
        defer { fixture.remove() }
        let agent = try CredentialEndpointServer(settings: ["ecs_authorization": "from-file-1"])
        defer { agent.stop() }
        let file = try fixture.write("eks-pod-identity-token", "from-file-1\n")
        try await fixture.withTransport([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": agent.url + "/ecs/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": file,
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": "ignored",
        ]) { transport in
            #expect(try await transport.credentialProvider.credentials().accessKeyId == "ASIATESTKEY000001")
            try fixture.write("eks-pod-identity-token", "from-file-2")
            try agent.configure(["ecs_authorization": "from-file-2"])
            await transport.credentialProvider.invalidate()
            #expect(try await transport.credentialProvider.credentials().accessKeyId == "ASIATESTKEY000002")
        }
        #expect(try agent.requests().map { $0.headers["authorization"] } == ["from-file-1", "from-file-2"])
    }

    @Test func aRefusedTokenNamesTheSourceAndWhatToSet() async throws {
        let fixture = try await CredentialFixture()
        defer { fixture.remove() }
        let agent = try CredentialEndpointServer(settings: ["ecs_authorization": "right"])
        defer { agent.stop() }
        try await fixture.withTransport([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": agent.url + "/ecs/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "wrong",
        ]) { transport in
            let error = try await #require(throws: LakeError.self) { try await SQSClient(transport: transport).listAllQueues() }
            #expect(error.code == .credentials)
            #expect(error.message.contains("ECS container credentials at \(agent.url)/ecs/creds (AWS_CONTAINER_CREDENTIALS_FULL_URI)"))
            #expect(error.message.contains("HTTP 403") && error.message.contains("bad authorization token"))
            #expect(error.hint?.contains("AWS_CONTAINER_AUTHORIZATION_TOKEN") == true)
            #expect(!error.description.contains("wrong"), "the token is not printed")
        }
        #expect(try agent.requests().count == 1, "a 4xx is not retried")
    }
}
