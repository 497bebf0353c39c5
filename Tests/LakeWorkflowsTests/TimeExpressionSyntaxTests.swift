import Foundation
import LakeCore
import Testing
import LakeWorkflows

@Suite struct TimeExpressionSyntaxTests {
    let now = instant("2024-06-15T13:45:07Z")
    let utc = zone("UTC")

    @Test(arguments: [
        ("today()", "2024-06-15T00:00:00"),
        ("Today()", "2024-06-15T00:00:00"),
        ("TODAY(0)", "2024-06-15T00:00:00"),
        ("TODAY(-1)", "2024-06-14T00:00:00"),
        ("TODAY(+3)", "2024-06-18T00:00:00"),
        ("today( +3 )", "2024-06-18T00:00:00"),
        ("TODAY( - 2 )", "2024-06-13T00:00:00"),
        ("TODAY (1)", "2024-06-16T00:00:00"),
        ("  TODAY(1)  ", "2024-06-16T00:00:00"),
        ("now()", "2024-06-15T13:45:07"),
        ("NOW( )", "2024-06-15T13:45:07"),
        ("firstdayofoffsetmonth(-1)", "2024-05-01T00:00:00"),
        ("LastDayOfOffsetMonth( 0 )", "2024-06-30T00:00:00"),
        ("FIFTEENTHDAYOFOFFSETMONTH(+1)", "2024-07-15T00:00:00"),
        ("FIRSTDAYOFOFFSETMONTH()", "2024-06-01T00:00:00"),
        ("TODAY(007)", "2024-06-22T00:00:00"),
    ])
    func caseSpacesAndSigns(_ expression: String, _ expected: String) throws {
        #expect(try TimeExpression.resolve(expression, now: now, timeZone: utc) == expected)
    }

    @Test func nowTruncatesFractionalSeconds() throws {
        let later = now.addingTimeInterval(0.999)
        #expect(try TimeExpression.resolve("NOW()", now: later, timeZone: utc) == "2024-06-15T13:45:07")
    }

    @Test(arguments: [
        "2024-01-01T00:00:00", "2024-01-01", "", "   ", "hello", "TODAY", "today is fine", "Today's report (draft)",
        "123", "(1)", "a-b(c", "[\"NOW()\"]", "campaign (US)",
    ])
    func plainStringsPassThrough(_ text: String) throws {
        #expect(try TimeExpression.resolve(text, now: now, timeZone: utc) == text)
    }

    @Test(arguments: [
        "YESTERDAY()", "yesterday(1)", "TODAY(x)", "TODAY(1.5)", "TODAY(", "TODAY(1", "NOW(1)", "NOW(", "TODAY(1)(2)", "TODAY(1) and more text",
        "TODAY(--1)", "TODAY(+)", "TODAY(1 2)", "LASTDAYOFOFFSETMONTH(one)", "FIRSTDAYOFMONTH(1)", "TODAY(36601)",
        "FIRSTDAYOFOFFSETMONTH(-1201)", "TODAY(99999999999999999999999)", "xTODAY(1)",
    ])
    func malformedExpressionsAreUsageErrors(_ text: String) {
        let error = lakeError { () throws(LakeError) in try TimeExpression.resolve(text, now: now, timeZone: utc) }
        #expect(error?.code == .usage)
        #expect(error?.message.contains(text) == true)
        #expect(error?.context["expression"] == text)
    }

    @Test func unknownFunctionErrorListsTheFunctions() {
        let error = lakeError { () throws(LakeError) in try TimeExpression.resolve("YESTERDAY()", now: now, timeZone: utc) }
        let text = "\(error?.message ?? "") \(error?.hint ?? "")"
        for name in ["NOW()", "TODAY(n)", "FIRSTDAYOFOFFSETMONTH(n)", "LASTDAYOFOFFSETMONTH(n)", "FIFTEENTHDAYOFOFFSETMONTH(n)"] {
            #expect(text.contains(name))
        }
    }

    @Test func largestOffsetsStillResolve() throws {
        #expect(try TimeExpression.resolve("TODAY(36600)", now: now, timeZone: utc) == "2124-08-30T00:00:00")
        #expect(try TimeExpression.resolve("FIRSTDAYOFOFFSETMONTH(-1200)", now: now, timeZone: utc) == "1924-06-01T00:00:00")
    }

    @Test func timeZoneNames() throws {
        #expect(try TimeExpression.parseTimeZone(nil).secondsFromGMT(for: now) == 0)
        #expect(try TimeExpression.parseTimeZone("").secondsFromGMT(for: now) == 0)
        #expect(try TimeExpression.parseTimeZone("UTC").secondsFromGMT(for: now) == 0)
        #expect(try TimeExpression.parseTimeZone("America/New_York").identifier == "America/New_York")
        #expect(try TimeExpression.parseTimeZone(" Europe/Berlin ").identifier == "Europe/Berlin")
        for bad in ["Mars/Olympus_Mons", "America/NewYork", "not a zone"] {
            let error = lakeError { () throws(LakeError) in try TimeExpression.parseTimeZone(bad) }
            #expect(error?.code == .usage)
            #expect(error?.message.contains(bad) == true)
        }
    }
}
