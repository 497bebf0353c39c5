import LakeCore

/// A queue to create: its name and options.
public struct AWSQueueSpec: Sendable, Hashable {
    /// The queue name (`.fifo` for FIFO queues).
    public var name: QueueName
    /// Its options; a dead-letter queue named here is created before it.
    public var options: QueueOptions

    /// Creates a queue spec.
    public init(name: QueueName, options: QueueOptions = QueueOptions()) {
        self.name = name
        self.options = options
    }
}

/// One idempotent step of a bootstrap.
public enum AWSBootstrapAction: Sendable, Hashable, CustomStringConvertible {
    /// Create an S3 bucket.
    case createBucket(String)
    /// Create an SQS queue (or check an existing one has these options).
    case createQueue(AWSQueueSpec)
    /// Create a DynamoDB table (and turn on its TTL).
    case createTable(DynamoTableSpec)
    /// Create a Glue database.
    case createDatabase(name: String, description: String?)
    /// Write an SSM parameter.
    case putParameter(name: String, value: String)
    /// Write an SSM parameter holding a queue's URL (known once the queue exists).
    case putQueueURLParameter(name: String, queue: QueueName)
    /// Send a bucket's object events under `prefix` to a queue (with the queue policy S3 needs).
    case notifyQueue(bucket: String, queue: QueueName, events: [String], prefix: String?)
    /// Upload a local Glue job script (`file`, an absolute path) to the artifacts zone at `key`
    /// (`uri` in full), unless it is there with the same bytes.
    case uploadScript(file: String, key: String, uri: String)
    /// Create a Glue job (or update one whose settings differ).
    case createJob(GlueJobDefinition)

    /// What the step does, for a dry run.
    public var description: String {
        switch self {
        case .createBucket(let name):
            return "create S3 bucket \(name)"
        case .createQueue(let spec):
            var text = "create SQS queue \(spec.name) (visibility \(Int(spec.options.visibilityTimeout.seconds))s"
            if spec.options.delay > .zero { text += ", delay \(Int(spec.options.delay.seconds))s" }
            if let dlq = spec.options.deadLetterQueue {
                text += ", dead letters to \(dlq)"
                if let max = spec.options.maxReceiveCount { text += " after \(max) receives" }
            }
            return text + ")"
        case .createTable(let spec):
            let keys = spec.keys.map { "\($0.name)\($0.isSortKey ? " (sort)" : "")" }.joined(separator: ", ")
            return "create DynamoDB table \(spec.name) (key \(keys)\(spec.ttlAttribute.map { ", TTL on \($0)" } ?? ""))"
        case .createDatabase(let name, _):
            return "create Glue database \(name)"
        case .putParameter(let name, let value):
            return "put SSM parameter \(name) = \(value)"
        case .putQueueURLParameter(let name, let queue):
            return "put SSM parameter \(name) = the URL of SQS queue \(queue)"
        case .notifyQueue(let bucket, let queue, let events, let prefix):
            return "send \(events.joined(separator: ", ")) of s3://\(bucket)/\(prefix ?? "") to SQS queue \(queue)"
        case .uploadScript(let file, _, let uri):
            return "upload Glue job script \(file) to \(uri)"
        case .createJob(let job):
            return "create Glue job \(job.name) (\(job.scriptLocation), \(job.numberOfWorkers) x \(job.workerType), Glue \(job.glueVersion), role \(job.role))"
        }
    }
}

/// What applying a step found.
public enum AWSBootstrapOutcome: String, Sendable, Hashable {
    /// It did not exist and was made.
    case created
    /// It existed as wanted; nothing was written.
    case exists
    /// It existed with another value and was changed.
    case updated
    /// It existed and was removed (``AWSTenantProvisioner/remove(_:purge:)``).
    case removed
    /// It is not there and is not wanted (nothing to remove); nothing was written.
    case absent
}

/// One applied step and what it found.
public struct AWSBootstrapResult: Sendable, Hashable, CustomStringConvertible {
    /// The step.
    public var action: AWSBootstrapAction
    /// What it found.
    public var outcome: AWSBootstrapOutcome
    /// `created   create S3 bucket x`.
    public var description: String {
        "\(outcome.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(action)"
    }
}

/// An ordered list of bootstrap steps: dead-letter queues before the queues that use them,
/// queues before the notifications that target them.
public struct AWSBootstrapPlan: Sendable, Hashable, CustomStringConvertible {
    /// The steps, in the order they run.
    public var actions: [AWSBootstrapAction]

    /// Creates a plan.
    public init(actions: [AWSBootstrapAction]) { self.actions = actions }

    /// The dry run: one numbered line per step.
    public var description: String {
        actions.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")
    }
}
