import Foundation
import LakeCore
import Testing
import LakeWorkflows

/// Cron fire times checked against an independent brute-force evaluator (Python, minute by
/// minute over 800 days), written here as literals.
@Suite struct CronScheduleFireTests {
    static let cases: [(String, String, [String])] = [
        ("0 12 * * ? *", "2024-06-15T11:59:30Z", ["2024-06-15T12:00:00Z", "2024-06-16T12:00:00Z", "2024-06-17T12:00:00Z"]),
        ("0/15 * * * ? *", "2024-06-15T23:50:00Z", ["2024-06-16T00:00:00Z", "2024-06-16T00:15:00Z", "2024-06-16T00:30:00Z", "2024-06-16T00:45:00Z"]),
        ("5-10/2 * * * ? *", "2024-06-15T10:06:00Z", ["2024-06-15T10:07:00Z", "2024-06-15T10:09:00Z", "2024-06-15T11:05:00Z", "2024-06-15T11:07:00Z"]),
        ("0 8 ? * MON-FRI *", "2024-06-14T08:00:00Z", ["2024-06-17T08:00:00Z", "2024-06-18T08:00:00Z", "2024-06-19T08:00:00Z", "2024-06-20T08:00:00Z"]),
        ("0 0 L * ? *", "2024-01-15T00:00:00Z", ["2024-01-31T00:00:00Z", "2024-02-29T00:00:00Z", "2024-03-31T00:00:00Z", "2024-04-30T00:00:00Z"]),
        ("0 0 ? * 6L *", "2024-06-01T00:00:00Z", ["2024-06-28T00:00:00Z", "2024-07-26T00:00:00Z", "2024-08-30T00:00:00Z"]),
        ("0 0 ? * L *", "2024-06-13T00:00:00Z", ["2024-06-15T00:00:00Z", "2024-06-22T00:00:00Z", "2024-06-29T00:00:00Z"]),
        ("0 0 ? * 6#3 *", "2024-06-01T00:00:00Z", ["2024-06-21T00:00:00Z", "2024-07-19T00:00:00Z", "2024-08-16T00:00:00Z"]),
        ("0 0 ? * FRI#3 *", "2024-06-01T00:00:00Z", ["2024-06-21T00:00:00Z", "2024-07-19T00:00:00Z", "2024-08-16T00:00:00Z"]),
        ("0 0 ? * 2#5 *", "2024-06-01T00:00:00Z", ["2024-07-29T00:00:00Z", "2024-09-30T00:00:00Z", "2024-12-30T00:00:00Z"]),
        ("0 9 1,15 JAN,JUL ? 2024-2025", "2024-01-01T09:00:00Z", ["2024-01-15T09:00:00Z", "2024-07-01T09:00:00Z", "2024-07-15T09:00:00Z", "2025-01-01T09:00:00Z", "2025-01-15T09:00:00Z"]),
        ("30 23 ? * SUN *", "2024-06-10T00:00:00Z", ["2024-06-16T23:30:00Z", "2024-06-23T23:30:00Z"]),
        ("0 0 ? * FRI-MON *", "2024-06-12T00:00:00Z", ["2024-06-14T00:00:00Z", "2024-06-15T00:00:00Z", "2024-06-16T00:00:00Z", "2024-06-17T00:00:00Z", "2024-06-21T00:00:00Z"]),
        ("0 22-2 * * ? *", "2024-06-15T20:00:00Z", ["2024-06-15T22:00:00Z", "2024-06-15T23:00:00Z", "2024-06-16T00:00:00Z", "2024-06-16T01:00:00Z", "2024-06-16T02:00:00Z", "2024-06-16T22:00:00Z"]),
        ("0 0 15W * ? *", "2024-06-01T00:00:00Z", ["2024-06-14T00:00:00Z", "2024-07-15T00:00:00Z", "2024-08-15T00:00:00Z", "2024-09-16T00:00:00Z"]),
        ("0 0 1W * ? *", "2024-05-15T00:00:00Z", ["2024-06-03T00:00:00Z", "2024-07-01T00:00:00Z", "2024-08-01T00:00:00Z", "2024-09-02T00:00:00Z", "2024-10-01T00:00:00Z"]),
        ("0 0 LW * ? *", "2024-05-15T00:00:00Z", ["2024-05-31T00:00:00Z", "2024-06-28T00:00:00Z", "2024-07-31T00:00:00Z", "2024-08-30T00:00:00Z"]),
        ("0 0 1 jan ? *", "2024-06-15T00:00:00Z", ["2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z"]),
        ("15,45 6/6 ? * 1,7 *", "2024-06-14T00:00:00Z", ["2024-06-15T06:15:00Z", "2024-06-15T06:45:00Z", "2024-06-15T12:15:00Z", "2024-06-15T12:45:00Z", "2024-06-15T18:15:00Z", "2024-06-15T18:45:00Z"]),
        ("0 12 31 * ? *", "2024-04-01T00:00:00Z", ["2024-05-31T12:00:00Z", "2024-07-31T12:00:00Z", "2024-08-31T12:00:00Z", "2024-10-31T12:00:00Z"]),
        ("*/20 9-10 * 11-2 ? *", "2024-06-15T00:00:00Z", ["2024-11-01T09:00:00Z", "2024-11-01T09:20:00Z", "2024-11-01T09:40:00Z", "2024-11-01T10:00:00Z"]),
        ("0 0 ? * */2 *", "2024-06-15T00:00:00Z", ["2024-06-16T00:00:00Z", "2024-06-18T00:00:00Z", "2024-06-20T00:00:00Z", "2024-06-22T00:00:00Z"]),
        ("0 0 10-20/5 * ? *", "2024-06-15T00:00:00Z", ["2024-06-20T00:00:00Z", "2024-07-10T00:00:00Z", "2024-07-15T00:00:00Z", "2024-07-20T00:00:00Z"]),
        ("0 0 L,15 * ? *", "2024-06-15T00:00:00Z", ["2024-06-30T00:00:00Z", "2024-07-15T00:00:00Z", "2024-07-31T00:00:00Z", "2024-08-15T00:00:00Z"]),
        ("0 0 ? * MON#1,FRI#2 *", "2024-06-01T00:00:00Z", ["2024-06-03T00:00:00Z", "2024-06-14T00:00:00Z", "2024-07-01T00:00:00Z", "2024-07-12T00:00:00Z"]),
    ]

    @Test(arguments: cases)
    func firesMatchTheReference(_ testCase: (String, String, [String])) throws {
        let (fields, after, expected) = testCase
        let schedule = try ScheduleExpression.parse("cron(\(fields))")
        let start = instant(after)
        let fires = schedule.dueFires(since: start, until: start.addingTimeInterval(800 * 86_400), limit: expected.count)
        #expect(fires == expected.map(instant))
        // nextFire chains to the same times, and every fire matches.
        var last = start
        for expectedFire in expected.map(instant) {
            let next = schedule.nextFire(after: last, lastFired: nil)
            #expect(next == expectedFire)
            #expect(schedule.matches(expectedFire))
            last = expectedFire
        }
    }

    @Test func leapDayOnlyFiresInLeapYears() throws {
        let schedule = try ScheduleExpression.parse("cron(0 0 29 2 ? *)")
        let start = instant("2024-03-01T00:00:00Z")
        #expect(schedule.nextFire(after: start, lastFired: nil) == instant("2028-02-29T00:00:00Z"))
        #expect(schedule.dueFires(since: start, until: instant("2036-12-31T00:00:00Z"), limit: 10).map { $0 } == [
            instant("2028-02-29T00:00:00Z"), instant("2032-02-29T00:00:00Z"), instant("2036-02-29T00:00:00Z"),
        ])
    }

    @Test func noFireWithinFiveYearsIsNil() throws {
        let after = instant("2024-06-15T00:00:00Z")
        #expect(try ScheduleExpression.parse("cron(0 0 31 2 ? *)").nextFire(after: after, lastFired: nil) == nil)
        #expect(try ScheduleExpression.parse("cron(0 0 30 FEB ? *)").nextFire(after: after, lastFired: nil) == nil)
        #expect(try ScheduleExpression.parse("cron(0 0 1 1 ? 2030)").nextFire(after: after, lastFired: nil) == nil)
        #expect(try ScheduleExpression.parse("cron(0 0 1 1 ? 2029)").nextFire(after: after, lastFired: nil) == instant("2029-01-01T00:00:00Z"))
        #expect(try ScheduleExpression.parse("cron(0 0 1 1 ? 2020-2023)").nextFire(after: after, lastFired: nil) == nil)
    }

    @Test func fiveYearSearchIsFast() throws {
        // Never fires: 5 years of day skipping must stay cheap.
        let schedule = try ScheduleExpression.parse("cron(* * 31 2 ? *)")
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for offset in 0..<20 {
                _ = schedule.nextFire(after: instant("2024-06-15T00:00:00Z").addingTimeInterval(Double(offset) * 86_400), lastFired: nil)
            }
        }
        #expect(elapsed < .seconds(2))
    }
}
