import Foundation
import LakeCore
import Testing
import LakeWorkflows

@Suite struct ResubmissionFinderTests {
    let since = instant("2024-06-12T00:00:00Z")

    func execution(
        _ id: String, _ status: WorkflowExecutionStatus, _ created: String, tenant: String = "t1", workflow: String = "wf",
        start: String? = "2024-06-01T00:00:00", end: String? = "2024-06-02T00:00:00", zone: String? = "UTC",
        type: String? = "EXPLICIT", parameters: [String: String] = [:]
    ) -> WorkflowExecutionSummary {
        WorkflowExecutionSummary(
            tenant: tenant, workflowExecutionId: id, workflowId: workflow, status: status, timeWindowStart: start,
            timeWindowEnd: end, timeWindowTimeZone: zone, timeWindowType: type, parameterValues: parameters,
            createTime: instant(created))
    }

    func ids(_ executions: [WorkflowExecutionSummary]) -> [String] {
        ResubmissionFinder.candidates(in: executions, since: since).map(\.workflowExecutionId)
    }

    @Test func onlyFailedRejectedAndDeletedWithinTheLookback() {
        let all = WorkflowExecutionStatus.allCases.enumerated().map { index, status in
            execution(status.rawValue, status, "2024-06-13T00:00:0\(index)Z", start: "2024-06-0\(index + 1)T00:00:00")
        }
        #expect(ids(all) == ["DELETED", "REJECTED", "FAILED"])
        let old = execution("old", .failed, "2024-06-11T23:59:59Z")
        let edge = execution("edge", .failed, "2024-06-12T00:00:00Z", start: "2024-05-01T00:00:00")
        #expect(ids([old, edge]) == ["edge"])
    }

    @Test func duplicatesCollapseToTheNewest() {
        let executions = [
            execution("a", .failed, "2024-06-13T00:00:00Z"),
            execution("b", .rejected, "2024-06-14T00:00:00Z"),
            execution("c", .deleted, "2024-06-12T12:00:00Z"),
        ]
        #expect(ids(executions) == ["b"])
    }

    @Test func aSettledTwinOfAnyAgeCancelsTheRequest() {
        for status in [WorkflowExecutionStatus.succeeded, .running, .pending] {
            let executions = [
                execution("failed", .failed, "2024-06-13T00:00:00Z"),
                execution("twin", status, "2024-01-01T00:00:00Z"),
                execution("other", .failed, "2024-06-13T00:00:00Z", parameters: ["x": "1"]),
            ]
            #expect(ids(executions) == ["other"])
        }
        // A cancelled or publishing twin does not.
        for status in [WorkflowExecutionStatus.cancelled, .publishing, .failed] {
            #expect(ids([execution("failed", .failed, "2024-06-13T00:00:00Z"), execution("twin", status, "2024-01-01T00:00:00Z")]) == ["failed"])
        }
    }

    @Test func everyKeyPartSeparatesRequests() {
        let base = execution("base", .failed, "2024-06-13T00:00:00Z")
        let variants = [
            execution("tenant", .failed, "2024-06-13T00:00:01Z", tenant: "t2"),
            execution("workflow", .failed, "2024-06-13T00:00:02Z", workflow: "wf2"),
            execution("start", .failed, "2024-06-13T00:00:03Z", start: "2024-06-01T01:00:00"),
            execution("end", .failed, "2024-06-13T00:00:04Z", end: "2024-06-03T00:00:00"),
            execution("zone", .failed, "2024-06-13T00:00:05Z", zone: "America/New_York"),
            execution("type", .failed, "2024-06-13T00:00:06Z", type: "MOST_RECENT_DAY"),
            execution("params", .failed, "2024-06-13T00:00:07Z", parameters: ["a": "1"]),
        ]
        #expect(ids([base] + variants) == ["params", "type", "zone", "end", "start", "workflow", "tenant", "base"])
    }

    @Test func parameterOrderDoesNotMatterButValuesDo() {
        let executions = [
            execution("a", .failed, "2024-06-13T00:00:00Z", parameters: ["x": "1", "y": "2"]),
            execution("b", .failed, "2024-06-14T00:00:00Z", parameters: ["y": "2", "x": "1"]),
            execution("c", .failed, "2024-06-15T00:00:00Z", parameters: ["x": "1", "y": "3"]),
            execution("ok", .succeeded, "2024-06-15T00:00:00Z", parameters: ["x": "1", "y": "3"]),
        ]
        #expect(ids(executions) == ["b"])
    }

    @Test func missingAndEmptyWindowValuesAreTheSame() {
        let executions = [
            execution("a", .failed, "2024-06-13T00:00:00Z", zone: nil),
            execution("ok", .succeeded, "2024-06-13T00:00:00Z", zone: ""),
        ]
        #expect(ids(executions).isEmpty)
    }

    @Test func tiesAreOrderedDeterministically() {
        let executions = [
            execution("z", .failed, "2024-06-13T00:00:00Z", tenant: "t2"),
            execution("y", .failed, "2024-06-13T00:00:00Z", tenant: "t1", workflow: "b"),
            execution("x", .failed, "2024-06-13T00:00:00Z", tenant: "t1", workflow: "a"),
        ]
        #expect(ids(executions) == ["x", "y", "z"])
        #expect(ids(executions.reversed()) == ["x", "y", "z"])
        // The same request created twice at the same instant keeps the smaller id, whatever the input order.
        let twins = [execution("n2", .failed, "2024-06-13T00:00:00Z"), execution("n1", .rejected, "2024-06-13T00:00:00Z")]
        #expect(ids(twins) == ["n1"])
        #expect(ids(twins.reversed()) == ["n1"])
    }

    @Test func emptyInput() {
        #expect(ids([]).isEmpty)
    }
}
