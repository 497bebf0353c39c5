import LakeCore

/// The resources each bootstrap step becomes, with bootstrap's names and settings.
extension AWSTemplateSynthesizer {
    /// How long a queue keeps a message: SQS's default of 4 days, which queues made by
    /// `lake aws bootstrap` have.
    static let messageRetentionSeconds = 345_600

    /// Adds the plan's queues, tables, Glue databases and SSM parameters of `layer` to
    /// `builder`: queues encrypted with `queueKey`, tables with `tableKey`. Buckets and
    /// notifications are the foundations' own (``foundations()``).
    func addPlanResources(of layer: AWSStackLayer, to builder: inout StackBuilder, queueKey: CFNValue, tableKey: CFNValue) {
        let steps = actions(in: layer)
        // Ids first, so a redrive policy can point at its dead-letter queue whatever the order.
        for case .createQueue(let queue) in steps {
            builder.queueIds[queue.name] = LogicalID.make("Queue", shortName(queue.name.rawValue))
        }
        for step in steps {
            switch step {
            case .createQueue(let queue):
                let id = builder.add(builder.queueIds[queue.name] ?? LogicalID.make("Queue", queue.name.rawValue), queueResource(queue, key: queueKey, ids: builder.queueIds))
                builder.queueIds[queue.name] = id
                builder.output("\(id)Url", CFNOutput("URL of SQS queue \(queue.name)", .ref(id)))
            case .createTable(let table):
                let id = builder.add(LogicalID.make("Table", shortName(table.name)), tableResource(table, key: tableKey))
                builder.tableIds[table.name] = id
                builder.output("\(id)Name", CFNOutput("DynamoDB table \(table.name)", .ref(id)))
            case .createDatabase(let name, let description):
                let id = builder.add(LogicalID.make("Database", name), databaseResource(name, description: description))
                builder.output("\(id)Name", CFNOutput("Glue database \(name)", .string(name)))
            case .putParameter(let name, let value):
                builder.add(LogicalID.make("Parameter", parameterSuffix(name)), parameterResource(name, .string(value)))
            case .putQueueURLParameter(let name, let queue):
                let url: CFNValue = builder.queueIds[queue].map { CFNValue.ref($0) } ?? Self.queueURL(queue)
                builder.add(LogicalID.make("Parameter", parameterSuffix(name)), parameterResource(name, url, description: "URL of SQS queue \(queue)"))
            case .createJob(let job):
                let id = builder.add(LogicalID.make("GlueJob", job.dataset), glueJobResource(job))
                builder.output("\(id)Name", CFNOutput("Glue job \(job.name) (stage B)", .ref(id)))
            case .createBucket, .notifyQueue, .uploadScript:
                // Buckets and notifications are the foundations'; a script is an object
                // (uploaded by `lake aws bootstrap`), not a resource.
                continue
            }
        }
    }

    /// An SQS queue with the attributes `CreateQueue` gives it (``SQSQueueService/creationAttributes(name:options:deadLetterArn:)``),
    /// FIFO when its name says so, encrypted with `key`.
    func queueResource(_ queue: AWSQueueSpec, key: CFNValue, ids: [QueueName: String]) -> CFNResource {
        let deadLetter = queue.options.deadLetterQueue
        let attributes = SQSQueueService.creationAttributes(name: queue.name, options: queue.options, deadLetterArn: deadLetter.map(\.rawValue))
        var properties: [String: CFNValue] = ["QueueName": .string(queue.name.rawValue), "KmsMasterKeyId": key]
        if queue.name.isFIFO { properties["FifoQueue"] = true }
        for (name, value) in attributes {
            if name == SQSQueueAttribute.redrivePolicy, let policy = SQSRedrivePolicy(json: value), let deadLetter {
                let target = ids[deadLetter].map { CFNValue.getAtt($0, "Arn") } ?? Self.queueArn(deadLetter)
                properties[name] = ["deadLetterTargetArn": target, "maxReceiveCount": .int(policy.maxReceiveCount)]
            } else if let number = Int(value) {
                properties[name] = .int(number)
            } else if value == "true" || value == "false" {
                properties[name] = .bool(value == "true")
            } else {
                properties[name] = .string(value)
            }
        }
        // SQS's default retention (bootstrap's queues have it too), written out.
        properties["MessageRetentionPeriod"] = .int(Self.messageRetentionSeconds)
        return CFNResource("AWS::SQS::Queue", properties, deletionPolicy: "Delete")
    }

    /// A DynamoDB table as bootstrap creates it (keys, indexes, TTL, on demand), with SSE-KMS
    /// under `key` and point-in-time recovery.
    func tableResource(_ table: DynamoTableSpec, key: CFNValue) -> CFNResource {
        func schema(_ keys: [DynamoKeyElement]) -> CFNValue {
            .list(DynamoTableSpec.keySchema(keys).map { ["AttributeName": .string($0.name), "KeyType": .string($0.keyType)] })
        }
        var properties: [String: CFNValue] = [
            "TableName": .string(table.name),
            "AttributeDefinitions": .list(table.attributeDefinitions.map { ["AttributeName": .string($0.name), "AttributeType": .string($0.type.rawValue)] }),
            "KeySchema": schema(table.keys),
            "BillingMode": "PAY_PER_REQUEST",
            "SSESpecification": ["SSEEnabled": true, "SSEType": "KMS", "KMSMasterKeyId": key],
            "PointInTimeRecoverySpecification": ["PointInTimeRecoveryEnabled": true],
        ]
        if !table.indexes.isEmpty {
            properties["GlobalSecondaryIndexes"] = .list(table.indexes.map {
                ["IndexName": .string($0.name), "KeySchema": schema($0.keys), "Projection": ["ProjectionType": "ALL"]]
            })
        }
        if let ttl = table.ttlAttribute { properties["TimeToLiveSpecification"] = ["AttributeName": .string(ttl), "Enabled": true] }
        return CFNResource("AWS::DynamoDB::Table", properties, deletionPolicy: "Retain")
    }

    /// A Glue database in this account's catalog.
    func databaseResource(_ name: String, description: String?) -> CFNResource {
        var input: [String: CFNValue] = ["Name": .string(name)]
        if let description { input["Description"] = .string(description) }
        return CFNResource("AWS::Glue::Database", ["CatalogId": .ref("AWS::AccountId"), "DatabaseInput": .object(input)], deletionPolicy: "Retain")
    }

    /// A `String` SSM parameter.
    func parameterResource(_ name: String, _ value: CFNValue, description: String? = nil) -> CFNResource {
        var properties: [String: CFNValue] = ["Name": .string(name), "Type": "String", "Value": value]
        if let description { properties["Description"] = .string(description) }
        return CFNResource("AWS::SSM::Parameter", properties)
    }

    /// A queue's URL from its name, for a queue of another stack.
    static func queueURL(_ queue: QueueName) -> CFNValue {
        .sub("https://sqs.${AWS::Region}.${AWS::URLSuffix}/${AWS::AccountId}/\(queue.rawValue)")
    }

    /// A name without the environment, for logical ids: `lake-dev-catalog` → `catalog`,
    /// `octagon-Datasets-dev` → `octagon-Datasets`.
    func shortName(_ name: String) -> String {
        if name.hasPrefix(naming.prefix + "-") { return String(name.dropFirst(naming.prefix.count + 1)) }
        if name.hasSuffix("-" + spec.environment) { return String(name.dropLast(spec.environment.count + 1)) }
        return name
    }

    /// A parameter name without `/SDLF/<env>/`, for logical ids.
    func parameterSuffix(_ name: String) -> String {
        let root = "/SDLF/\(spec.environment)/"
        return name.hasPrefix(root) ? String(name.dropFirst(root.count)) : name
    }
}
