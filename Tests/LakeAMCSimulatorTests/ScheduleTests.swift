import Testing

@Suite struct ScheduleTests {
    @Test func seededSchedulesAreListedAndDeleted() async throws {
        try await withSimulator { amc in
            let added = try await amc.post("/_admin/acme/schedules", ["workflowId": "w1", "aggregationPeriod": "Weekly", "aggregationHourUtc": 3])
            #expect(added.status == 200)
            let id = try #require(added.string("scheduleId"))
            let listed = try await amc.get("/acme/schedules")
            let schedule = try #require(listed.items("schedules").first)
            #expect(schedule["workflowId"] as? String == "w1")
            #expect(schedule["scheduleEnabled"] as? Bool == true)
            #expect(schedule["aggregationPeriod"] as? String == "Weekly")
            #expect(schedule["aggregationHourUtc"] as? Int == 3)
            #expect(listed.object.keys.contains("nextToken") == false)
            let deleted = try await amc.delete("/acme/schedules/\(id)")
            #expect(deleted.status == 200)
            #expect(deleted.text == "{}")
            #expect(try await amc.get("/acme/schedules").items("schedules").isEmpty)
            #expect(try await amc.delete("/acme/schedules/\(id)").status == 404)
            #expect(try await amc.post("/_admin/acme/schedules", ["workflowId": "w1", "aggregationPeriod": "Hourly"]).status == 400)
        }
    }
}
