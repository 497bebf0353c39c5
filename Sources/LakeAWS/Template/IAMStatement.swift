/// One statement of an IAM policy document, with the actions sorted and resources kept in the
/// order given.
public struct IAMStatement: Sendable, Hashable {
    /// Letters and digits only (IAM refuses others in identity policies).
    public var sid: String
    /// `Allow` unless built with ``deny(_:actions:resources:principal:condition:)``.
    public var effect: String
    /// Exact actions, `service:Action`.
    public var actions: [String]
    /// ARNs (usually `Fn::Sub`s); `"*"` only where the action has no resource-level permissions
    /// (or in a key policy, where it means the key). Empty in trust policies.
    public var resources: [CFNValue]
    /// For resource policies (key, bucket and queue policies).
    public var principal: CFNValue?
    /// Conditions, `{"StringEquals": {...}}`.
    public var condition: CFNValue?

    /// An Allow statement.
    public init(_ sid: String, actions: [String], resources: [CFNValue], principal: CFNValue? = nil, condition: CFNValue? = nil) {
        self.sid = sid
        effect = "Allow"
        self.actions = actions
        self.resources = resources
        self.principal = principal
        self.condition = condition
    }

    /// A Deny statement.
    public static func deny(_ sid: String, actions: [String], resources: [CFNValue], principal: CFNValue? = nil, condition: CFNValue? = nil) -> IAMStatement {
        var statement = IAMStatement(sid, actions: actions, resources: resources, principal: principal, condition: condition)
        statement.effect = "Deny"
        return statement
    }

    /// The statement object (one action or resource written as a string, several as a list).
    public var value: CFNValue {
        let sortedActions = Array(Set(actions)).sorted()
        var object: [String: CFNValue] = [
            "Sid": .string(sid), "Effect": .string(effect),
            "Action": sortedActions.count == 1 ? .string(sortedActions[0]) : .strings(sortedActions),
        ]
        if !resources.isEmpty { object["Resource"] = resources.count == 1 ? resources[0] : .list(resources) }
        if let principal { object["Principal"] = principal }
        if let condition { object["Condition"] = condition }
        return .object(object)
    }
}

/// An IAM policy document.
public struct IAMPolicyDocument: Sendable, Hashable {
    /// The statements, in order.
    public var statements: [IAMStatement]

    /// Creates a document.
    public init(_ statements: [IAMStatement]) { self.statements = statements }

    /// `{"Version": "2012-10-17", "Statement": [...]}`.
    public var value: CFNValue {
        ["Version": "2012-10-17", "Statement": .list(statements.map(\.value))]
    }

    /// Characters of the minified document, which is what IAM's size quotas count (an upper
    /// bound: `${AWS::AccountId}` and the like are longer than what they become).
    public var size: Int { CloudFormationRenderer.compactJSON(value).count }
}
