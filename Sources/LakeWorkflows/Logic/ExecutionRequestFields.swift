import Foundation
import LakeCore

/// The parts of a workflow execution request that may hold time expressions: the time window's
/// start and end, its time zone, and the parameter values.
public struct ExecutionRequestFields: Sendable, Hashable {
    /// The window's start, e.g. `2024-01-01T00:00:00` or `TODAY(-1)`.
    public var timeWindowStart: String?
    /// The window's end, e.g. `TODAY()`.
    public var timeWindowEnd: String?
    /// The IANA time zone the window (and its expressions) are read in; UTC when nil or empty.
    public var timeWindowTimeZone: String?
    /// The query's parameter values; every one may be a time expression.
    public var parameterValues: [String: String]

    /// Creates the fields of a request.
    public init(
        timeWindowStart: String? = nil, timeWindowEnd: String? = nil, timeWindowTimeZone: String? = nil,
        parameterValues: [String: String] = [:]
    ) {
        self.timeWindowStart = timeWindowStart
        self.timeWindowEnd = timeWindowEnd
        self.timeWindowTimeZone = timeWindowTimeZone
        self.parameterValues = parameterValues
    }

    /// A copy with every time expression resolved at `now` in ``timeWindowTimeZone``.
    ///
    /// All or nothing: the first bad expression (or an unknown time zone) throws a `.usage`
    /// error whose context names the field, and nothing is returned half resolved.
    public func resolved(now: Date) throws(LakeError) -> ExecutionRequestFields {
        let zone = try TimeExpression.parseTimeZone(timeWindowTimeZone)
        var copy = self
        copy.timeWindowStart = try Self.resolve(timeWindowStart, field: "timeWindowStart", now: now, zone: zone)
        copy.timeWindowEnd = try Self.resolve(timeWindowEnd, field: "timeWindowEnd", now: now, zone: zone)
        // Sorted keys, so the error a request with several bad values gets is always the same one.
        for key in parameterValues.keys.sorted() {
            copy.parameterValues[key] = try Self.resolve(
                parameterValues[key], field: "parameterValues.\(key)", now: now, zone: zone)
        }
        return copy
    }

    private static func resolve(_ value: String?, field: String, now: Date, zone: TimeZone) throws(LakeError) -> String? {
        guard let value else { return nil }
        do {
            return try TimeExpression.resolve(value, now: now, timeZone: zone)
        } catch {
            throw error.adding(["field": field])
        }
    }
}
