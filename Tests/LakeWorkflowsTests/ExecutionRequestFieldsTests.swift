import Foundation
import LakeCore
import Testing
import LakeWorkflows

@Suite struct ExecutionRequestFieldsTests {
    let now = instant("2024-03-31T01:30:00Z")

    @Test func resolvesWindowAndEveryParameterInTheRequestZone() throws {
        let request = ExecutionRequestFields(
            timeWindowStart: "TODAY(-1)", timeWindowEnd: "today()", timeWindowTimeZone: "America/New_York",
            parameterValues: ["asOf": "NOW()", "monthStart": "FIRSTDAYOFOFFSETMONTH(0)", "campaign": "spring sale", "fixed": "2024-01-01T00:00:00"])
        let resolved = try request.resolved(now: now)
        #expect(resolved.timeWindowStart == "2024-03-29T00:00:00")
        #expect(resolved.timeWindowEnd == "2024-03-30T00:00:00")
        #expect(resolved.timeWindowTimeZone == "America/New_York")
        #expect(resolved.parameterValues == [
            "asOf": "2024-03-30T21:30:00", "monthStart": "2024-03-01T00:00:00", "campaign": "spring sale",
            "fixed": "2024-01-01T00:00:00",
        ])
    }

    @Test func noZoneMeansUTC() throws {
        let resolved = try ExecutionRequestFields(timeWindowStart: "TODAY()", timeWindowEnd: nil).resolved(now: now)
        #expect(resolved.timeWindowStart == "2024-03-31T00:00:00")
        #expect(resolved.timeWindowEnd == nil)
    }

    @Test func aBadValueNamesItsField() {
        let request = ExecutionRequestFields(
            timeWindowStart: "TODAY()", parameterValues: ["b": "TODAY(x)", "a": "fine", "c": "YESTERDAY()"])
        let error = lakeError { () throws(LakeError) in try request.resolved(now: now) }
        #expect(error?.code == .usage)
        #expect(error?.context["field"] == "parameterValues.b")
        #expect(error?.message.contains("TODAY(x)") == true)
    }

    @Test func badWindowEndNamesTheField() {
        let error = lakeError { () throws(LakeError) in
            try ExecutionRequestFields(timeWindowStart: "TODAY()", timeWindowEnd: "TODAY(").resolved(now: now)
        }
        #expect(error?.context["field"] == "timeWindowEnd")
    }

    @Test func unknownZoneIsAUsageError() {
        let error = lakeError { () throws(LakeError) in
            try ExecutionRequestFields(timeWindowStart: "TODAY()", timeWindowTimeZone: "Moon/Base").resolved(now: now)
        }
        #expect(error?.code == .usage)
        #expect(error?.message.contains("Moon/Base") == true)
    }
}
