import Foundation
import LakeCore

/// An instant from an ISO 8601 text with a `Z` or an offset, parsed independently of the module
/// under test; a test fails loudly (with the 1970 epoch) on a typo.
func instant(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: text) ?? Date(timeIntervalSince1970: 0)
}

/// The time zone named `name`, UTC for a typo.
func zone(_ name: String) -> TimeZone {
    TimeZone(identifier: name) ?? TimeZone(secondsFromGMT: 0) ?? .gmt
}

/// The error `body` throws, or nil.
func lakeError(_ body: () throws(LakeError) -> some Any) -> LakeError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}
