import LakeCore

/// Turns an ``AWSTemplateSpec`` into CloudFormation stacks, layered as SDLF layers its
/// templates: ``AWSStackLayer/foundations``, one ``AWSStackLayer/team(_:)`` stack per team, one
/// ``AWSStackLayer/dataset(team:dataset:)`` stack per dataset, linked by exports and imports.
///
/// Every step of the bootstrap plan becomes resources of the stack that owns it, with the
/// names and settings `lake aws bootstrap` would give it (queue attributes come from
/// ``SQSQueueService/creationAttributes(name:options:deadLetterArn:)``, table keys from
/// ``DynamoTableSpec``), so after the stacks are created a bootstrap finds everything there.
/// The templates add what bootstrap does not make: KMS keys, SSE-KMS, public access blocks,
/// TLS-only bucket policies, versioning on the raw bucket, point-in-time recovery, the worker
/// role and the teams' permissions boundaries.
public struct AWSTemplateSynthesizer: Sendable {
    /// What to synthesize.
    public let spec: AWSTemplateSpec
    /// Stack, export and role names.
    public let naming: AWSStackNaming

    /// The managed-policy size IAM allows is 6,144 characters; stay below it with room for
    /// the pseudo parameters' real values.
    static let managedPolicyLimit = 6_000
    /// Managed policies IAM attaches to one role by default.
    static let attachedPolicyQuota = 10

    let queueLayers: [QueueName: AWSStackLayer]
    let databaseLayers: [String: AWSStackLayer]

    /// A synthesizer for `spec`.
    public init(spec: AWSTemplateSpec) {
        self.spec = spec
        naming = AWSStackNaming(environment: spec.environment)
        var queues: [QueueName: AWSStackLayer] = [:]
        var databases: [String: AWSStackLayer] = [:]
        for team in spec.teams {
            for queue in team.queues { queues[queue] = .team(team.name) }
            for dataset in team.datasets {
                for queue in dataset.queues { queues[queue] = .dataset(team: team.name, dataset: dataset.name) }
                for database in dataset.databases { databases[database] = .dataset(team: team.name, dataset: dataset.name) }
            }
        }
        queueLayers = queues
        databaseLayers = databases
    }

    /// The stacks in the order to create them: foundations, teams, datasets.
    public func stacks() throws(LakeError) -> [AWSStackTemplate] {
        var stacks = [try foundations()]
        var teamPolicies = 0
        for team in spec.teams.sorted(by: { $0.name < $1.name }) {
            let stack = try teamStack(team)
            teamPolicies += stack.template.resources.values.filter { $0.type == "AWS::IAM::ManagedPolicy" && $0.properties["Roles"] != nil }.count
            stacks.append(stack)
        }
        for team in spec.teams.sorted(by: { $0.name < $1.name }) {
            for dataset in team.datasets.sorted(by: { $0.name < $1.name }) {
                stacks.append(datasetStack(dataset, of: team))
            }
        }
        if teamPolicies > Self.attachedPolicyQuota {
            stacks[0].warnings.append(
                "the team stacks attach \(teamPolicies) managed policies to \(naming.workerRole); IAM allows \(Self.attachedPolicyQuota) per role "
                    + "unless the quota is raised (Service Quotas: IAM, managed policies per role, up to 20)")
        }
        return stacks
    }

    /// The layer owning the resources of a bootstrap step.
    func layer(of action: AWSBootstrapAction) -> AWSStackLayer {
        switch action {
        case .createQueue(let spec): return queueLayers[spec.name] ?? .foundations
        case .putQueueURLParameter(_, let queue): return queueLayers[queue] ?? .foundations
        case .createDatabase(let name, _): return databaseLayers[name] ?? .foundations
        case .createJob(let job): return .dataset(team: job.team, dataset: job.dataset)
        case .createBucket, .createTable, .putParameter, .notifyQueue, .uploadScript: return .foundations
        }
    }

    /// The plan's steps that belong to `layer`.
    func actions(in layer: AWSStackLayer) -> [AWSBootstrapAction] {
        spec.plan.actions.filter { self.layer(of: $0) == layer }
    }

    /// Every table the worker uses: the plan's and the runtime's.
    var allTables: [DynamoTableSpec] {
        spec.plan.actions.compactMap { action -> DynamoTableSpec? in
            if case .createTable(let table) = action { return table }
            return nil
        } + spec.runtimeTables
    }

    /// The lake's buckets.
    var buckets: [String] { spec.layout.buckets }

    /// `arn:${AWS::Partition}:s3:::<bucket>`.
    static func bucketArn(_ bucket: String, _ path: String? = nil) -> CFNValue {
        .sub("arn:${AWS::Partition}:s3:::\(bucket)\(path.map { "/\($0)" } ?? "")")
    }

    /// The ARN of a queue by name (for queues of other stacks, or in policies).
    static func queueArn(_ queue: QueueName) -> CFNValue { .arn("sqs", queue.rawValue) }

    /// The ARN of a table, or of its indexes with `indexes`.
    static func tableArn(_ table: String, indexes: Bool = false) -> CFNValue {
        .arn("dynamodb", "table/\(table)\(indexes ? "/index/*" : "")")
    }

    /// The ARN of an SSM parameter by name (`/SDLF/...`), or of everything under it with `tree`.
    static func parameterArn(_ name: String, tree: Bool = false) -> CFNValue {
        .arn("ssm", "parameter\(name.hasPrefix("/") ? "" : "/")\(name)\(tree ? "/*" : "")")
    }

    /// Glue catalog ARNs: the catalog, a database, or a database's tables.
    static func glueArn(_ resource: String) -> CFNValue { .arn("glue", resource) }
}
