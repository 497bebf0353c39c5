import LakeAMCSimulator
import Testing

@Suite struct AuthTests {
    @Test func aTenantCanRequireABearerToken() async throws {
        try await withSimulator(AMCSimulatorConfiguration(requiredBearerTokens: ["acme": "s3cret"])) { amc in
            let missing = try await amc.get("/acme/workflows")
            #expect(missing.status == 401)
            #expect(missing.string("code") == "401")
            #expect(missing.headers["www-authenticate"] == "Bearer")
            #expect(try await amc.get("/acme/workflows", headers: [("Authorization", "Bearer wrong")]).status == 401)
            #expect(try await amc.get("/acme/workflows", headers: [("Authorization", "Bearer s3cret")]).status == 200)
            // Other tenants take anything; admin routes need nothing.
            #expect(try await amc.get("/beta/workflows").status == 200)
            #expect(try await amc.get("/_admin/stats").status == 200)
            let acme = try await amc.stats("acme")
            #expect(acme["unauthorized"] as? Int == 2)
            #expect(acme["bearerRequests"] as? Int == 2)
            #expect(acme["anonymousRequests"] as? Int == 1)
            #expect(acme["bearerSeen"] as? Bool == true)
            #expect(try await amc.stats("beta")["bearerSeen"] as? Bool == false)
        }
    }

    @Test func authorizationIsRecordedNotChecked() async throws {
        try await withSimulator { amc in
            let sigv4 = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=abc"
            #expect(try await amc.get("/acme/workflows", headers: [("Authorization", sigv4)]).status == 200)
            #expect(try await amc.get("/acme/workflows", headers: [("Authorization", "Bearer anything")]).status == 200)
            #expect(try await amc.get("/acme/workflows").status == 200)
            let stats = try await amc.stats()
            #expect(stats["sigv4Requests"] as? Int == 1)
            #expect(stats["bearerRequests"] as? Int == 1)
            #expect(stats["anonymousRequests"] as? Int == 1)
            #expect(stats["requests"] as? Int == 3)
        }
    }
}
