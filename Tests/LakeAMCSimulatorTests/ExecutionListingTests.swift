import Foundation
import Testing

@Suite struct ExecutionListingTests {
    @Test func pagesEndWithoutANextTokenKey() async throws {
        try await withSimulator { amc in
            try await amc.createWorkflow("w1")
            var submitted: Set<String> = []
            for _ in 0..<60 { submitted.insert(try await amc.submit("w1")) }
            // QS sends an empty nextToken first.
            var path = "/acme/workflowExecutions?minCreationTime=2026-01-01T00:00:00&nextToken="
            var sizes: [Int] = []
            var seen: [String] = []
            while true {
                let page = try await amc.get(path)
                #expect(page.status == 200)
                sizes.append(page.items("executions").count)
                seen += page.items("executions").compactMap { $0["workflowExecutionId"] as? String }
                guard let token = page.string("nextToken") else {
                    #expect(page.object.keys.contains("nextToken") == false)
                    #expect(!page.text.contains("nextToken"))
                    break
                }
                path = "/acme/workflowExecutions?minCreationTime=2026-01-01T00:00:00&nextToken=\(token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token)"
            }
            #expect(sizes == [25, 25, 10])
            #expect(seen.count == 60)
            #expect(Set(seen) == submitted)
            let withoutToken = try await amc.get("/acme/workflowExecutions?minCreationTime=2026-01-01T00:00:00")
            #expect(withoutToken.items("executions").count == 25)
            #expect(try await amc.get("/acme/workflowExecutions?nextToken=garbage").status == 400)
        }
    }

    @Test func minCreationTimeAndWorkflowIdFilter() async throws {
        try await withSimulator { amc in
            try await amc.createWorkflow("w1")
            try await amc.createWorkflow("w2")
            _ = try await amc.submit("w1")
            _ = try await amc.submit("w1")
            amc.clock.advance(3600)
            for _ in 0..<3 { _ = try await amc.submit("w2") }
            #expect(try await amc.get("/acme/workflowExecutions?minCreationTime=2026-01-01T00:00:00").items("executions").count == 5)
            #expect(try await amc.get("/acme/workflowExecutions?minCreationTime=2026-01-01T00:30:00").items("executions").count == 3)
            #expect(try await amc.get("/acme/workflowExecutions?minCreationTime=2026-01-01T00%3A30%3A00&nextToken=").items("executions").count == 3)
            #expect(try await amc.get("/acme/workflowExecutions?minCreationTime=2026-01-01T01:00:01").items("executions").isEmpty)
            let byWorkflow = try await amc.get("/acme/workflowExecutions?workflowId=w1")
            #expect(byWorkflow.items("executions").count == 2)
            #expect(byWorkflow.items("executions").allSatisfy { $0["workflowId"] as? String == "w1" })
            let bad = try await amc.get("/acme/workflowExecutions?minCreationTime=yesterday")
            #expect(bad.status == 400)
            #expect(bad.string("details")?.contains("minCreationTime") == true)
            #expect(try await amc.get("/beta/workflowExecutions?minCreationTime=2026-01-01T00:00:00").items("executions").isEmpty)
        }
    }

    @Test func listedExecutionsCarryTheirCurrentStatus() async throws {
        try await withSimulator { amc in
            try await amc.createWorkflow("w1")
            _ = try await amc.submit("w1")
            amc.clock.advance(15)
            let listed = try await amc.get("/acme/workflowExecutions?minCreationTime=2026-01-01T00:00:00").items("executions")
            #expect(listed.first?["status"] as? String == "RUNNING")
            #expect(listed.first?["lastUpdatedTime"] as? String == "2026-01-01T00:00:10Z")
        }
    }
}
