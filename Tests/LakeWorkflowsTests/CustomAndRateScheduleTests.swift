import Foundation
import LakeCore
import Testing
import LakeWorkflows

@Suite struct CustomScheduleTests {
    @Test func hourlyFiresAtMinuteZero() throws {
        let schedule = try ScheduleExpression.parse("custom(H * *)")
        #expect(schedule.matches(instant("2024-06-15T13:00:00Z")))
        #expect(schedule.matches(instant("2024-06-15T13:00:59Z")))
        #expect(!schedule.matches(instant("2024-06-15T13:01:00Z")))
        #expect(schedule.matches(instant("2024-06-15T00:00:00Z")))
        #expect(schedule.nextFire(after: instant("2024-06-15T23:00:00Z"), lastFired: nil) == instant("2024-06-16T00:00:00Z"))
    }

    @Test func dailyAtAnHour() throws {
        let schedule = try ScheduleExpression.parse("custom(D * 7)")
        #expect(schedule.matches(instant("2024-06-15T07:00:00Z")))
        #expect(!schedule.matches(instant("2024-06-15T07:30:00Z")))
        #expect(!schedule.matches(instant("2024-06-15T08:00:00Z")))
        #expect(schedule.nextFire(after: instant("2024-06-15T07:00:00Z"), lastFired: nil) == instant("2024-06-16T07:00:00Z"))
    }

    @Test func weeklyCountsMondayAsZero() throws {
        let monday = try ScheduleExpression.parse("custom(W 0 9)")
        #expect(monday.matches(instant("2024-06-17T09:00:00Z")))
        #expect(!monday.matches(instant("2024-06-16T09:00:00Z")))
        let sunday = try ScheduleExpression.parse("custom(W 6 23)")
        #expect(sunday.matches(instant("2024-06-16T23:00:00Z")))
        #expect(!sunday.matches(instant("2024-06-15T23:00:00Z")))
        let friday = try ScheduleExpression.parse("custom(W 4 0)")
        #expect(friday.nextFire(after: instant("2024-06-15T00:00:00Z"), lastFired: nil) == instant("2024-06-21T00:00:00Z"))
    }

    @Test func monthlySkipsMonthsWithoutTheDay() throws {
        let schedule = try ScheduleExpression.parse("custom(M 31 0)")
        #expect(schedule.matches(instant("2024-05-31T00:00:00Z")))
        #expect(schedule.nextFire(after: instant("2024-04-01T00:00:00Z"), lastFired: nil) == instant("2024-05-31T00:00:00Z"))
        let leap = try ScheduleExpression.parse("custom(M 29 12)")
        #expect(leap.nextFire(after: instant("2023-01-30T00:00:00Z"), lastFired: nil) == instant("2023-03-29T12:00:00Z"))
        #expect(leap.nextFire(after: instant("2024-01-30T00:00:00Z"), lastFired: nil) == instant("2024-02-29T12:00:00Z"))
    }

    @Test(arguments: [
        ("custom(H * *)", "custom(H * *)"), ("custom(d * 07)", "custom(D * 7)"), ("Custom( W 6 23 )", "custom(W 6 23)"),
        ("custom(M 1 0)", "custom(M 1 0)"),
    ])
    func printsWithoutPadding(_ text: String, _ canonical: String) throws {
        #expect(try ScheduleExpression.parse(text).description == canonical)
    }

    @Test(arguments: [
        ("custom(H * *)", "cron(0 * * * ? *)"), ("custom(D * 7)", "cron(0 7 * * ? *)"), ("custom(W 0 9)", "cron(0 9 ? * 2 *)"),
        ("custom(W 6 9)", "cron(0 9 ? * 1 *)"), ("custom(W 5 9)", "cron(0 9 ? * 7 *)"), ("custom(M 31 23)", "cron(0 23 31 * ? *)"),
    ])
    func hasAnEquivalentEventBridgeCron(_ text: String, _ cron: String) throws {
        guard case .custom(let custom) = try ScheduleExpression.parse(text), case .cron(let parsed) = try ScheduleExpression.parse(cron) else {
            Issue.record("expected a custom and a cron schedule")
            return
        }
        #expect(custom.cron == parsed)
        #expect(custom.cron.description == cron)
    }

    @Test(arguments: [
        "custom(H 1 *)", "custom(H * 1)", "custom(D 1 7)", "custom(D * 24)", "custom(D * -1)", "custom(D *)", "custom(D * 7 1)",
        "custom(W 7 1)", "custom(W * 1)", "custom(M 0 1)", "custom(M 32 1)", "custom(X * *)", "custom()", "custom(D * x)",
    ])
    func badCustomSchedules(_ text: String) {
        let error = lakeError { () throws(LakeError) in try ScheduleExpression.parse(text) }
        #expect(error?.code == .usage)
        #expect(error?.message.contains(text) == true)
    }
}

@Suite struct RateScheduleTests {
    @Test(arguments: [
        ("rate(1 minute)", 60, "rate(1 minute)"), ("rate(5 minutes)", 300, "rate(5 minutes)"), ("rate(1 minutes)", 60, "rate(1 minute)"),
        ("rate(2 hour)", 7200, "rate(2 hours)"), ("RATE(1 Day)", 86_400, "rate(1 day)"), ("rate( 3  days )", 259_200, "rate(3 days)"),
    ])
    func parsesLeniently(_ text: String, _ seconds: Int, _ canonical: String) throws {
        let schedule = try ScheduleExpression.parse(text)
        guard case .rate(let rate) = schedule else {
            Issue.record("expected a rate")
            return
        }
        #expect(rate.intervalSeconds == seconds)
        #expect(schedule.description == canonical)
    }

    @Test(arguments: ["rate(0 minutes)", "rate(-5 minutes)", "rate(5 weeks)", "rate(5)", "rate(1.5 hours)", "rate(minutes 5)", "rate(99999999 days)", "rate()"])
    func rejectsBadRates(_ text: String) {
        let error = lakeError { () throws(LakeError) in try ScheduleExpression.parse(text) }
        #expect(error?.code == .usage)
        #expect(error?.message.contains(text) == true)
    }

    @Test func nextFireCountsFromTheLastFire() throws {
        let schedule = try ScheduleExpression.parse("rate(5 minutes)")
        let after = instant("2024-06-15T10:00:30Z")
        #expect(schedule.nextFire(after: after, lastFired: nil) == instant("2024-06-15T10:01:00Z"))
        #expect(schedule.nextFire(after: instant("2024-06-15T10:00:00Z"), lastFired: nil) == instant("2024-06-15T10:00:00Z"))
        #expect(schedule.nextFire(after: after, lastFired: instant("2024-06-15T09:58:00Z")) == instant("2024-06-15T10:03:00Z"))
        // Overdue: the next fire is already in the past, so it is due now.
        #expect(schedule.nextFire(after: after, lastFired: instant("2024-06-15T09:00:00Z")) == instant("2024-06-15T09:05:00Z"))
        #expect(!schedule.matches(instant("2024-06-15T10:00:00Z")))
    }

    @Test func dueFiresStepFromSince() throws {
        let schedule = try ScheduleExpression.parse("rate(30 minutes)")
        let fires = schedule.dueFires(since: instant("2024-06-15T10:00:00Z"), until: instant("2024-06-15T11:15:00Z"), limit: 10)
        #expect(fires == [instant("2024-06-15T10:30:00Z"), instant("2024-06-15T11:00:00Z")])
    }
}
