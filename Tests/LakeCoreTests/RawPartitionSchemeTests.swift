import LakeCore
import Testing

@Suite struct RawPartitionSchemeTests {
    func scheme(_ text: String) throws -> RawPartitionScheme {
        try RawPartitionScheme.parse(text).get()
    }

    @Test func rendersPathsForADate() throws {
        let date = PartitionDate(year: 2026, month: 3, day: 7, hour: 5)
        #expect(try scheme("dt={yyyy-MM-dd}").path(for: date) == "dt=2026-03-07/")
        #expect(try scheme("year={yyyy}/month={MM}/day={dd}/hour={HH}").path(for: date) == "year=2026/month=03/day=07/hour=05/")
        #expect(try scheme("dt={yyyyMMdd}/hour={HH}").values(for: date) == ["20260307", "05"])
        #expect(try scheme("d={yyyy.MM}").values(for: date) == ["2026.03"])
        #expect(try scheme("discover").path(for: date) == "")
    }

    @Test func keysAndGranularity() throws {
        #expect(try scheme("year={yyyy}/month={MM}/day={dd}").keys == ["year", "month", "day"])
        #expect(try scheme("year={yyyy}/month={MM}/day={dd}").granularity == .day)
        #expect(try scheme("dt={yyyy-MM-dd}/hour={HH}").granularity == .hour)
        #expect(try scheme("discover").granularity == nil)
    }

    @Test(arguments: [
        (["2026-11-22"], true), (["2026-02-29"], false), (["2024-02-29"], true), (["2026-13-01"], false),
        (["notadate"], false), (["2026-11-2"], false), (["2026-11-22x"], false), (["2026/11/22"], false), (["2026-11-31"], false),
    ])
    func daysAreRealDates(values: [String], valid: Bool) throws {
        let isValid = if case .success = try scheme("dt={yyyy-MM-dd}").date(fromValues: values) { true } else { false }
        #expect(isValid == valid)
    }

    @Test func parentValuesAreCheckedAsFarAsTheyGo() throws {
        let layout = try scheme("year={yyyy}/month={MM}/day={dd}/hour={HH}")
        #expect(try layout.date(fromValues: ["2026"]).get() == PartitionDate(year: 2026))
        #expect(try layout.date(fromValues: ["2026", "11"]).get() == PartitionDate(year: 2026, month: 11))
        guard case .failure(let problem) = layout.date(fromValues: ["2026", "13"]) else {
            Issue.record("month 13 was accepted")
            return
        }
        #expect(problem.message == "month 13 is not 1-12")
        #expect(throws: RawPartitionScheme.Problem.self) { try layout.date(fromValues: ["2026", "11", "22", "24"]).get() }
        #expect(throws: RawPartitionScheme.Problem.self) { try layout.date(fromValues: ["2026", "11", "22", "07", "x"]).get() }
        #expect(try layout.date(fromValues: ["2026", "11", "22", "07"]).get() == PartitionDate(year: 2026, month: 11, day: 22, hour: 7))
    }
}
