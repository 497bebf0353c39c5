import Foundation
import LakeAWS
import LakeCore
import Testing

/// The stacks a bootstrap plan becomes: every step's resource under bootstrap's name in the
/// stack of its owner, queues as CreateQueue makes them, IAM without `*` where AWS allows an
/// ARN, the queue policy bootstrap would write, and stacks that only import what earlier ones
/// export.
@Suite struct AWSTemplateSynthesizerTests {
    let env = TemplateFixture.environment

    @Test func everyBootstrapStepHasItsResourceUnderTheSameNameInItsOwnersStack() throws {
        let spec = try TemplateFixture.spec()
        let stacks = try AWSTemplateSynthesizer(spec: spec).stacks()
        #expect(stacks.map(\.name) == [
            "lake-\(env)-foundations", "lake-\(env)-team-ops", "lake-\(env)-team-sales", "lake-\(env)-dataset-ops-logs",
            "lake-\(env)-dataset-sales-orders", "lake-\(env)-dataset-sales-refunds",
        ])
        func named(_ type: String, _ property: String, in stack: AWSStackTemplate) -> Set<String> {
            Set(stack.template.resources.values.filter { $0.type == type }.compactMap { $0.properties[property]?.stringValue })
        }
        func stack(_ name: String) throws -> AWSStackTemplate { try #require(stacks.first { $0.name == "lake-\(env)-\(name)" }) }
        let foundations = try stack("foundations")
        for action in spec.plan.actions {
            switch action {
            case .createBucket(let bucket):
                #expect(named("AWS::S3::Bucket", "BucketName", in: foundations).contains(bucket))
            case .createQueue(let queue):
                let owner = queue.name.rawValue.contains("-sales-orders-") ? "dataset-sales-orders"
                    : queue.name.rawValue.contains("-sales-refunds-") ? "dataset-sales-refunds"
                    : queue.name.rawValue.contains("-sales-main-") ? "team-sales" : queue.name.rawValue.contains("-ops-") ? "team-ops" : "foundations"
                #expect(named("AWS::SQS::Queue", "QueueName", in: try stack(owner)).contains(queue.name.rawValue), "\(queue.name) in \(owner)")
            case .createTable(let table):
                #expect(named("AWS::DynamoDB::Table", "TableName", in: foundations).contains(table.name))
            case .createDatabase(let name, _):
                let owner = name.contains("_orders_") ? "dataset-sales-orders" : name.contains("_refunds_") ? "dataset-sales-refunds" : "dataset-ops-logs"
                let databases = try stack(owner).template.resources.values.filter { $0.type == "AWS::Glue::Database" }
                    .compactMap { $0.properties["DatabaseInput"]?.fields?["Name"]?.stringValue }
                #expect(databases == [name])
            case .putParameter(let name, let value):
                let parameter = foundations.template.resources.values.first { $0.properties["Name"]?.stringValue == name }
                #expect(parameter?.properties["Value"] == .string(value), "\(name)")
            case .putQueueURLParameter(let name, let queue):
                let owner = try #require(stacks.first { named("AWS::SQS::Queue", "QueueName", in: $0).contains(queue.rawValue) })
                let parameter = try #require(owner.template.resources.values.first { $0.properties["Name"]?.stringValue == name }, "\(name)")
                let queueId = owner.template.resources.first { $0.value.properties["QueueName"]?.stringValue == queue.rawValue }?.key
                #expect(parameter.properties["Value"] == .ref(queueId ?? "?"))
            case .notifyQueue(let bucket, _, let events, _):
                let raw = try #require(foundations.template.resources.values.first { $0.properties["BucketName"]?.stringValue == bucket })
                let configurations = raw.properties["NotificationConfiguration"]?.fields?["QueueConfigurations"]?.items ?? []
                #expect(configurations.compactMap { $0.fields?["Event"]?.stringValue }.sorted() == events.sorted())
            case .uploadScript, .createJob:
                Issue.record("the fixture without glueJob has no Glue job: \(action)")
            }
        }
        #expect(named("AWS::SSM::Parameter", "Name", in: foundations).contains("/SDLF/\(env)/Dynamo/wlm"))
        // The data-quality tables the runtime would create are declared too.
        #expect(named("AWS::DynamoDB::Table", "TableName", in: foundations).isSuperset(of: DynamoQualityTables(environment: env).specs.map(\.name)))
    }

    @Test func queuesHaveCreateQueuesAttributesFifoWhereNamedSoAndKMS() throws {
        let spec = try TemplateFixture.spec()
        let stacks = try AWSTemplateSynthesizer(spec: spec).stacks()
        let queues = TemplateFixture.resources(stacks).filter { $0.resource.type == "AWS::SQS::Queue" }
        #expect(queues.count == spec.plan.actions.filter { if case .createQueue = $0 { true } else { false } }.count)
        for case .createQueue(let queue) in spec.plan.actions {
            let found = try #require(queues.first { $0.resource.properties["QueueName"]?.stringValue == queue.name.rawValue })
            let properties = found.resource.properties
            let attributes = SQSQueueService.creationAttributes(name: queue.name, options: queue.options, deadLetterArn: "x")
            #expect(properties["FifoQueue"] == (queue.name.isFIFO ? .bool(true) : nil), "\(queue.name)")
            #expect(properties["ContentBasedDeduplication"] == (queue.name.isFIFO ? .bool(false) : nil))
            #expect(properties["VisibilityTimeout"] == .int(60) && properties["DelaySeconds"] == .int(0))
            #expect(properties["KmsMasterKeyId"] != nil, "every queue is encrypted")
            if let dlq = queue.options.deadLetterQueue {
                let redrive = try #require(properties["RedrivePolicy"]?.fields)
                let expected = try #require(SQSRedrivePolicy(json: attributes[SQSQueueAttribute.redrivePolicy] ?? ""))
                #expect(redrive["maxReceiveCount"] == .int(expected.maxReceiveCount))
                let target = redrive["deadLetterTargetArn"]?.fields?["Fn::GetAtt"]?.items?.first?.stringValue
                #expect(found.stack.template.resources[target ?? ""]?.properties["QueueName"]?.stringValue == dlq.rawValue, "the DLQ is in the same stack")
            } else {
                #expect(properties["RedrivePolicy"] == nil)
            }
        }
    }

    @Test func iamHasNoStarResourceWhereAnARNIsPossible() throws {
        for worker in [AWSWorkerTrust.ec2, .ecs, .eks(provider: "oidc.eks.us-east-1.amazonaws.com/id/ABC", namespace: "lake", serviceAccount: "worker")] {
            let stacks = try AWSTemplateSynthesizer(spec: TemplateFixture.spec(worker: worker)).stacks()
            let documents = TemplateFixture.policyDocuments(stacks)
            #expect(documents.count >= 10)
            for (place, document, keyPolicy) in documents {
                for statement in TemplateFixture.statements(document) {
                    let sid = statement["Sid"]?.stringValue ?? ""
                    #expect(sid.allSatisfy { $0.isLetter || $0.isNumber } || sid == "swiftlake-s3-events", "\(place): Sid \(sid)")
                    let actions = TemplateFixture.strings(statement["Action"])
                    // Service-wide actions only where they cannot widen access: a key's own policy, a Deny.
                    let broadAllowed = keyPolicy || statement["Effect"] == "Deny"
                    #expect(!actions.isEmpty && actions.allSatisfy { $0.contains(":") && (broadAllowed || !$0.hasSuffix(":*")) }, "\(place): \(actions)")
                    guard TemplateFixture.strings(statement["Resource"]).contains("*") else { continue }
                    // `*` in a key policy is the key itself; elsewhere only actions without resource-level permissions.
                    #expect(keyPolicy || actions == AWSWorkerActions.listQueues, "\(place) \(sid) grants \(actions) on *")
                }
            }
            let role = try #require(TemplateFixture.resources(stacks).first { $0.resource.type == "AWS::IAM::Role" }).resource
            let trust = TemplateFixture.statements(try #require(role.properties["AssumeRolePolicyDocument"]))
            #expect(trust.count == 1)
            switch worker {
            case .ec2: #expect(trust[0]["Principal"] == ["Service": "ec2.amazonaws.com"])
            case .ecs: #expect(trust[0]["Principal"] == ["Service": "ecs-tasks.amazonaws.com"])
            case .eks:
                #expect(trust[0]["Action"] == "sts:AssumeRoleWithWebIdentity")
                #expect(trust[0]["Condition"]?.fields?["StringEquals"]?.fields?["oidc.eks.us-east-1.amazonaws.com/id/ABC:sub"] == "system:serviceaccount:lake:worker")
            }
            let profiles = TemplateFixture.resources(stacks).filter { $0.resource.type == "AWS::IAM::InstanceProfile" }
            #expect(profiles.count == (worker == .ec2 ? 1 : 0))
        }
    }

    @Test func theWorkerIsGrantedExactlyTheLakesQueuesTablesAndDatabases() throws {
        let spec = try TemplateFixture.spec()
        let stacks = try AWSTemplateSynthesizer(spec: spec).stacks()
        var granted: [String: Set<String>] = [:]
        for (_, id, resource) in TemplateFixture.resources(stacks) where id.hasPrefix("Worker") && resource.type != "AWS::IAM::InstanceProfile" {
            let documents = (resource.properties["Policies"]?.items?.compactMap { $0.fields?["PolicyDocument"] } ?? [])
                + [resource.properties["PolicyDocument"]].compactMap { $0 }
            for statement in documents.flatMap(TemplateFixture.statements) {
                let resources = (statement["Resource"].map { $0.items ?? [$0] } ?? []).map {
                    TemplateFixture.resolved($0, queueNames: [:]).stringValue ?? "(reference)"
                }
                for action in TemplateFixture.strings(statement["Action"]) { granted[action, default: []].formUnion(resources) }
            }
        }
        let queueArns = Set(spec.plan.actions.compactMap { action -> String? in
            if case .createQueue(let queue) = action { return "arn:aws:sqs:us-east-1:123456789012:\(queue.name)" }
            return nil
        })
        #expect(granted["sqs:ReceiveMessage"]?.filter { !$0.hasSuffix("wfm-*") } == queueArns)
        let tableArns = Set((spec.plan.actions.compactMap { action -> String? in
            if case .createTable(let table) = action { return table.name }
            return nil
        } + spec.runtimeTables.map(\.name)).map { "arn:aws:dynamodb:us-east-1:123456789012:table/\($0)" })
        #expect(granted["dynamodb:PutItem"]?.filter { !$0.hasSuffix("/index/*") } == tableArns)
        #expect(granted["glue:CreateTable"]?.contains("arn:aws:glue:us-east-1:123456789012:table/acme_lake_\(env)_sales_orders_raw_db/*") == true)
        #expect(granted["s3:PutObject"] == Set(spec.layout.buckets.map { "arn:aws:s3:::\($0)/*" }))
        #expect(granted["dynamodb:CreateTable"] == nil && granted["s3:CreateBucket"] == nil && granted["kms:CreateKey"] == nil)
        #expect(granted["sns:Publish"] == ["arn:aws:sns:us-east-1:123456789012:sales-alerts"])
    }

    @Test func theQueuePolicyIsTheOneBootstrapWrites() throws {
        for buckets in [1, 3] {
            let spec = try TemplateFixture.spec(buckets: buckets)
            let foundations = try #require(try AWSTemplateSynthesizer(spec: spec).stacks().first)
            let policy = try #require(foundations.template.resources.values.first { $0.type == "AWS::SQS::QueuePolicy" })
            var queueNames: [String: String] = [:]
            for (id, resource) in foundations.template.resources {
                if let name = resource.properties["QueueName"]?.stringValue { queueNames[id] = name }
            }
            let document = TemplateFixture.resolved(try #require(policy.properties["PolicyDocument"]), queueNames: queueNames)
            let arn = "arn:aws:sqs:us-east-1:123456789012:lake-\(env)-catalog"
            let bootstrap = try #require(try AWSBootstrap.queuePolicy(queueArn: arn, existing: nil, adding: spec.layout.bucket(for: .raw), removing: nil))
            let ours = try JSONSerialization.data(withJSONObject: document.foundationObject, options: [.sortedKeys])
            let theirs = try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: Data(bootstrap.utf8)), options: [.sortedKeys])
            #expect(String(decoding: ours, as: UTF8.self) == String(decoding: theirs, as: UTF8.self))
            let bucket = try #require(foundations.template.resources.values.first { $0.properties["NotificationConfiguration"] != nil })
            #expect(bucket.dependsOn == foundations.template.resources.filter { $0.value.type == "AWS::SQS::QueuePolicy" }.map(\.key))
            let rule = bucket.properties["NotificationConfiguration"]?.fields?["QueueConfigurations"]?.items?.first?.fields?["Filter"]
            #expect(rule == (buckets == 1 ? ["S3Key": ["Rules": [["Name": "prefix", "Value": "raw/"]]]] : nil))
            #expect(bucket.properties["VersioningConfiguration"] == ["Status": "Enabled"], "versioning on the bucket holding raw")
        }
    }

    @Test func bucketsAndTablesAreEncryptedPrivateAndRetained() throws {
        let stacks = try AWSTemplateSynthesizer(spec: TemplateFixture.spec()).stacks()
        let all = TemplateFixture.resources(stacks)
        for (_, id, bucket) in all where bucket.type == "AWS::S3::Bucket" {
            let rule = bucket.properties["BucketEncryption"]?.fields?["ServerSideEncryptionConfiguration"]?.items?.first?.fields
            #expect(rule?["ServerSideEncryptionByDefault"]?.fields?["SSEAlgorithm"] == "aws:kms", "\(id)")
            #expect(bucket.properties["PublicAccessBlockConfiguration"]?.fields?.values.allSatisfy { $0 == .bool(true) } == true)
            #expect(bucket.deletionPolicy == "Retain")
            let policy = try #require(all.first { $0.resource.type == "AWS::S3::BucketPolicy" && $0.resource.properties["Bucket"] == .ref(id) })
            let deny = TemplateFixture.statements(try #require(policy.resource.properties["PolicyDocument"])).first
            #expect(deny?["Effect"] == "Deny" && deny?["Condition"] == ["Bool": ["aws:SecureTransport": "false"]])
        }
        for (_, id, table) in all where table.type == "AWS::DynamoDB::Table" {
            #expect(table.properties["BillingMode"] == "PAY_PER_REQUEST", "\(id)")
            #expect(table.properties["SSESpecification"]?.fields?["SSEType"] == "KMS")
            #expect(table.properties["PointInTimeRecoverySpecification"] == ["PointInTimeRecoveryEnabled": true])
            #expect(table.deletionPolicy == "Retain")
        }
        let history = try #require(all.first { $0.resource.properties["TableName"] == .string("octagon-PipelineExecutionHistory-\(env)") })
        #expect(history.resource.properties["TimeToLiveSpecification"] == ["AttributeName": "ttl", "Enabled": true])
        let keys = all.filter { $0.resource.type == "AWS::KMS::Key" }
        #expect(keys.count == 2 + 2 * 2, "data and infrastructure keys for the lake and for each team")
        #expect(keys.allSatisfy { $0.resource.properties["EnableKeyRotation"] == .bool(true) })
        let aliases = Set(all.compactMap { $0.resource.type == "AWS::KMS::Alias" ? $0.resource.properties["AliasName"]?.stringValue : nil })
        #expect(aliases.isSuperset(of: ["alias/lake-\(env)-data", "alias/lake-\(env)-infra", "alias/lake-\(env)-sales-data", "alias/lake-\(env)-sales-infra"]))
        let boundary = try #require(all.first { $0.id == "TeamPermissionsBoundary" && $0.stack.name.hasSuffix("team-sales") })
        #expect(boundary.resource.properties["ManagedPolicyName"] == .string("lake-\(env)-sales-boundary"))
    }

    @Test func stacksReferToTheirOwnResourcesAndImportOnlyWhatEarlierStacksExport() throws {
        let stacks = try AWSTemplateSynthesizer(spec: TemplateFixture.spec()).stacks()
        var exported: Set<String> = []
        for stack in stacks {
            let (refs, imports) = TemplateFixture.references(in: stack.template.value)
            let unknown = refs.filter { !$0.hasPrefix("AWS::") }.subtracting(stack.template.resources.keys)
            #expect(unknown.isEmpty, "\(stack.name) refers to \(unknown)")
            #expect(imports.isSubset(of: exported), "\(stack.name) imports \(imports.subtracting(exported)) before anyone exports it")
            for output in stack.template.outputs.values { if let name = output.exportName { exported.insert(name) } }
            for id in stack.template.resources.keys { #expect(id.allSatisfy { $0.isLetter || $0.isNumber }, "\(id)") }
        }
    }

    @Test func aGlueJobFromAScriptIsInItsDatasetsStackRunningAsTheTeamsBoundedRole() throws {
        let stacks = try AWSTemplateSynthesizer(spec: TemplateFixture.spec(glueJob: true)).stacks()
        func stack(_ name: String) throws -> AWSStackTemplate { try #require(stacks.first { $0.name == "lake-\(env)-\(name)" }) }
        let jobs = TemplateFixture.resources(stacks).filter { $0.resource.type == "AWS::Glue::Job" }
        #expect(jobs.count == 1 && jobs.first?.stack.name == "lake-\(env)-dataset-sales-refunds")
        let job = try #require(jobs.first?.resource)
        #expect(job.properties["Name"] == .string(TemplateFixture.glueJobName))
        #expect(job.properties["WorkerType"] == "G.2X" && job.properties["NumberOfWorkers"] == .int(4) && job.properties["GlueVersion"] == "4.0")
        #expect(job.properties["ExecutionProperty"]?.fields?["MaxConcurrentRuns"] == .int(3) && job.properties["Timeout"] == .int(60))
        #expect(job.properties["Command"]?.fields?["ScriptLocation"]?.stringValue?.hasSuffix("glue-scripts/sales/refunds/refunds.py") == true)
        #expect(job.properties["Role"] == .importValue("lake-\(env):sales:GlueJobRoleArn"))

        // The team's Glue role: trusted by Glue, inside the team's boundary, exporting its ARN.
        let team = try stack("team-sales")
        let role = try #require(team.template.resources.values.first { $0.type == "AWS::IAM::Role" })
        #expect(role.properties["RoleName"] == .string(TemplateFixture.glueJobRole))
        #expect(role.properties["PermissionsBoundary"] == .ref("TeamPermissionsBoundary"))
        let trust = TemplateFixture.statements(try #require(role.properties["AssumeRolePolicyDocument"]))
        #expect(trust.count == 1 && trust[0]["Principal"] == ["Service": "glue.amazonaws.com"])
        let policy = try #require(role.properties["Policies"]?.items?.first?.fields?["PolicyDocument"])
        let granted = Set(TemplateFixture.statements(policy).flatMap { TemplateFixture.strings($0["Action"]) })
        #expect(granted == ["s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "kms:Decrypt", "kms:GenerateDataKey",
                            "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"])
        let boundary = try #require(team.template.resources["TeamPermissionsBoundary"]?.properties["PolicyDocument"])
        let bounded = Set(TemplateFixture.statements(boundary).flatMap { TemplateFixture.strings($0["Action"]) })
        #expect(granted.isSubset(of: bounded), "the boundary lacks \(granted.subtracting(bounded))")
        #expect(team.template.outputs["GlueJobRoleArn"]?.exportName == "lake-\(env):sales:GlueJobRoleArn")

        // The worker may start, read and stop runs of exactly this job.
        let workerGrants = team.template.resources.values.filter { $0.type == "AWS::IAM::ManagedPolicy" && $0.properties["Roles"] != nil }
            .flatMap { TemplateFixture.statements($0.properties["PolicyDocument"] ?? [:]) }
        let runs = try #require(workerGrants.first { $0["Sid"] == "RunTeamGlueJobs" })
        #expect(TemplateFixture.strings(runs["Action"]) == ["glue:BatchStopJobRun", "glue:GetJobRun", "glue:StartJobRun"])
        #expect(runs["Resource"] == .sub("arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:job/\(TemplateFixture.glueJobName)"))

        // The dataset stack imports only what the team stack exports.
        var exported: Set<String> = []
        for stack in stacks {
            let (_, imports) = TemplateFixture.references(in: stack.template.value)
            #expect(imports.isSubset(of: exported), "\(stack.name) imports \(imports.subtracting(exported))")
            for output in stack.template.outputs.values { if let name = output.exportName { exported.insert(name) } }
        }
    }

    @Test func largeTeamsSplitTheWorkersGrantsIntoPoliciesIAMAccepts() throws {
        let spec = try TemplateFixture.spec(extraDatasets: 40)
        let stacks = try AWSTemplateSynthesizer(spec: spec).stacks()
        let sales = try #require(stacks.first { $0.name.hasSuffix("team-sales") })
        let policies = sales.template.resources.values.filter { $0.type == "AWS::IAM::ManagedPolicy" && $0.properties["Roles"] != nil }
        #expect(policies.count > 1)
        for policy in policies {
            let compact = try JSONSerialization.data(withJSONObject: (policy.properties["PolicyDocument"] ?? [:]).foundationObject)
            #expect(compact.count <= 6_144, "\(policy.properties["ManagedPolicyName"] ?? "?") is \(compact.count) characters")
        }
        let queues = Set(policies.flatMap { TemplateFixture.statements($0.properties["PolicyDocument"] ?? [:]) }
            .filter { $0["Sid"] == "WorkTeamQueues" }.flatMap { ($0["Resource"]?.items ?? []).map { TemplateFixture.resolved($0, queueNames: [:]).stringValue ?? "" } })
        #expect(queues.count == 3 + 42 * 3, "every stage-A and stage-B queue of the team, once")
        #expect(stacks[0].warnings.isEmpty == (policies.count <= 10))
    }
}
