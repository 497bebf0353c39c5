/// A dataset: a group of tables from one source, owned by a team and run by one pipeline.
public struct DatasetConfig: Sendable, Hashable {
    public var name: String
    public var team: String
    public var pipeline: String
    /// Overrides of the pipeline's stage A transform and options.
    public var stageA: StageOverride
    /// Overrides of the pipeline's stage B transform and options.
    public var stageB: StageOverride
    public var tables: [TableConfig]
    /// Default WLM level for tables without their own priority.
    public var defaultPriority: String?
    /// What the crawler does on an incompatible schema change.
    public var schemaPolicy: SchemaChangePolicy
    /// Automatic small-file compaction of the dataset's tables in `lake run`; nil: none.
    public var compaction: CompactionConfig?
    /// Data-quality rules for every table without its own; nil: none.
    public var quality: QualityConfig?

    public init(
        name: String, team: String, pipeline: String, stageA: StageOverride = StageOverride(),
        stageB: StageOverride = StageOverride(), tables: [TableConfig] = [], defaultPriority: String? = nil,
        schemaPolicy: SchemaChangePolicy = .fail
    ) {
        self.name = name
        self.team = team
        self.pipeline = pipeline
        self.stageA = stageA
        self.stageB = stageB
        self.tables = tables
        self.defaultPriority = defaultPriority
        self.schemaPolicy = schemaPolicy
        self.compaction = nil
        self.quality = nil
    }

    public var ref: DatasetRef { DatasetRef(team: team, dataset: name) }
    public func table(named name: String) -> TableConfig? { tables.first { $0.name == name } }
    /// The quality rules that apply to `table`: its own, else the dataset's.
    public func quality(of table: String) -> QualityConfig? { self.table(named: table)?.quality ?? quality }
}

/// A per-dataset override of a stage's transform and options.
public struct StageOverride: Sendable, Hashable {
    public var transform: String?
    public var options: TransformOptions
    public init(transform: String? = nil, options: TransformOptions = [:]) {
        self.transform = transform
        self.options = options
    }
}

/// A table of a dataset: its explicit schema, partitioning and priority, all optional.
public struct TableConfig: Sendable, Hashable {
    public var name: String
    /// Explicit column types (`name: type`), in order; wins over inference.
    public var schema: [ColumnSpec]
    /// Partition columns: a column's value, or `year/month/day[/hour]` of a timestamp column.
    public var partitionBy: [TablePartition]
    /// WLM level of this table.
    public var priority: String?
    /// Raw-table settings for partition management (format and layout), if this is a raw table.
    public var raw: RawTableConfig?
    /// Data-quality rules checked at the end of stage B; nil: the dataset's, if any.
    public var quality: QualityConfig?

    public init(name: String, schema: [ColumnSpec] = [], partitionBy: [TablePartition] = [], priority: String? = nil, raw: RawTableConfig? = nil) {
        self.name = name
        self.schema = schema
        self.partitionBy = partitionBy
        self.priority = priority
        self.raw = raw
    }
}

/// One column of an explicit schema: a name and a type such as `int64`, `string`,
/// `timestamp[ms]`, `decimal(12,2)`; `nullable` defaults to true.
public struct ColumnSpec: Sendable, Hashable {
    public var name: String
    public var type: String
    public var nullable: Bool
    public init(name: String, type: String, nullable: Bool = true) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }
}

/// How a table is partitioned in analytics.
public enum TablePartition: Sendable, Hashable {
    /// `column=value`.
    case column(String)
    /// `year=/month=/day=[/hour=]` from a timestamp column.
    case time(column: String, granularity: TimeGranularity)
}

/// Granularity of time partitions.
public enum TimeGranularity: String, Sendable, Hashable, CaseIterable {
    case year, month, day, hour
}

/// A raw table registered by the partition job.
public struct RawTableConfig: Sendable, Hashable {
    /// `parquet`, `json` or `csv`.
    public var format: String
    /// `dt={yyyy-MM-dd}`, `year={yyyy}/month={MM}/day={dd}[/hour={HH}]`, or `discover`.
    public var partitionScheme: String
    public init(format: String, partitionScheme: String) {
        self.format = format
        self.partitionScheme = partitionScheme
    }
}

/// What happens when the crawler meets an incompatible schema change.
public enum SchemaChangePolicy: String, Sendable, Hashable, CaseIterable {
    /// Fail the execution, change nothing in the catalog.
    case fail
    /// Record the change in the schema history and carry on.
    case log
}

/// Workload-management settings: ordered levels (highest first) and aging per level.
public struct WLMConfig: Sendable, Hashable {
    public var levels: [String]
    /// A message older than this at a level is treated as the next level up.
    public var maxWait: [String: Duration]
    /// Default level for tables without a priority row.
    public var defaultLevel: String
    /// Optional cap on stage-B executions across all pipelines.
    public var globalMaxConcurrent: Int?
    public init(levels: [String] = ["HIGH", "LOW"], maxWait: [String: Duration] = [:], defaultLevel: String = "LOW", globalMaxConcurrent: Int? = nil) {
        self.levels = levels
        self.maxWait = maxWait
        self.defaultLevel = defaultLevel
        self.globalMaxConcurrent = globalMaxConcurrent
    }

    /// The levels queues are made for, highest first: `levels`, or just the default level when
    /// none are declared.
    public var effectiveLevels: [String] { levels.isEmpty ? [defaultLevel] : levels }
}
