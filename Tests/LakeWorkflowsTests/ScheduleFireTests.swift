import Foundation
import LakeCore
import Testing
import LakeWorkflows

@Suite struct ScheduleFireTests {
    @Test func nextFireIsStrictlyAfter() throws {
        let noon = try ScheduleExpression.parse("cron(0 12 * * ? *)")
        #expect(noon.nextFire(after: instant("2024-06-15T11:59:59Z"), lastFired: nil) == instant("2024-06-15T12:00:00Z"))
        #expect(noon.nextFire(after: instant("2024-06-15T12:00:00Z"), lastFired: nil) == instant("2024-06-16T12:00:00Z"))
        #expect(noon.nextFire(after: instant("2024-06-15T12:00:30Z"), lastFired: nil) == instant("2024-06-16T12:00:00Z"))
        #expect(noon.nextFire(after: instant("2024-12-31T12:00:00Z"), lastFired: nil) == instant("2025-01-01T12:00:00Z"))
    }

    @Test func nextFireNeverRepeatsTheLastFire() throws {
        let noon = try ScheduleExpression.parse("cron(0 12 * * ? *)")
        let fire = noon.nextFire(after: instant("2024-06-15T10:00:00Z"), lastFired: instant("2024-06-15T12:00:00Z"))
        #expect(fire == instant("2024-06-16T12:00:00Z"))
        // An older last fire does not matter.
        #expect(noon.nextFire(after: instant("2024-06-15T10:00:00Z"), lastFired: instant("2024-06-01T12:00:00Z")) == instant("2024-06-15T12:00:00Z"))
    }

    @Test func beforeTheEpochWorks() throws {
        let hourly = try ScheduleExpression.parse("custom(H * *)")
        // Cron years start at 1970, so the search skips to it.
        #expect(hourly.nextFire(after: instant("1969-12-31T22:30:00Z"), lastFired: nil) == instant("1970-01-01T00:00:00Z"))
        #expect(hourly.nextFire(after: instant("1970-01-01T00:30:00Z"), lastFired: nil) == instant("1970-01-01T01:00:00Z"))
    }

    @Test func dueFiresListsTheWindowInclusiveOfUntil() throws {
        let hourly = try ScheduleExpression.parse("custom(H * *)")
        let since = instant("2024-06-15T10:30:00Z")
        let until = instant("2024-06-15T13:00:00Z")
        #expect(hourly.dueFires(since: since, until: until, limit: 10) == [
            instant("2024-06-15T11:00:00Z"), instant("2024-06-15T12:00:00Z"), instant("2024-06-15T13:00:00Z"),
        ])
        #expect(hourly.dueFires(since: since, until: until, limit: 2).count == 2)
        #expect(hourly.dueFires(since: since, until: until, limit: 0).isEmpty)
        #expect(hourly.dueFires(since: until, until: until, limit: 10).isEmpty)
        #expect(hourly.dueFires(since: until, until: since, limit: 10).isEmpty)
        // since itself is excluded.
        #expect(hourly.dueFires(since: instant("2024-06-15T11:00:00Z"), until: until, limit: 10).first == instant("2024-06-15T12:00:00Z"))
    }

    @Test func catchUpAfterARestartFindsTheMissedDailyFire() throws {
        let daily = try ScheduleExpression.parse("custom(D * 6)")
        let stoppedAt = instant("2024-06-15T05:00:00Z")
        let restartedAt = instant("2024-06-17T09:12:00Z")
        #expect(daily.dueFires(since: stoppedAt, until: restartedAt, limit: 100) == [
            instant("2024-06-15T06:00:00Z"), instant("2024-06-16T06:00:00Z"), instant("2024-06-17T06:00:00Z"),
        ])
    }
}
