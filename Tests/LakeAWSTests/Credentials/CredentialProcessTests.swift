import Foundation
import LakeAWS
import LakeCore
import Testing

/// `credential_process`: the program runs (no shell, arguments split like one), its JSON is
/// read; failures name the profile and say what the program must print.
@Suite struct CredentialProcessTests {
    static func fixture(script: String) async throws -> CredentialFixture {
        let fixture = try await CredentialFixture()
        let program = try fixture.write("creds.sh", script, executable: true)
        try fixture.write("config", """
            [profile proc]
            credential_process = \(program) "first arg" second
            """)
        return fixture
    }

    @Test func readsTheProgramsCredentials() async throws {
        let fixture = try await Self.fixture(script: """
            #!/bin/sh
            printf '%s|%s' "$1" "$2" > "$(dirname "$0")/args"
            echo '{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "process-secret", "SessionToken": "tok", "Expiration": "2099-01-01T00:00:00Z"}'
            """)
        defer { fixture.remove() }
        try await fixture.withTransport(profile: "proc") { transport in
            let credentials = try await transport.credentialProvider.credentials()
            #expect(credentials.accessKeyId == "AKIDPROCESS")
            #expect(credentials.secretAccessKey.reveal() == "process-secret")
            #expect(credentials.expiration == AWSDateFormat.parseISO8601("2099-01-01T00:00:00Z"))
            #expect(credentials.source == "credential_process of profile 'proc'")
            let args = try String(contentsOf: fixture.home.appendingPathComponent("args"), encoding: .utf8)
            #expect(args == "first arg|second")
            _ = try await SQSClient(transport: transport).listAllQueues()
        }
    }

    @Test(arguments: [
        ("#!/bin/sh\necho 'no such account' >&2\nexit 3\n", "no such account"),
        ("#!/bin/sh\necho '{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"B\"}'\n", "Version"),
        ("#!/bin/sh\necho 'not json'\n", "not a JSON credentials document"),
    ])
    func failuresNameTheProfile(script: String, expected: String) async throws {
        let fixture = try await Self.fixture(script: script)
        defer { fixture.remove() }
        try await fixture.withTransport(profile: "proc") { transport in
            let error = try await #require(throws: LakeError.self) { try await transport.credentialProvider.credentials() }
            #expect(error.code == .credentials || error.code == .remote)
            #expect(error.message.contains("credential_process of profile 'proc'"), "\(error.message)")
            #expect(error.message.contains(expected), "\(error.message)")
            #expect(error.hint?.contains("\"Version\": 1") == true)
        }
    }
}
