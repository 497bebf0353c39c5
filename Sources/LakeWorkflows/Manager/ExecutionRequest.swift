import Foundation
import LakeCore

/// An execution request as the reference's producer takes it: `workflowId`, `timeWindowStart`,
/// `timeWindowEnd`, `timeWindowType`, `timeWindowTimeZone`, `parameterValues`, `ignoreDataGaps`,
/// `workflowExecutionTimeoutSeconds` (and `dryRun`, `skipPublish`). Resolving checks the keys and
/// replaces every time expression, all or nothing.
public enum ExecutionRequest {
    static let keys: Set<String> = [
        "workflowId", "timeWindowStart", "timeWindowEnd", "timeWindowType", "timeWindowTimeZone", "parameterValues", "ignoreDataGaps",
        "workflowExecutionTimeoutSeconds", "dryRun", "skipPublish",
    ]

    /// One payload, or a list of them, from JSON text.
    public static func parseList(_ data: Data) throws -> [[String: ConfigValue]] {
        let value: ConfigValue
        do {
            value = try JSONDecoder().decode(ConfigValue.self, from: data)
        } catch {
            throw LakeError(.usage, "the request file is not valid JSON", hint: "give one request (an object) or a list of them")
        }
        let items = value.arrayValue ?? [value]
        return try items.map { item in
            guard let object = item.objectValue else { throw LakeError(.usage, "each request must be a JSON object") }
            return object
        }
    }

    /// `payload` with its time expressions resolved at `now` in its own time zone.
    public static func resolve(_ payload: [String: ConfigValue], now: Date) throws -> [String: ConfigValue] {
        for key in payload.keys.sorted() where !keys.contains(key) {
            throw LakeError(.usage, "unknown request field '\(key)'", hint: "fields: " + keys.sorted().joined(separator: ", "))
        }
        guard let workflowId = payload["workflowId"]?.stringValue, !workflowId.isEmpty else {
            throw LakeError(.usage, "a request needs a workflowId")
        }
        var parameters: [String: String] = [:]
        if let values = payload["parameterValues"] {
            guard let object = values.objectValue else { throw LakeError(.usage, "parameterValues must be an object of strings") }
            for (key, value) in object {
                guard let text = value.stringValue else { throw LakeError(.usage, "parameterValues.\(key) must be a string") }
                parameters[key] = text
            }
        }
        let fields = ExecutionRequestFields(
            timeWindowStart: payload["timeWindowStart"]?.stringValue, timeWindowEnd: payload["timeWindowEnd"]?.stringValue,
            timeWindowTimeZone: payload["timeWindowTimeZone"]?.stringValue, parameterValues: parameters)
        let resolved = try fields.resolved(now: now)
        var out = payload
        if let start = resolved.timeWindowStart { out["timeWindowStart"] = .string(start) }
        if let end = resolved.timeWindowEnd { out["timeWindowEnd"] = .string(end) }
        if payload["parameterValues"] != nil { out["parameterValues"] = .object(resolved.parameterValues.mapValues(ConfigValue.string)) }
        return out
    }
}
