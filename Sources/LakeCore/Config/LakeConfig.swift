import Foundation

/// The whole of `lake.yaml`: the single source of truth for a lake. Registry rows (datasets,
/// pipelines) are derived from it. Parsing and validation live in the LakeYAML module.
public struct LakeConfig: Sendable, Hashable {
    /// Deployment environment, e.g. `dev`; part of every resource name.
    public var environment: String
    /// Organisation name, part of catalog database names.
    public var org: String
    /// Application name, part of catalog database names.
    public var app: String
    public var storage: StorageConfig
    public var pipelines: [PipelineConfig]
    public var teams: [TeamConfig]
    public var datasets: [DatasetConfig]
    /// Workload-management levels, highest first, and their aging rules.
    public var wlm: WLMConfig
    /// Named transforms (aliases of registered transforms with preset options).
    public var transforms: [NamedTransformConfig]
    /// Catalog upkeep beyond the crawler: the raw partition job's schedule and window.
    public var catalog: CatalogConfig
    /// The workflow manager (`wfm:`), when the lake runs one.
    public var wfm: WFMConfig?
    /// Directory relative paths in the config resolve against (the config file's directory).
    public var baseDirectory: URL

    public init(
        environment: String = "dev", org: String = "swiftlake", app: String = "datalake",
        storage: StorageConfig = .embedded(EmbeddedStorageConfig()),
        pipelines: [PipelineConfig] = [], teams: [TeamConfig] = [], datasets: [DatasetConfig] = [],
        wlm: WLMConfig = WLMConfig(), transforms: [NamedTransformConfig] = [], catalog: CatalogConfig = CatalogConfig(),
        baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) {
        self.environment = environment
        self.org = org
        self.app = app
        self.storage = storage
        self.pipelines = pipelines
        self.teams = teams
        self.datasets = datasets
        self.wlm = wlm
        self.transforms = transforms
        self.catalog = catalog
        self.wfm = nil
        self.baseDirectory = baseDirectory
    }

    public func pipeline(named name: String) -> PipelineConfig? { pipelines.first { $0.name == name } }
    public func dataset(_ ref: DatasetRef) -> DatasetConfig? {
        datasets.first { $0.team == ref.team && $0.name == ref.dataset }
    }
    public func team(named name: String) -> TeamConfig? { teams.first { $0.name == name } }
    public func namedTransform(_ name: String) -> NamedTransformConfig? { transforms.first { $0.name == name } }
}

/// Where the lake keeps its data and state.
public enum StorageConfig: Sendable, Hashable {
    case embedded(EmbeddedStorageConfig)
    case aws(AWSStorageConfig)
}

/// The embedded backend: one directory holding the zones and the SQLite databases.
public struct EmbeddedStorageConfig: Sendable, Hashable {
    /// Lake directory; relative paths resolve against the config file's directory.
    public var path: String
    public init(path: String = ".lake") { self.path = path }
}

/// The AWS backend: S3 buckets, SQS, DynamoDB, Glue and SSM in one region.
public struct AWSStorageConfig: Sendable, Hashable {
    public var region: String
    /// Endpoint override (an emulator or an S3-compatible store); path-style addressing then.
    public var endpoint: String?
    /// 1 bucket with zone prefixes, or 3 buckets (raw, stage, analytics; artifacts in raw's).
    public var buckets: Int
    /// SSE-KMS key for written objects.
    public var kmsKeyId: String?
    /// Bucket-name prefix; default `<org>-<app>-<env>`.
    public var bucketPrefix: String?
    public init(region: String = "us-east-1", endpoint: String? = nil, buckets: Int = 3, kmsKeyId: String? = nil, bucketPrefix: String? = nil) {
        self.region = region
        self.endpoint = endpoint
        self.buckets = buckets
        self.kmsKeyId = kmsKeyId
        self.bucketPrefix = bucketPrefix
    }
}

/// A team: owner of pipelines and datasets.
public struct TeamConfig: Sendable, Hashable {
    public var name: String
    public var description: String?
    /// Where the team hears about failures (`notify:`), if anywhere.
    public var notify: TeamNotifyConfig?
    public init(name: String, description: String? = nil, notify: TeamNotifyConfig? = nil) {
        self.name = name
        self.description = description
        self.notify = notify
    }
}

/// A team's notifications (`teams.<t>.notify`): a webhook that receives a JSON document per
/// event, an SNS topic, or both, and which events (`on`; default all).
public struct TeamNotifyConfig: Sendable, Hashable {
    /// The event names `on:` takes.
    public static let eventNames = ["failed", "dead-lettered", "partition-sync-failed", "quality-failed"]

    /// An `http://` or `https://` URL that receives a POST per event.
    public var webhook: String?
    /// `arn:aws:sns:<region>:<account>:<topic>`.
    public var snsTopicArn: String?
    /// Which of ``eventNames`` to send.
    public var on: [String]

    public init(webhook: String? = nil, snsTopicArn: String? = nil, on: [String] = TeamNotifyConfig.eventNames) {
        self.webhook = webhook
        self.snsTopicArn = snsTopicArn
        self.on = on
    }
}
