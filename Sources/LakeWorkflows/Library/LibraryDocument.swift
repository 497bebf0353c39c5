import Foundation
import LakeCore

/// Reads workflow library items (`lake wfm library put`): one object or a list, each the AMC
/// workflow body (`workflowId`, `sqlQuery`, `inputParameters`, ...) plus the library's own
/// `version` (default 1), `defaultSchedule {expression, payload}`, `endemicType` and
/// `customerPrefix` filters. The other keys go to the API as they are.
public enum LibraryDocument {
    static let libraryKeys: Set<String> = ["version", "defaultSchedule", "endemicType", "customerPrefix"]

    /// Items from JSON text.
    public static func parseList(_ data: Data, at now: Date) throws -> [LibraryItem] {
        let value: ConfigValue
        do {
            value = try JSONDecoder().decode(ConfigValue.self, from: data)
        } catch {
            throw LakeError(.usage, "the library file is not valid JSON", hint: "give one library item (an object) or a list of them")
        }
        let items: [ConfigValue]
        if case .array(let list) = value { items = list } else { items = [value] }
        var seen = Set<String>()
        var parsed: [LibraryItem] = []
        for (index, item) in items.enumerated() {
            let one = try parse(item, at: now, label: items.count == 1 ? "the item" : "item \(index + 1)")
            guard seen.insert(one.workflowId).inserted else { throw LakeError(.usage, "workflow '\(one.workflowId)' is in the file twice") }
            parsed.append(one)
        }
        return parsed
    }

    /// One item from its JSON value.
    public static func parse(_ value: ConfigValue, at now: Date, label: String = "the item") throws -> LibraryItem {
        guard var body = value.objectValue else { throw LakeError(.usage, "\(label) must be a JSON object") }
        guard let id = body["workflowId"]?.stringValue, !id.isEmpty else { throw LakeError(.usage, "\(label) needs a workflowId") }
        guard id.count <= 100, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }) else {
            throw LakeError(.usage, "workflowId '\(id)' is invalid", hint: "use letters, digits, '-', '_' or '.'")
        }
        guard body["sqlQuery"]?.stringValue != nil else { throw LakeError(.usage, "library item \(id) needs a sqlQuery", context: ["workflow": id]) }
        let version: String
        switch body["version"] {
        case nil: version = "1"
        case .int(let n)? where n >= 0: version = String(n)
        case .string(let s)? where !s.isEmpty && s.count <= 20 && s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") }):
            version = s
        default: throw LakeError(.usage, "library item \(id): version must be a whole number or letters, digits and '.'", context: ["workflow": id])
        }
        var schedule: LibraryItem.DefaultSchedule?
        if let given = body["defaultSchedule"] {
            guard let fields = given.objectValue, let expression = fields["expression"]?.stringValue else {
                throw LakeError(.usage, "library item \(id): defaultSchedule needs an expression", hint: #"e.g. {"expression": "custom(D * 3)", "payload": {...}}"#)
            }
            for key in fields.keys.sorted() where key != "expression" && key != "payload" {
                throw LakeError(.usage, "library item \(id): defaultSchedule has an unknown key '\(key)'", hint: "keys: expression, payload")
            }
            _ = try ScheduleExpression.parse(expression)
            var payload = fields["payload"]?.objectValue ?? [:]
            payload["workflowId"] = .string(LibraryItem.deployedId(id, version: version))
            _ = try ExecutionRequest.resolve(payload, now: now)
            payload["workflowId"] = nil
            schedule = .init(expression: expression, payload: try text(.object(payload)))
        }
        let endemic = body["endemicType"]?.stringValue
        if let endemic, !["ENDEMIC", "NONDEMIC"].contains(endemic) {
            throw LakeError(.usage, "library item \(id): endemicType must be ENDEMIC or NONDEMIC")
        }
        let prefix = body["customerPrefix"]?.stringValue
        for key in libraryKeys { body[key] = nil }
        return LibraryItem(
            workflowId: id, version: version, body: try text(.object(body)), defaultSchedule: schedule, endemicType: endemic,
            customerPrefix: prefix, updatedAt: now)
    }

    static func text(_ value: ConfigValue) throws -> String {
        do {
            return String(decoding: try JSONEncoder.sorted.encode(value), as: UTF8.self)
        } catch {
            throw LakeError(.usage, "a library item cannot be encoded")
        }
    }
}
