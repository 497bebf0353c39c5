import Foundation
import Testing

@Suite struct WorkflowRouteTests {
    @Test func createReadReplaceAndDelete() async throws {
        try await withSimulator { amc in
            let created = try await amc.post("/acme/workflows", [
                "workflowId": "w1", "sqlQuery": "SELECT 1", "privacyFilteringBehavior": "REMOVE_ROWS", "outputColumns": ["a"],
            ])
            #expect(created.status == 200)
            #expect(created.text == "{}")
            #expect(try await amc.get("/acme/workflows/w1").string("sqlQuery") == "SELECT 1")

            let replaced = try await amc.put("/acme/workflows/w1", ["workflowId": "w1", "sqlQuery": "SELECT 2"])
            #expect(replaced.status == 200)
            let read = try await amc.get("/acme/workflows/w1")
            #expect(read.string("sqlQuery") == "SELECT 2")
            #expect(read.string("workflowId") == "w1")

            let elsewhere = try await amc.get("/beta/workflows/w1")
            #expect(elsewhere.status == 404)
            #expect(elsewhere.string("code") == "404")

            #expect(try await amc.delete("/acme/workflows/w1").status == 200)
            #expect(try await amc.get("/acme/workflows/w1").status == 404)
            #expect(try await amc.delete("/acme/workflows/w1").status == 404)
            #expect(try await amc.put("/acme/workflows/w9", ["sqlQuery": "SELECT 1"]).status == 404)
        }
    }

    @Test func aDuplicateAnswersTheReferenceMessage() async throws {
        try await withSimulator { amc in
            try await amc.createWorkflow("dup")
            let again = try await amc.post("/acme/workflows", ["workflowId": "dup", "sqlQuery": "SELECT 1"])
            #expect(again.status == 400)
            #expect(again.string("message") == "Workflow with ID dup already exists.")
            #expect(again.string("code") == "400")
            #expect(again.string("details") != nil)
            // Another tenant has its own workflows.
            #expect(try await amc.post("/beta/workflows", ["workflowId": "dup", "sqlQuery": "SELECT 1"]).status == 200)
        }
    }

    @Test func listingPagesAHundredAtATime() async throws {
        try await withSimulator { amc in
            for index in 0..<130 { try await amc.createWorkflow(String(format: "w%03d", index)) }
            let first = try await amc.get("/acme/workflows")
            #expect(first.items("workflows").count == 100)
            let token = try #require(first.string("nextToken"))
            let second = try await amc.get("/acme/workflows?nextToken=\(token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token)")
            #expect(second.items("workflows").count == 30)
            #expect(second.object.keys.contains("nextToken") == false)
            let ids = (first.items("workflows") + second.items("workflows")).compactMap { $0["workflowId"] as? String }
            #expect(Set(ids).count == 130)
            #expect(try await amc.get("/acme/workflows?nextToken=").items("workflows").count == 100)
        }
    }

    @Test func invalidBodiesAreRefusedWithTheErrorShape() async throws {
        try await withSimulator { amc in
            let bodies: [[String: Any]] = [
                ["workflowId": "w1"],
                ["sqlQuery": "SELECT 1"],
                ["workflowId": "w1", "sqlQuery": "SELECT 1", "privacyFilteringBehavior": "KEEP_ALL"],
                ["workflowId": "w/1", "sqlQuery": "SELECT 1"],
                ["workflowId": "w1", "sqlQuery": "SELECT 1", "inputParameters": "x"],
            ]
            for body in bodies {
                let reply = try await amc.post("/acme/workflows", body)
                #expect(reply.status == 400, "\(body)")
                #expect(reply.string("code") == "400")
                #expect(!(reply.string("details") ?? "").isEmpty)
            }
            #expect(try await amc.request(.POST, "/acme/workflows", raw: "{not json").status == 400)
            try await amc.createWorkflow("w1")
            #expect(try await amc.put("/acme/workflows/w1", ["workflowId": "w2", "sqlQuery": "SELECT 1"]).status == 400)
        }
    }
}
