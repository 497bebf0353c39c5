import Foundation
import LakeCore
import Testing

@Suite struct DurationTextTests {
    @Test func readsUnitsAndPlainSeconds() {
        #expect(DurationText.parse("90s") == .seconds(90))
        #expect(DurationText.parse("1h30m") == .seconds(5400))
        #expect(DurationText.parse("250ms") == .milliseconds(250))
        #expect(DurationText.parse("2.5") == .milliseconds(2500))
    }

    /// Found by schemathesis: a huge number trapped converting to nanoseconds.
    @Test(arguments: ["99999999999999999999999h", "1e30", "inf", "nan", "101y", "36500000d", "-5s", "", "5x"])
    func refusesWhatIsNotAReasonableDuration(_ text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test func secondsSaturateInsteadOfTrapping() {
        #expect(Duration.seconds(1e30) == .nanoseconds(Int64.max))
        #expect(Duration.seconds(-1e30) == .nanoseconds(Int64.min))
        #expect(Duration.seconds(.nan) == .zero)
    }
}
