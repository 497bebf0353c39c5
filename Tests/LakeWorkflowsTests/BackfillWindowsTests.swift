import LakeCore
import Testing
import LakeWorkflows

@Suite struct BackfillWindowsTests {
    func windows(_ from: String, _ to: String, _ days: Int, _ kind: BackfillWindowKind) throws -> [[String]] {
        try BackfillWindows.make(from: from, to: to, days: days, kind: kind).map { [$0.start, $0.end] }
    }

    @Test func tumblingWindowsShareTheirEnds() throws {
        #expect(try windows("2022-01-01", "2022-01-29", 7, .tumbling) == [
            ["2022-01-01T00:00:00", "2022-01-08T00:00:00"], ["2022-01-08T00:00:00", "2022-01-15T00:00:00"],
            ["2022-01-15T00:00:00", "2022-01-22T00:00:00"], ["2022-01-22T00:00:00", "2022-01-29T00:00:00"],
        ])
    }

    @Test func slidingWindowsMoveOneDay() throws {
        #expect(try windows("2022-01-01", "2022-01-06", 3, .sliding) == [
            ["2022-01-01T00:00:00", "2022-01-04T00:00:00"], ["2022-01-02T00:00:00", "2022-01-05T00:00:00"],
            ["2022-01-03T00:00:00", "2022-01-06T00:00:00"],
        ])
    }

    @Test func rangeEqualToTheWidthIsOneWindow() throws {
        let one = [["2022-01-01T00:00:00", "2022-01-08T00:00:00"]]
        #expect(try windows("2022-01-01", "2022-01-08", 7, .tumbling) == one)
        #expect(try windows("2022-01-01", "2022-01-08", 7, .sliding) == one)
    }

    @Test func oneDayWindowsAcrossMonthAndLeapDay() throws {
        let expected = [
            ["2024-02-28T00:00:00", "2024-02-29T00:00:00"], ["2024-02-29T00:00:00", "2024-03-01T00:00:00"],
            ["2024-03-01T00:00:00", "2024-03-02T00:00:00"],
        ]
        #expect(try windows("2024-02-28", "2024-03-02", 1, .tumbling) == expected)
        #expect(try windows("2024-02-28", "2024-03-02", 1, .sliding) == expected)
        #expect(try windows("2023-12-31", "2024-01-01", 1, .tumbling) == [["2023-12-31T00:00:00", "2024-01-01T00:00:00"]])
    }

    @Test func slidingShorterThanTheWidthIsEmpty() throws {
        #expect(try windows("2022-01-01", "2022-01-03", 3, .sliding).isEmpty)
    }

    @Test func nonDivisibleTumblingNamesTheEndsThatFit() {
        let error = lakeError { () throws(LakeError) in
            try BackfillWindows.make(from: "2022-01-01", to: "2022-01-30", days: 7, kind: .tumbling)
        }
        #expect(error?.code == .usage)
        let message = error?.message ?? ""
        #expect(message.contains("2022-01-29"))
        #expect(message.contains("2022-02-05"))
        #expect(message.contains("2022-01-30"))
    }

    @Test func rangeShorterThanOneTumblingWindowNamesTheFirstFit() {
        let error = lakeError { () throws(LakeError) in
            try BackfillWindows.make(from: "2022-01-01", to: "2022-01-03", days: 7, kind: .tumbling)
        }
        #expect(error?.code == .usage)
        #expect(error?.message.contains("2022-01-08 (1 window)") == true)
        #expect(error?.message.contains("0 windows") == false)
    }

    @Test(arguments: [
        ("2022-01-08", "2022-01-01", 7), ("2022-01-01", "2022-01-01", 1), ("2022-01-01", "2022-01-29", 0),
        ("2022-01-01", "2022-01-29", -7), ("2022-1-1", "2022-01-29", 7), ("2022-01-01", "2022-02-30", 1),
        ("2023-02-29", "2023-03-29", 1), ("2022-01-01T00:00:00", "2022-01-29", 7), ("", "2022-01-29", 7),
        ("20220101", "2022-01-29", 7), ("2022-01-01", "2100-01-01", 1),
    ])
    func badArguments(_ from: String, _ to: String, _ days: Int) {
        for kind in BackfillWindowKind.allCases {
            let error = lakeError { () throws(LakeError) in try BackfillWindows.make(from: from, to: to, days: days, kind: kind) }
            #expect(error?.code == .usage, "\(from) \(to) \(days) \(kind)")
        }
    }

    @Test func windowKindNames() throws {
        #expect(try BackfillWindowKind.parse("Tumbling") == .tumbling)
        #expect(try BackfillWindowKind.parse(" sliding ") == .sliding)
        #expect(lakeError { () throws(LakeError) in try BackfillWindowKind.parse("hopping") }?.code == .usage)
    }
}
