/// Checking a workflow body (`POST /workflows`, `PUT /workflows/{id}`): `workflowId` of letters,
/// digits, `.`, `_` and `-`; a non-empty `sqlQuery`; arrays where AMC takes arrays; a known
/// `privacyFilteringBehavior`. Other fields are kept as sent.
enum WorkflowDefinition {
    static let privacyBehaviors: Set<String> = ["REMOVE_ROWS", "REMOVE_VALUES"]

    /// The body to store, with `workflowId` set to `id` when given (a `PUT`); a 400 when invalid.
    static func validated(_ body: [String: JSONValue], id: String? = nil) throws -> [String: JSONValue] {
        var body = body
        if let id {
            if let sent = try JSONFields.string(body, "workflowId"), sent != id {
                throw AMCAPIError.badRequest("workflowId \(sent) in the body does not match \(id) in the path")
            }
            body["workflowId"] = .string(id)
        }
        let workflowId = try JSONFields.requiredString(body, "workflowId")
        try checkId(workflowId)
        _ = try JSONFields.requiredString(body, "sqlQuery")
        for key in ["inputParameters", "outputColumns"] {
            switch body[key] {
            case nil, .null?, .array?: break
            default: throw AMCAPIError.badRequest("\(key) must be an array")
            }
        }
        if let behavior = try JSONFields.string(body, "privacyFilteringBehavior"), !privacyBehaviors.contains(behavior) {
            throw AMCAPIError.badRequest("privacyFilteringBehavior must be REMOVE_ROWS or REMOVE_VALUES, not \(behavior)")
        }
        return body
    }

    /// A 400 unless `id` is 1 to 256 letters, digits, `.`, `_` or `-`.
    static func checkId(_ id: String) throws {
        let allowed = id.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2E || byte == 0x5F || byte == 0x2D
        }
        guard !id.isEmpty, id.count <= 256, allowed else {
            throw AMCAPIError.badRequest("workflowId must be 1 to 256 letters, digits, '.', '_' or '-': \(id)")
        }
    }
}
