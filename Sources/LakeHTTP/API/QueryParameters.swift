import Foundation
import Hummingbird
import LakeCore

/// Reading query parameters strictly: a value that does not fit is a 400 naming the parameter.
struct QueryParameters {
    let request: Request

    /// The value as sent (an empty one too: `?dataset=` is a value that does not fit).
    func string(_ name: String) -> String? {
        request.uri.queryParameters.get(name)
    }

    /// A whole number in `range`.
    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.badRequest("parameter '\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return value
    }

    /// One of `values` (case as given).
    func choice<T: RawRepresentable>(_ name: String, _ type: T.Type, transform: (String) -> String = { $0 }) throws -> T? where T.RawValue == String {
        guard let text = string(name) else { return nil }
        guard let value = T(rawValue: transform(text)) else {
            throw APIError.badRequest("parameter '\(name)' has an unknown value '\(text)'")
        }
        return value
    }

    /// `TEAM/DATASET`.
    func dataset(_ name: String) throws -> DatasetRef? {
        guard let text = string(name) else { return nil }
        do {
            return try DatasetRef(parsing: text)
        } catch {
            throw APIError.badRequest("parameter '\(name)' must be TEAM/DATASET, not '\(text)'")
        }
    }

    /// An ISO 8601 time (`2026-12-04T10:00:00Z`) or a duration before now (`24h`, `30m`).
    func since(_ name: String, now: Date) throws -> Date? {
        guard let text = string(name) else { return nil }
        if let duration = DurationText.parse(text) { return now.addingTimeInterval(-duration.seconds) }
        for style in [Date.ISO8601FormatStyle(includingFractionalSeconds: true), Date.ISO8601FormatStyle()] {
            if let date = try? style.parse(text) { return date }
        }
        throw APIError.badRequest("parameter '\(name)' must be an ISO 8601 time or a duration such as 24h, not '\(text)'")
    }
}
