import Foundation
import LakeCore
import Testing
import LakeWorkflows

@Suite struct CronScheduleParseTests {
    @Test(arguments: [
        ("cron(0 12 * * ? *)", "cron(0 12 * * ? *)"),
        ("  CRON( 0  12 * *  ?  * ) ", "cron(0 12 * * ? *)"),
        ("cron(0 8 ? * mon-fri *)", "cron(0 8 ? * mon-fri *)"),
        ("cron(0 0 L * ? 2024-2030)", "cron(0 0 L * ? 2024-2030)"),
    ])
    func parsesAndPrints(_ text: String, _ canonical: String) throws {
        #expect(try ScheduleExpression.parse(text).description == canonical)
    }

    @Test func matchesIgnoresSeconds() throws {
        let schedule = try ScheduleExpression.parse("cron(30 14 * * ? *)")
        #expect(schedule.matches(instant("2024-06-15T14:30:00Z")))
        #expect(schedule.matches(instant("2024-06-15T14:30:59Z")))
        #expect(!schedule.matches(instant("2024-06-15T14:31:00Z")))
        #expect(!schedule.matches(instant("2024-06-15T13:30:00Z")))
    }

    @Test func dayOfWeekNumbersStartOnSunday() throws {
        let sunday = try ScheduleExpression.parse("cron(0 0 ? * 1 *)")
        #expect(sunday.matches(instant("2024-06-16T00:00:00Z")))
        #expect(!sunday.matches(instant("2024-06-17T00:00:00Z")))
        let saturday = try ScheduleExpression.parse("cron(0 0 ? * L *)")
        #expect(saturday.matches(instant("2024-06-15T00:00:00Z")))
        #expect(try ScheduleExpression.parse("cron(0 0 ? * SAT *)").matches(instant("2024-06-15T00:00:00Z")))
        #expect(try ScheduleExpression.parse("cron(0 0 ? * 7 *)").matches(instant("2024-06-15T00:00:00Z")))
    }

    @Test func lastDayOfMonthInLeapAndCommonYears() throws {
        let last = try ScheduleExpression.parse("cron(0 0 L * ? *)")
        #expect(last.matches(instant("2024-02-29T00:00:00Z")))
        #expect(!last.matches(instant("2024-02-28T00:00:00Z")))
        #expect(last.matches(instant("2023-02-28T00:00:00Z")))
        #expect(last.matches(instant("2100-02-28T00:00:00Z")))
        #expect(last.matches(instant("2000-02-29T00:00:00Z")))
    }

    @Test func yearFieldLimitsMatching() throws {
        let schedule = try ScheduleExpression.parse("cron(0 0 1 * ? 2024,2026)")
        #expect(schedule.matches(instant("2024-03-01T00:00:00Z")))
        #expect(!schedule.matches(instant("2025-03-01T00:00:00Z")))
        #expect(schedule.matches(instant("2026-03-01T00:00:00Z")))
    }

    @Test(arguments: [
        ("cron(0 12 * * * *)", "must be '?'"),
        ("cron(0 12 1 * MON *)", "must be '?'"),
        ("cron(0 12 ? * ? *)", "cannot both be '?'"),
        ("cron(0 12 * * ?)", "6 fields"),
        ("cron(0 12 * * ? * *)", "6 fields"),
        ("cron()", "6 fields"),
        ("cron(60 * * * ? *)", "minutes"),
        ("cron(0 24 * * ? *)", "hours"),
        ("cron(0 0 32 * ? *)", "day-of-month"),
        ("cron(0 0 0 * ? *)", "day-of-month"),
        ("cron(0 0 ? 13 MON *)", "month"),
        ("cron(0 0 1 FOO ? *)", "month"),
        ("cron(0 0 ? * 8 *)", "day-of-week"),
        ("cron(0 0 ? * 0 *)", "day-of-week"),
        ("cron(0 0 ? * FUN *)", "day-of-week"),
        ("cron(0 0 ? * 6#6 *)", "'#'"),
        ("cron(0 0 ? * 6#0 *)", "'#'"),
        ("cron(0 0 ? * 6# *)", "'#'"),
        ("cron(0 0 ? * 8L *)", "day-of-week"),
        ("cron(0 0 1 * ? 1969)", "year"),
        ("cron(0 0 1 * ? 2030-2025)", "backwards"),
        ("cron(*/0 * * * ? *)", "step"),
        ("cron(*/x * * * ? *)", "step"),
        ("cron(1/2/3 * * * ? *)", "'/'"),
        ("cron(? 0 1 * ? *)", "minutes"),
        ("cron(0 0 1? * ? *)", "stand alone"),
        ("cron(0 0 L-3 * ? *)", "day-of-month"),
        ("cron(0 0 32W * ? *)", "day-of-month"),
        ("cron(0 0 1,,2 * ? *)", "empty"),
        ("cron(0 0 1, * ? *)", "empty"),
        ("cron(a b c d ? f)", "minutes"),
        ("cron(0 -1 * * ? *)", "hours"),
    ])
    func badCronSaysWhatIsWrong(_ text: String, _ fragment: String) {
        let error = lakeError { () throws(LakeError) in try ScheduleExpression.parse(text) }
        #expect(error?.code == .usage)
        #expect(error?.message.contains(text) == true)
        #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "no error")")
        #expect(error?.context["schedule"] == text)
    }

    @Test(arguments: ["", "every day", "cron 0 12 * * ? *", "cron(0 12 * * ? *", "foo(1 2 3)", "cron((0 12 * * ? *))", "at(2024-01-01T00:00:00)"])
    func notAScheduleAtAll(_ text: String) {
        let error = lakeError { () throws(LakeError) in try ScheduleExpression.parse(text) }
        #expect(error?.code == .usage)
    }
}
