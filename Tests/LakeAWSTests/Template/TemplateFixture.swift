import Foundation
import LakeAWS
import LakeCore

/// A lake's synthesis input built as the runtime builds it, by hand: two teams, one with two
/// datasets running stage B (HIGH and LOW levels) and one stage-A only, the catalog queues,
/// the raw bucket's notification; and helpers to walk the templates.
enum TemplateFixture {
    static let environment = "tpl"
    static let glueJobName = "lake-tpl-sales-refunds"
    static let glueJobRole = "lake-tpl-sales-glue"

    static func queue(_ name: String, dlq: String? = nil, receives: Int? = nil) throws -> AWSQueueSpec {
        AWSQueueSpec(
            name: try QueueName(validating: name),
            options: QueueOptions(visibilityTimeout: .seconds(60), maxReceiveCount: receives, deadLetterQueue: try dlq.map { try QueueName(validating: $0) }))
    }

    /// The spec; `extraDatasets` adds stage-B datasets to team `sales` (to reach IAM's sizes).
    /// `glueJob` runs `refunds`' stage B as a Glue job made from a script, as the team's Glue role.
    static func spec(buckets: Int = 3, worker: AWSWorkerTrust = .ec2, extraDatasets: Int = 0, glueJob: Bool = false) throws -> AWSTemplateSpec {
        let env = environment
        let layout = try S3ZoneLayout(bucketPrefix: "acme-lake-\(env)", bucketCount: buckets)
        let tables = DynamoMetadataTables(environment: env)
        var queues = [
            try queue("lake-\(env)-catalog-dlq"), try queue("lake-\(env)-routing-dlq"),
            try queue("lake-\(env)-catalog", dlq: "lake-\(env)-catalog-dlq", receives: 5),
            try queue("lake-\(env)-sales-main-a-dlq.fifo"),
            try queue("lake-\(env)-sales-main-a-high.fifo", dlq: "lake-\(env)-sales-main-a-dlq.fifo", receives: 5),
            try queue("lake-\(env)-sales-main-a-low.fifo", dlq: "lake-\(env)-sales-main-a-dlq.fifo", receives: 5),
            try queue("lake-\(env)-ops-arch-a-dlq.fifo"),
            try queue("lake-\(env)-ops-arch-a-high.fifo", dlq: "lake-\(env)-ops-arch-a-dlq.fifo", receives: 5),
        ]
        var datasets: [AWSTemplateDataset] = []
        for name in ["orders", "refunds"] + (0..<extraDatasets).map({ "extra\($0)" }) {
            let dlq = "lake-\(env)-sales-\(name)-b-dlq"
            queues += [try queue(dlq), try queue("lake-\(env)-sales-\(name)-b-high", dlq: dlq, receives: 998), try queue("lake-\(env)-sales-\(name)-b-low", dlq: dlq)]
            datasets.append(AWSTemplateDataset(
                name: name, queues: [dlq, "lake-\(env)-sales-\(name)-b-high", "lake-\(env)-sales-\(name)-b-low"].compactMap { QueueName(rawValue: $0) },
                databases: ["acme_lake_\(env)_sales_\(name)_db", "acme_lake_\(env)_sales_\(name)_raw_db"],
                glueJobs: glueJob && name == "refunds" ? [glueJobName] : []))
        }
        let databases = datasets.map { $0.databases[0] } + ["acme_lake_\(env)_ops_logs_db"]
        var plan = AWSBootstrap.plan(
            layout: layout, tables: tables, environment: env, queues: queues, databases: databases,
            notifications: [(bucket: layout.bucket(for: .raw), queue: try QueueName(validating: "lake-\(env)-catalog"), events: ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"], prefix: buckets == 1 ? "raw/" : nil)],
            parameterRoot: "/SDLF/\(env)",
            queueParameters: [
                ("SQS/CatalogQueue", try QueueName(validating: "lake-\(env)-catalog")),
                ("SQS/sales/mainStageAQueue/HIGH", try QueueName(validating: "lake-\(env)-sales-main-a-high.fifo")),
                ("SQS/sales/ordersStageBQueue/HIGH", try QueueName(validating: "lake-\(env)-sales-orders-b-high")),
            ],
            extraTables: DynamoWorkflowTables(team: "wfm", environment: env).specs)
        if glueJob {
            let key = GlueJobDefinition.scriptKey(team: "sales", dataset: "refunds", fileName: "refunds.py")
            let uri = "s3://\(layout.bucket(for: .artifacts))/\(layout.keyPrefix(for: .artifacts))\(key)"
            plan.actions += [
                .uploadScript(file: "/lake/jobs/refunds.py", key: key, uri: uri),
                .createJob(GlueJobDefinition(
                    name: glueJobName, role: glueJobRole, scriptLocation: uri, workerType: "G.2X", numberOfWorkers: 4, glueVersion: "4.0",
                    maxConcurrentRuns: 3, timeoutMinutes: 60, team: "sales", dataset: "refunds")),
            ]
        }
        let teams = [
            AWSTemplateTeam(
                name: "sales",
                queues: ["lake-\(env)-sales-main-a-dlq.fifo", "lake-\(env)-sales-main-a-high.fifo", "lake-\(env)-sales-main-a-low.fifo"].compactMap { QueueName(rawValue: $0) },
                notificationTopics: ["arn:aws:sns:us-east-1:123456789012:sales-alerts"], databasePrefix: "acme_lake_\(env)_sales_", datasets: datasets,
                glueJobRole: glueJob ? glueJobRole : nil),
            AWSTemplateTeam(
                name: "ops", queues: ["lake-\(env)-ops-arch-a-dlq.fifo", "lake-\(env)-ops-arch-a-high.fifo"].compactMap { QueueName(rawValue: $0) },
                databasePrefix: "acme_lake_\(env)_ops_",
                datasets: [AWSTemplateDataset(name: "logs", queues: [], databases: ["acme_lake_\(env)_ops_logs_db"])]),
        ]
        return AWSTemplateSpec(
            environment: env, layout: layout, plan: plan, teams: teams, worker: worker,
            runtimeTables: DynamoQualityTables(environment: env).specs, workflowQueuePrefix: "lake-\(env)-wfm-")
    }

    /// Every resource of the stacks with the stack it is in.
    static func resources(_ stacks: [AWSStackTemplate]) -> [(stack: AWSStackTemplate, id: String, resource: CFNResource)] {
        stacks.flatMap { stack in stack.template.resources.sorted { $0.key < $1.key }.map { (stack, $0.key, $0.value) } }
    }

    /// Every policy document in the stacks, with whether it is a key policy (where `*` means the key).
    static func policyDocuments(_ stacks: [AWSStackTemplate]) -> [(where: String, document: CFNValue, keyPolicy: Bool)] {
        var out: [(String, CFNValue, Bool)] = []
        for (stack, id, resource) in resources(stacks) {
            let place = "\(stack.name)/\(id)"
            if let document = resource.properties["KeyPolicy"] { out.append((place, document, true)) }
            if let document = resource.properties["PolicyDocument"] { out.append((place, document, false)) }
            for policy in resource.properties["Policies"]?.items ?? [] {
                if let document = policy.fields?["PolicyDocument"] { out.append((place, document, false)) }
            }
        }
        return out
    }

    /// The statements of a policy document.
    static func statements(_ document: CFNValue) -> [[String: CFNValue]] {
        (document.fields?["Statement"]?.items ?? []).compactMap(\.fields)
    }

    /// A string or each string of a list.
    static func strings(_ value: CFNValue?) -> [String] {
        switch value {
        case .string(let text)?: return [text]
        case .list(let items)?: return items.compactMap(\.stringValue)
        default: return []
        }
    }

    /// Every `Ref`, `Fn::GetAtt` target and `Fn::ImportValue` name in a value.
    static func references(in value: CFNValue) -> (refs: Set<String>, imports: Set<String>) {
        var refs: Set<String> = []
        var imports: Set<String> = []
        func walk(_ value: CFNValue) {
            switch value {
            case .object(let fields):
                if let ref = fields["Ref"]?.stringValue { refs.insert(ref) }
                if let target = fields["Fn::GetAtt"]?.items?.first?.stringValue { refs.insert(target) }
                if let name = fields["Fn::ImportValue"]?.stringValue { imports.insert(name) }
                if let text = fields["Fn::Sub"]?.stringValue {
                    var rest = Substring(text)
                    while let start = rest.range(of: "${"), let end = rest[start.upperBound...].firstIndex(of: "}") {
                        let name = rest[start.upperBound..<end]
                        if !name.hasPrefix("AWS::") { refs.insert(String(name.split(separator: ".").first ?? name)) }
                        rest = rest[rest.index(after: end)...]
                    }
                }
                fields.values.forEach(walk)
            case .list(let items): items.forEach(walk)
            default: break
            }
        }
        walk(value)
        return (refs, imports)
    }

    /// The value with `${AWS::Partition}` and friends and `GetAtt <id>.Arn` of queues replaced
    /// as AWS would resolve them for account 123456789012 in us-east-1 (queue ids map to names
    /// through `queueNames`).
    static func resolved(_ value: CFNValue, queueNames: [String: String]) -> CFNValue {
        switch value {
        case .object(let fields):
            if let text = fields["Fn::Sub"]?.stringValue, fields.count == 1 {
                return .string(
                    text.replacingOccurrences(of: "${AWS::Partition}", with: "aws").replacingOccurrences(of: "${AWS::Region}", with: "us-east-1")
                        .replacingOccurrences(of: "${AWS::AccountId}", with: "123456789012"))
            }
            if let target = fields["Fn::GetAtt"]?.items, target.count == 2, let id = target[0].stringValue, let name = queueNames[id] {
                return .string("arn:aws:sqs:us-east-1:123456789012:\(name)")
            }
            return .object(fields.mapValues { resolved($0, queueNames: queueNames) })
        case .list(let items): return .list(items.map { resolved($0, queueNames: queueNames) })
        default: return value
        }
    }
}
