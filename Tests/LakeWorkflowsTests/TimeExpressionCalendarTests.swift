import Foundation
import LakeCore
import Testing
import LakeWorkflows

/// Expected values computed independently with Python's `zoneinfo`, `datetime` and `calendar`
/// (month arithmetic on year * 12 + month; a day's first instant found by scanning its UTC span).
@Suite struct TimeExpressionCalendarTests {
    static let utcCases: [(String, String, String, String)] = [
        ("2024-01-31T10:15:00Z", "UTC", "FIRSTDAYOFOFFSETMONTH(1)", "2024-02-01T00:00:00"),
        ("2024-01-31T10:15:00Z", "UTC", "FIRSTDAYOFOFFSETMONTH(-1)", "2023-12-01T00:00:00"),
        ("2024-01-31T10:15:00Z", "UTC", "FIRSTDAYOFOFFSETMONTH(13)", "2025-02-01T00:00:00"),
        ("2024-01-31T10:15:00Z", "UTC", "FIRSTDAYOFOFFSETMONTH(-13)", "2022-12-01T00:00:00"),
        ("2024-01-31T10:15:00Z", "UTC", "LASTDAYOFOFFSETMONTH(1)", "2024-02-29T00:00:00"),
        ("2024-01-31T10:15:00Z", "UTC", "LASTDAYOFOFFSETMONTH(-1)", "2023-12-31T00:00:00"),
        ("2024-01-31T10:15:00Z", "UTC", "LASTDAYOFOFFSETMONTH(13)", "2025-02-28T00:00:00"),
        ("2024-01-31T10:15:00Z", "UTC", "LASTDAYOFOFFSETMONTH(-13)", "2022-12-31T00:00:00"),
        ("2024-01-31T10:15:00Z", "UTC", "FIFTEENTHDAYOFOFFSETMONTH(1)", "2024-02-15T00:00:00"),
        ("2024-01-31T10:15:00Z", "UTC", "FIFTEENTHDAYOFOFFSETMONTH(-1)", "2023-12-15T00:00:00"),
        ("2024-01-31T10:15:00Z", "UTC", "FIFTEENTHDAYOFOFFSETMONTH(13)", "2025-02-15T00:00:00"),
        ("2024-01-31T10:15:00Z", "UTC", "FIFTEENTHDAYOFOFFSETMONTH(-13)", "2022-12-15T00:00:00"),
        ("2024-03-31T23:59:59Z", "UTC", "FIRSTDAYOFOFFSETMONTH(1)", "2024-04-01T00:00:00"),
        ("2024-03-31T23:59:59Z", "UTC", "FIRSTDAYOFOFFSETMONTH(-1)", "2024-02-01T00:00:00"),
        ("2024-03-31T23:59:59Z", "UTC", "FIRSTDAYOFOFFSETMONTH(13)", "2025-04-01T00:00:00"),
        ("2024-03-31T23:59:59Z", "UTC", "FIRSTDAYOFOFFSETMONTH(-13)", "2023-02-01T00:00:00"),
        ("2024-03-31T23:59:59Z", "UTC", "LASTDAYOFOFFSETMONTH(1)", "2024-04-30T00:00:00"),
        ("2024-03-31T23:59:59Z", "UTC", "LASTDAYOFOFFSETMONTH(-1)", "2024-02-29T00:00:00"),
        ("2024-03-31T23:59:59Z", "UTC", "LASTDAYOFOFFSETMONTH(13)", "2025-04-30T00:00:00"),
        ("2024-03-31T23:59:59Z", "UTC", "LASTDAYOFOFFSETMONTH(-13)", "2023-02-28T00:00:00"),
        ("2024-03-31T23:59:59Z", "UTC", "FIFTEENTHDAYOFOFFSETMONTH(1)", "2024-04-15T00:00:00"),
        ("2024-03-31T23:59:59Z", "UTC", "FIFTEENTHDAYOFOFFSETMONTH(-1)", "2024-02-15T00:00:00"),
        ("2024-03-31T23:59:59Z", "UTC", "FIFTEENTHDAYOFOFFSETMONTH(13)", "2025-04-15T00:00:00"),
        ("2024-03-31T23:59:59Z", "UTC", "FIFTEENTHDAYOFOFFSETMONTH(-13)", "2023-02-15T00:00:00"),
        ("2023-01-31T00:00:00Z", "UTC", "FIRSTDAYOFOFFSETMONTH(1)", "2023-02-01T00:00:00"),
        ("2023-01-31T00:00:00Z", "UTC", "FIRSTDAYOFOFFSETMONTH(-1)", "2022-12-01T00:00:00"),
        ("2023-01-31T00:00:00Z", "UTC", "FIRSTDAYOFOFFSETMONTH(13)", "2024-02-01T00:00:00"),
        ("2023-01-31T00:00:00Z", "UTC", "FIRSTDAYOFOFFSETMONTH(-13)", "2021-12-01T00:00:00"),
        ("2023-01-31T00:00:00Z", "UTC", "LASTDAYOFOFFSETMONTH(1)", "2023-02-28T00:00:00"),
        ("2023-01-31T00:00:00Z", "UTC", "LASTDAYOFOFFSETMONTH(-1)", "2022-12-31T00:00:00"),
        ("2023-01-31T00:00:00Z", "UTC", "LASTDAYOFOFFSETMONTH(13)", "2024-02-29T00:00:00"),
        ("2023-01-31T00:00:00Z", "UTC", "LASTDAYOFOFFSETMONTH(-13)", "2021-12-31T00:00:00"),
        ("2023-01-31T00:00:00Z", "UTC", "FIFTEENTHDAYOFOFFSETMONTH(1)", "2023-02-15T00:00:00"),
        ("2023-01-31T00:00:00Z", "UTC", "FIFTEENTHDAYOFOFFSETMONTH(-1)", "2022-12-15T00:00:00"),
        ("2023-01-31T00:00:00Z", "UTC", "FIFTEENTHDAYOFOFFSETMONTH(13)", "2024-02-15T00:00:00"),
        ("2023-01-31T00:00:00Z", "UTC", "FIFTEENTHDAYOFOFFSETMONTH(-13)", "2021-12-15T00:00:00"),
        ("2024-01-15T08:00:00Z", "UTC", "LASTDAYOFOFFSETMONTH(1)", "2024-02-29T00:00:00"),
        ("2023-01-15T08:00:00Z", "UTC", "LASTDAYOFOFFSETMONTH(1)", "2023-02-28T00:00:00"),
        ("2100-01-15T08:00:00Z", "UTC", "LASTDAYOFOFFSETMONTH(1)", "2100-02-28T00:00:00"),
        ("2000-01-15T08:00:00Z", "UTC", "LASTDAYOFOFFSETMONTH(1)", "2000-02-29T00:00:00"),
        ("2024-02-29T12:00:00Z", "UTC", "LASTDAYOFOFFSETMONTH(1)", "2024-03-31T00:00:00"),
        ("2024-02-29T12:00:00Z", "UTC", "TODAY(1)", "2024-03-01T00:00:00"),
        ("2024-02-29T12:00:00Z", "UTC", "TODAY(365)", "2025-02-28T00:00:00"),
        ("2024-02-29T12:00:00Z", "UTC", "TODAY(366)", "2025-03-01T00:00:00"),
        ("2024-02-29T12:00:00Z", "UTC", "FIRSTDAYOFOFFSETMONTH(12)", "2025-02-01T00:00:00"),
        ("2024-02-29T12:00:00Z", "UTC", "LASTDAYOFOFFSETMONTH(12)", "2025-02-28T00:00:00"),
        ("2024-02-29T12:00:00Z", "UTC", "LASTDAYOFOFFSETMONTH(48)", "2028-02-29T00:00:00"),
        ("2023-03-01T00:00:00Z", "UTC", "TODAY(-1)", "2023-02-28T00:00:00"),
        ("2024-03-01T00:00:00Z", "UTC", "TODAY(-1)", "2024-02-29T00:00:00"),
        ("2100-03-01T00:00:00Z", "UTC", "TODAY(-1)", "2100-02-28T00:00:00"),
        ("2000-03-01T00:00:00Z", "UTC", "TODAY(-1)", "2000-02-29T00:00:00"),
        ("2024-06-15T13:45:07Z", "UTC", "TODAY(-400)", "2023-05-12T00:00:00"),
        ("2024-06-15T13:45:07Z", "UTC", "TODAY(400)", "2025-07-20T00:00:00"),
        ("2024-06-15T13:45:07Z", "UTC", "FIRSTDAYOFOFFSETMONTH(-25)", "2022-05-01T00:00:00"),
        ("2024-06-15T13:45:07Z", "UTC", "FIRSTDAYOFOFFSETMONTH(120)", "2034-06-01T00:00:00"),
        ("2024-06-15T13:45:07Z", "UTC", "LASTDAYOFOFFSETMONTH(-25)", "2022-05-31T00:00:00"),
        ("2024-06-15T13:45:07Z", "UTC", "FIFTEENTHDAYOFOFFSETMONTH(120)", "2034-06-15T00:00:00"),
        ("2024-06-15T13:45:07Z", "UTC", "NOW()", "2024-06-15T13:45:07"),
        ("2024-12-31T23:59:59Z", "UTC", "TODAY(1)", "2025-01-01T00:00:00"),
        ("2024-12-31T23:59:59Z", "UTC", "FIRSTDAYOFOFFSETMONTH(1)", "2025-01-01T00:00:00"),
        ("2024-01-01T00:00:00Z", "UTC", "LASTDAYOFOFFSETMONTH(-1)", "2023-12-31T00:00:00"),
    ]

    static let zoneCases: [(String, String, String, String)] = [
        ("2024-03-31T01:30:00Z", "America/New_York", "NOW()", "2024-03-30T21:30:00"),
        ("2024-03-31T01:30:00Z", "America/New_York", "TODAY()", "2024-03-30T00:00:00"),
        ("2024-03-10T06:59:59Z", "America/New_York", "NOW()", "2024-03-10T01:59:59"),
        ("2024-03-10T07:00:00Z", "America/New_York", "NOW()", "2024-03-10T03:00:00"),
        ("2024-03-10T06:59:59Z", "America/New_York", "TODAY()", "2024-03-10T00:00:00"),
        ("2024-03-10T07:00:00Z", "America/New_York", "TODAY(1)", "2024-03-11T00:00:00"),
        ("2024-03-10T04:59:00Z", "America/New_York", "TODAY()", "2024-03-09T00:00:00"),
        ("2024-03-10T05:00:00Z", "America/New_York", "TODAY()", "2024-03-10T00:00:00"),
        ("2024-03-10T05:00:00Z", "America/New_York", "TODAY(-1)", "2024-03-09T00:00:00"),
        ("2024-03-09T12:00:00Z", "America/New_York", "TODAY(1)", "2024-03-10T00:00:00"),
        ("2024-11-03T05:59:59Z", "America/New_York", "NOW()", "2024-11-03T01:59:59"),
        ("2024-11-03T06:00:00Z", "America/New_York", "NOW()", "2024-11-03T01:00:00"),
        ("2024-11-03T05:30:00Z", "America/New_York", "NOW()", "2024-11-03T01:30:00"),
        ("2024-11-03T06:30:00Z", "America/New_York", "NOW()", "2024-11-03T01:30:00"),
        ("2024-11-03T04:00:00Z", "America/New_York", "TODAY()", "2024-11-03T00:00:00"),
        ("2024-11-03T03:59:59Z", "America/New_York", "TODAY()", "2024-11-02T00:00:00"),
        ("2024-11-04T04:59:59Z", "America/New_York", "TODAY()", "2024-11-03T00:00:00"),
        ("2024-11-04T05:00:00Z", "America/New_York", "TODAY()", "2024-11-04T00:00:00"),
        ("2024-11-02T12:00:00Z", "America/New_York", "TODAY(1)", "2024-11-03T00:00:00"),
        ("2024-03-31T00:59:59Z", "Europe/Berlin", "NOW()", "2024-03-31T01:59:59"),
        ("2024-03-31T01:00:00Z", "Europe/Berlin", "NOW()", "2024-03-31T03:00:00"),
        ("2024-03-30T22:59:59Z", "Europe/Berlin", "TODAY()", "2024-03-30T00:00:00"),
        ("2024-03-30T23:00:00Z", "Europe/Berlin", "TODAY()", "2024-03-31T00:00:00"),
        ("2024-03-31T21:59:59Z", "Europe/Berlin", "TODAY()", "2024-03-31T00:00:00"),
        ("2024-03-31T22:00:00Z", "Europe/Berlin", "TODAY()", "2024-04-01T00:00:00"),
        ("2024-10-27T00:59:59Z", "Europe/Berlin", "NOW()", "2024-10-27T02:59:59"),
        ("2024-10-27T01:00:00Z", "Europe/Berlin", "NOW()", "2024-10-27T02:00:00"),
        ("2024-10-26T21:59:59Z", "Europe/Berlin", "TODAY()", "2024-10-26T00:00:00"),
        ("2024-10-26T22:00:00Z", "Europe/Berlin", "TODAY()", "2024-10-27T00:00:00"),
        ("2024-10-27T22:59:59Z", "Europe/Berlin", "TODAY()", "2024-10-27T00:00:00"),
        ("2024-10-27T23:00:00Z", "Europe/Berlin", "TODAY()", "2024-10-28T00:00:00"),
        ("2024-10-26T22:00:00Z", "Europe/Berlin", "FIRSTDAYOFOFFSETMONTH(1)", "2024-11-01T00:00:00"),
        ("2024-10-31T22:59:59Z", "Europe/Berlin", "LASTDAYOFOFFSETMONTH(0)", "2024-10-31T00:00:00"),
        ("2024-10-31T23:00:00Z", "Europe/Berlin", "LASTDAYOFOFFSETMONTH(0)", "2024-11-30T00:00:00"),
        ("2024-01-01T04:59:59Z", "America/New_York", "FIRSTDAYOFOFFSETMONTH(0)", "2023-12-01T00:00:00"),
        ("2024-01-01T05:00:00Z", "America/New_York", "FIRSTDAYOFOFFSETMONTH(0)", "2024-01-01T00:00:00"),
        ("2024-01-01T04:59:59Z", "America/New_York", "FIFTEENTHDAYOFOFFSETMONTH(-1)", "2023-11-15T00:00:00"),
        ("2018-11-03T12:00:00Z", "America/Sao_Paulo", "TODAY(1)", "2018-11-04T01:00:00"),
        ("2018-11-04T03:00:00Z", "America/Sao_Paulo", "TODAY()", "2018-11-04T01:00:00"),
        ("2024-03-30T12:00:00Z", "Asia/Beirut", "TODAY(1)", "2024-03-31T01:00:00"),
        ("2024-09-07T12:00:00Z", "America/Santiago", "TODAY(1)", "2024-09-08T01:00:00"),
        ("2024-08-15T12:00:00Z", "America/Santiago", "FIRSTDAYOFOFFSETMONTH(0)", "2024-08-01T00:00:00"),
        ("2024-03-31T23:30:00Z", "Asia/Tokyo", "TODAY()", "2024-04-01T00:00:00"),
        ("2024-03-31T23:30:00Z", "Asia/Kolkata", "NOW()", "2024-04-01T05:00:00"),
        ("2024-03-31T23:30:00Z", "Pacific/Kiritimati", "LASTDAYOFOFFSETMONTH(0)", "2024-04-30T00:00:00"),
        ("2024-01-01T02:00:00Z", "Pacific/Pago_Pago", "FIRSTDAYOFOFFSETMONTH(-13)", "2022-11-01T00:00:00"),
    ]

    @Test(arguments: utcCases)
    func monthEndsLeapYearsAndOffsetsInUTC(_ testCase: (String, String, String, String)) throws {
        let (now, zoneName, expression, expected) = testCase
        #expect(try TimeExpression.resolve(expression, now: instant(now), timeZone: zone(zoneName)) == expected)
    }

    @Test(arguments: zoneCases)
    func daylightSavingChangesAndZones(_ testCase: (String, String, String, String)) throws {
        let (now, zoneName, expression, expected) = testCase
        #expect(try TimeExpression.resolve(expression, now: instant(now), timeZone: zone(zoneName)) == expected)
    }
}
