import LakeCore

/// Keys, the worker role's trust and grants, and the teams' permissions boundaries.
extension AWSTemplateSynthesizer {
    /// A customer-managed key with rotation, and its alias given the key's logical id. Its
    /// policy lets the account's IAM policies grant its use (the grants are in the worker
    /// role's policies); `extra` adds statements for AWS services that use it on the lake's
    /// behalf.
    func key(_ description: String, alias: String, extra: [IAMStatement] = []) -> (key: CFNResource, alias: (String) -> CFNResource) {
        let root = IAMStatement(
            "EnableIamPolicies", actions: ["kms:*"], resources: ["*"],
            principal: ["AWS": .sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root")])
        let key = CFNResource(
            "AWS::KMS::Key",
            [
                "Description": .string(description), "EnableKeyRotation": true,
                "KeyPolicy": IAMPolicyDocument([root] + extra).value,
            ], deletionPolicy: "Retain")
        return (key, { keyId in CFNResource("AWS::KMS::Alias", ["AliasName": .string(alias), "TargetKeyId": .ref(keyId)]) })
    }

    /// S3 may encrypt the event notifications it sends to a queue under this key (the catalog
    /// queue's): any bucket of this account, so tenants' landing buckets can notify it too.
    var s3EventsKeyStatement: IAMStatement {
        IAMStatement(
            "AllowS3EventNotifications", actions: ["kms:Decrypt", "kms:GenerateDataKey"], resources: ["*"],
            principal: ["Service": "s3.amazonaws.com"], condition: ["StringEquals": ["aws:SourceAccount": .ref("AWS::AccountId")]])
    }

    /// Who may assume the worker role.
    var workerTrustPolicy: CFNValue {
        let statement: IAMStatement
        switch spec.worker {
        case .ec2:
            statement = IAMStatement("TrustEc2", actions: ["sts:AssumeRole"], resources: [], principal: ["Service": "ec2.amazonaws.com"])
        case .ecs:
            statement = IAMStatement(
                "TrustEcsTasks", actions: ["sts:AssumeRole"], resources: [], principal: ["Service": "ecs-tasks.amazonaws.com"],
                condition: [
                    "ArnLike": ["aws:SourceArn": .sub("arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:*")],
                    "StringEquals": ["aws:SourceAccount": .ref("AWS::AccountId")],
                ])
        case .eks(let provider, let namespace, let serviceAccount):
            statement = IAMStatement(
                "TrustEksServiceAccount", actions: ["sts:AssumeRoleWithWebIdentity"], resources: [],
                principal: ["Federated": .sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/\(provider)")],
                condition: [
                    "StringEquals": .object([
                        "\(provider):sub": .string("system:serviceaccount:\(namespace):\(serviceAccount)"),
                        "\(provider):aud": "sts.amazonaws.com",
                    ])
                ])
        }
        return IAMPolicyDocument([statement]).value
    }

    /// The worker's grants on the foundations: the lake's objects, the Octagon, WLM, WFM and
    /// data-quality tables, the foundations' queues, the lake's keys.
    func workerFoundationsPolicy(queues: [QueueName], dataKey: CFNValue, infraKey: CFNValue) -> IAMPolicyDocument {
        let objectPaths = Self.objectPaths(Zone.allCases.map { "\(spec.layout.bucket(for: $0))/\(spec.layout.keyPrefix(for: $0))" })
        let tables = allTables
        var tableArns = tables.map { Self.tableArn($0.name) }
        tableArns += tables.filter { !$0.indexes.isEmpty }.map { Self.tableArn($0.name, indexes: true) }
        var keys = [dataKey, infraKey]
        if let objectKeyArn = spec.objectKeyArn { keys.append(.string(objectKeyArn)) }
        var statements = [
            IAMStatement("ListLakeBuckets", actions: AWSWorkerActions.bucket, resources: buckets.map { Self.bucketArn($0) }),
            IAMStatement(
                "ReadWriteLakeObjects", actions: AWSWorkerActions.objects,
                resources: objectPaths.map { CFNValue.sub("arn:${AWS::Partition}:s3:::\($0)") }),
            IAMStatement("UseLakeKeys", actions: AWSWorkerActions.key, resources: keys),
            IAMStatement("ReadWriteLakeTables", actions: AWSWorkerActions.table, resources: tableArns),
            IAMStatement("WorkLakeQueues", actions: AWSWorkerActions.queue, resources: queues.map(Self.queueArn)),
            IAMStatement("ListQueues", actions: AWSWorkerActions.listQueues, resources: ["*"]),
        ]
        if let prefix = spec.workflowQueuePrefix {
            statements.append(IAMStatement(
                "WorkTenantQueues", actions: AWSWorkerActions.queue + AWSWorkerActions.createQueue,
                resources: [.arn("sqs", "\(prefix)*")]))
        }
        if !spec.lakeTopics.isEmpty {
            statements.append(IAMStatement("PublishLakeTopics", actions: AWSWorkerActions.topic, resources: spec.lakeTopics.map(CFNValue.string)))
        }
        return IAMPolicyDocument(statements)
    }

    /// The worker's grants for a team, as managed policies of at most
    /// ``managedPolicyLimit`` characters: the team's stage-A queues, its key and topics in the
    /// first, then each dataset's stage-B queues and Glue databases (the catalog, the database,
    /// its tables), as many datasets per policy as fit.
    func workerTeamPolicies(_ team: AWSTemplateTeam, infraKey: CFNValue) -> [IAMPolicyDocument] {
        func document(queues: [QueueName], datasets: [AWSTemplateDataset], first: Bool) -> IAMPolicyDocument {
            var statements: [IAMStatement] = []
            let allQueues = queues + datasets.flatMap(\.queues)
            if !allQueues.isEmpty {
                statements.append(IAMStatement("WorkTeamQueues", actions: AWSWorkerActions.queue, resources: allQueues.map(Self.queueArn)))
            }
            let databases = datasets.flatMap(\.databases)
            if !databases.isEmpty {
                let resources = [Self.glueArn("catalog")] + databases.map { Self.glueArn("database/\($0)") }
                    + databases.map { Self.glueArn("table/\($0)/*") }
                statements.append(IAMStatement("CatalogTeamDatasets", actions: AWSWorkerActions.catalog, resources: resources))
            }
            let jobs = datasets.flatMap(\.glueJobs)
            if !jobs.isEmpty {
                statements.append(IAMStatement("RunTeamGlueJobs", actions: AWSWorkerActions.jobRun, resources: jobs.map { Self.glueArn("job/\($0)") }))
            }
            if first {
                statements.append(IAMStatement("UseTeamKey", actions: AWSWorkerActions.key, resources: [infraKey]))
                if !team.notificationTopics.isEmpty {
                    statements.append(IAMStatement("NotifyTeam", actions: AWSWorkerActions.topic, resources: team.notificationTopics.map(CFNValue.string)))
                }
            }
            return IAMPolicyDocument(statements)
        }
        var documents: [IAMPolicyDocument] = []
        var chunk: [AWSTemplateDataset] = []
        for dataset in team.datasets.sorted(by: { $0.name < $1.name }) {
            let candidate = document(queues: documents.isEmpty ? team.queues : [], datasets: chunk + [dataset], first: documents.isEmpty)
            if candidate.size > Self.managedPolicyLimit && !chunk.isEmpty {
                documents.append(document(queues: documents.isEmpty ? team.queues : [], datasets: chunk, first: documents.isEmpty))
                chunk = [dataset]
            } else {
                chunk.append(dataset)
            }
        }
        documents.append(document(queues: documents.isEmpty ? team.queues : [], datasets: chunk, first: documents.isEmpty))
        return documents
    }

    /// The team's permissions boundary, as SDLF's `TeamPermissionsBoundary`: the most any role
    /// of the team may do, by the team's name prefixes so datasets added later are covered —
    /// the team's keys under every zone, its queues, the lake's tables and keys, its Glue
    /// databases, the lake's SSM parameters, its topics.
    func teamBoundary(_ team: AWSTemplateTeam, teamKeys: [CFNValue], lakeKeys: [CFNValue], catalogQueue: QueueName?) -> IAMPolicyDocument {
        let objectPaths = Self.objectPaths(Zone.allCases.map { "\(spec.layout.bucket(for: $0))/\(spec.layout.keyPrefix(for: $0))\(team.name)/" })
        let tables = allTables
        var tableArns = tables.map { Self.tableArn($0.name) }
        tableArns += tables.filter { !$0.indexes.isEmpty }.map { Self.tableArn($0.name, indexes: true) }
        var queues: [CFNValue] = [.arn("sqs", "\(naming.prefix)-\(team.name)-*")]
        if let catalogQueue { queues.append(Self.queueArn(catalogQueue)) }
        let root = "/SDLF/\(spec.environment)"
        var statements = [
            IAMStatement("ListLakeBuckets", actions: AWSWorkerActions.bucket, resources: buckets.map { Self.bucketArn($0) }),
            IAMStatement(
                "ReadWriteTeamObjects", actions: AWSWorkerActions.objects,
                resources: objectPaths.map { CFNValue.sub("arn:${AWS::Partition}:s3:::\($0)") }),
            IAMStatement("UseTeamAndLakeKeys", actions: AWSWorkerActions.key + ["kms:DescribeKey", "kms:Encrypt"], resources: teamKeys + lakeKeys),
            IAMStatement("ReadWriteLakeTables", actions: AWSWorkerActions.table, resources: tableArns),
            IAMStatement("WorkTeamQueues", actions: AWSWorkerActions.queue, resources: queues),
            IAMStatement("ListQueues", actions: AWSWorkerActions.listQueues, resources: ["*"]),
            IAMStatement(
                "CatalogTeamDatabases", actions: AWSWorkerActions.catalog,
                resources: [
                    Self.glueArn("catalog"), Self.glueArn("database/\(team.databasePrefix)*"), Self.glueArn("table/\(team.databasePrefix)*/*"),
                ]),
            IAMStatement(
                "ReadLakeParameters", actions: ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"],
                resources: [Self.parameterArn(root), Self.parameterArn(root, tree: true)]),
        ]
        if team.glueJobRole != nil {
            statements.append(IAMStatement("WriteGlueJobLogs", actions: AWSGlueJobRole.logActions, resources: [AWSGlueJobRole.logGroups]))
        }
        if !team.notificationTopics.isEmpty {
            statements.append(IAMStatement("NotifyTeam", actions: AWSWorkerActions.topic, resources: team.notificationTopics.map(CFNValue.string)))
        }
        return IAMPolicyDocument(statements)
    }

    /// `<bucket>/<prefix>*` for each of `prefixes` (`<bucket>/<key prefix>`), leaving out those
    /// another one covers (the artifacts under `_artifacts/` of the raw bucket's root).
    static func objectPaths(_ prefixes: [String]) -> [String] {
        var kept: [String] = []
        for prefix in prefixes where !kept.contains(prefix) && !prefixes.contains(where: { $0 != prefix && prefix.hasPrefix($0) }) {
            kept.append(prefix)
        }
        return kept.map { $0 + "*" }
    }
}
