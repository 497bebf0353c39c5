import Foundation
import Testing

@Suite struct ExecutionSubmitTests {
    @Test func aSubmissionAnswersAFlatPendingExecution() async throws {
        try await withSimulator { amc in
            try await amc.createWorkflow("w1")
            let reply = try await amc.post("/acme/workflowExecutions", [
                "workflowId": "w1", "timeWindowType": "EXPLICIT", "timeWindowTimeZone": "America/New_York",
                "timeWindowStart": "2024-01-01T00:00:00", "timeWindowEnd": "2024-07-01T00:00:00",
                "parameterValues": ["country": "US"], "ignoreDataGaps": "true", "workflowExecutionTimeoutSeconds": "3600",
                "dryRun": false, "skipPublish": "false",
            ])
            #expect(reply.status == 200)
            #expect(UUID(uuidString: reply.string("workflowExecutionId") ?? "") != nil)
            #expect(reply.string("workflowId") == "w1")
            #expect(reply.string("status") == "PENDING")
            #expect(reply.string("createTime") == "2026-01-01T00:00:00Z")
            #expect(reply.string("lastUpdatedTime") == "2026-01-01T00:00:00Z")
            #expect(reply.string("executionCategory") == "AD_HOC")
            #expect(reply.string("timeWindowStart") == "2024-01-01T05:00:00Z")
            #expect(reply.string("timeWindowEnd") == "2024-07-01T04:00:00Z")
            #expect(reply.string("timeWindowStartOriginal") == "2024-01-01T00:00:00")
            #expect(reply.string("timeWindowEndOriginal") == "2024-07-01T00:00:00")
            #expect(reply.string("timeWindowTimeZoneOriginal") == "America/New_York")
            #expect(reply.object["parameterValues"] as? [String: String] == ["country": "US"])
            #expect(reply.object["ignoreDataGaps"] as? Bool == true)
            #expect(reply.object["workflowExecutionTimeoutSeconds"] as? Int == 3600)
            #expect((reply.object["dataGaps"] as? [Any])?.isEmpty == true)
            #expect(reply.object.keys.contains("expireTime"))
            #expect(reply.object.keys.contains("waitUntil"))
        }
    }

    @Test func nativeTypesAndDefaultsAreTaken() async throws {
        try await withSimulator { amc in
            try await amc.createWorkflow("w1")
            let reply = try await amc.post("/acme/workflowExecutions", ["workflowId": "w1", "ignoreDataGaps": true, "workflowExecutionTimeoutSeconds": 7200])
            #expect(reply.status == 200)
            #expect(reply.object["workflowExecutionTimeoutSeconds"] as? Int == 7200)
            #expect(reply.object["ignoreDataGaps"] as? Bool == true)
            // No window: the most recent day, in UTC.
            #expect(reply.string("timeWindowType") == "MOST_RECENT_DAY")
            #expect(reply.string("timeWindowStart") == "2025-12-31T00:00:00Z")
            #expect(reply.string("timeWindowEnd") == "2026-01-01T00:00:00Z")
            let plain = try await amc.post("/acme/workflowExecutions", ["workflowId": "w1"])
            #expect(plain.object["workflowExecutionTimeoutSeconds"] as? Int == 21600)
            #expect(plain.object["ignoreDataGaps"] as? Bool == false)
        }
    }

    @Test func anUnknownWorkflowIsA400() async throws {
        try await withSimulator { amc in
            let reply = try await amc.post("/acme/workflowExecutions", ["workflowId": "nope"])
            #expect(reply.status == 400)
            #expect(reply.string("code") == "400")
            #expect(reply.string("details")?.contains("nope") == true)
        }
    }

    @Test func badBodiesAreA400NamingTheField() async throws {
        try await withSimulator { amc in
            try await amc.createWorkflow("w1")
            let cases: [(String, [String: Any])] = [
                ("workflowId", [:]),
                ("timeWindowTimeZone", ["workflowId": "w1", "timeWindowTimeZone": "Mars/Base", "timeWindowStart": "2024-01-01T00:00:00", "timeWindowEnd": "2024-01-02T00:00:00"]),
                ("timeWindowEnd", ["workflowId": "w1", "timeWindowType": "EXPLICIT", "timeWindowStart": "2024-01-01T00:00:00"]),
                ("before", ["workflowId": "w1", "timeWindowStart": "2024-01-02T00:00:00", "timeWindowEnd": "2024-01-01T00:00:00"]),
                ("timeWindowStart", ["workflowId": "w1", "timeWindowStart": "2024-02-30T00:00:00", "timeWindowEnd": "2024-03-01T00:00:00"]),
                ("EXPLICIT", ["workflowId": "w1", "timeWindowType": "MOST_RECENT_DAY", "timeWindowStart": "2024-01-01T00:00:00"]),
                ("timeWindowType", ["workflowId": "w1", "timeWindowType": "FORTNIGHT"]),
                ("workflowExecutionTimeoutSeconds", ["workflowId": "w1", "workflowExecutionTimeoutSeconds": "soon"]),
                ("ignoreDataGaps", ["workflowId": "w1", "ignoreDataGaps": "maybe"]),
                ("parameterValues", ["workflowId": "w1", "parameterValues": ["a"]]),
            ]
            for (field, body) in cases {
                let reply = try await amc.post("/acme/workflowExecutions", body)
                #expect(reply.status == 400, "\(body)")
                #expect(reply.string("code") == "400")
                #expect(reply.string("details")?.contains(field) == true, "\(reply.text)")
            }
            #expect(try await amc.stats()["submitted"] as? Int == 0)
        }
    }
}
