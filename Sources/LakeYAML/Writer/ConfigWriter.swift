import Foundation
import LakeCore

/// Renders a ``LakeConfig`` as lake.yaml text: sections in a fixed order with a comment each,
/// keys in a fixed order, options sorted. Loading the output gives back an equal config
/// (for configs in loaded form: the embedded path absolute, as ``ConfigLoader`` stores it;
/// it is written relative to `baseDirectory` when it lies inside it).
public enum ConfigWriter {
    /// The YAML text of `config`.
    public static func write(_ config: LakeConfig) -> String {
        var out = YAMLLines()
        out.comment("SwiftLake configuration. Every key and its default: docs/CONFIG.md")
        out.line("environment: \(YAMLText.scalar(config.environment))")
        out.line("org: \(YAMLText.scalar(config.org))")
        out.line("app: \(YAMLText.scalar(config.app))")

        out.blank()
        out.comment("Where the lake keeps its data and state: embedded (a local directory) or aws.")
        writeStorage(config, into: &out)

        out.blank()
        out.comment("Teams own pipelines and datasets. Names: 2-12 lowercase letters or digits.")
        if config.teams.isEmpty { out.line("teams: {}") } else { out.line("teams:") }
        for team in config.teams {
            out.line("  \(YAMLText.scalar(team.name)):")
            if let description = team.description { out.line("    description: \(YAMLText.scalar(description))") }
            if let notify = team.notify {
                out.line("    notify:")
                if let webhook = notify.webhook { out.line("      webhook: \(YAMLText.scalar(webhook))") }
                if let arn = notify.snsTopicArn { out.line("      sns_topic_arn: \(YAMLText.scalar(arn))") }
                out.line("      on: [\(notify.on.joined(separator: ", "))]")
            }
        }

        out.blank()
        out.comment("Pipelines: stage A transforms each object, stage B each batch (standard only).")
        if config.pipelines.isEmpty { out.line("pipelines: {}") } else { out.line("pipelines:") }
        for pipeline in config.pipelines { writePipeline(pipeline, into: &out) }

        out.blank()
        out.comment("Datasets: tables from one source, owned by a team, run by a pipeline.")
        if config.datasets.isEmpty { out.line("datasets: {}") } else { out.line("datasets:") }
        for dataset in config.datasets { writeDataset(dataset, key: DatasetKey.key(for: dataset, in: config.datasets), into: &out) }

        out.blank()
        out.comment("Workload management: priority levels, highest first; aging per level.")
        writeWLM(config.wlm, into: &out)

        if let wfm = config.wfm {
            out.blank()
            out.comment("Workflow manager: tenants' workflows, queued executions within each tenant's cap, schedules.")
            writeWFM(wfm, into: &out)
        }

        if config.catalog != CatalogConfig() {
            out.blank()
            out.comment("Catalog: how `lake run` keeps raw tables' partitions registered.")
            let sync = config.catalog.partitionSync
            let interval = sync.interval.map { YAMLText.scalar(YAMLText.duration($0)) } ?? "\"off\""
            out.line("catalog:")
            out.line("  partition_sync: {interval: \(interval), lookback_days: \(sync.lookbackDays), lookahead_days: \(sync.lookaheadDays)}")
        }

        if !config.transforms.isEmpty {
            out.blank()
            out.comment("Named transforms: registered transforms with preset options.")
            out.line("transforms:")
            for transform in config.transforms {
                out.line("  \(YAMLText.scalar(transform.name)):")
                out.line("    stage: \(transform.stage.rawValue)")
                out.line("    uses: \(YAMLText.scalar(transform.uses))")
                if !transform.options.isEmpty { out.line("    options: \(YAMLText.options(transform.options))") }
            }
        }
        return out.text
    }

    private static func writeStorage(_ config: LakeConfig, into out: inout YAMLLines) {
        out.line("storage:")
        switch config.storage {
        case .embedded(let embedded):
            out.line("  backend: embedded")
            out.line("  path: \(YAMLText.scalar(relativePath(embedded.path, to: config.baseDirectory)))")
        case .aws(let aws):
            out.line("  backend: aws")
            out.line("  region: \(YAMLText.scalar(aws.region))")
            if let endpoint = aws.endpoint { out.line("  endpoint: \(YAMLText.scalar(endpoint))") }
            out.line("  buckets: \(aws.buckets)")
            if let key = aws.kmsKeyId { out.line("  kms_key_id: \(YAMLText.scalar(key))") }
            if let prefix = aws.bucketPrefix { out.line("  bucket_prefix: \(YAMLText.scalar(prefix))") }
        }
    }

    /// `path` relative to `base` when it lies inside it (so the file can move with its lake).
    static func relativePath(_ path: String, to base: URL) -> String {
        let basePath = base.standardizedFileURL.path
        if path == basePath { return "." }
        let prefix = basePath.hasSuffix("/") ? basePath : basePath + "/"
        if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
        return path
    }

    private static func writePipeline(_ pipeline: PipelineConfig, into out: inout YAMLLines) {
        out.line("  \(YAMLText.scalar(pipeline.name)):")
        out.line("    type: \(YAMLText.scalar(pipeline.type))")
        out.line("    stage_a:")
        out.line("      transform: \(YAMLText.scalar(pipeline.stageA.transform))")
        out.line("      concurrency: \(pipeline.stageA.concurrency)")
        if !pipeline.stageA.options.isEmpty { out.line("      options: \(YAMLText.options(pipeline.stageA.options))") }
        guard let stageB = pipeline.stageB else { return }
        out.line("    stage_b:")
        out.line("      transform: \(YAMLText.scalar(stageB.transform))")
        out.line("      trigger: \(YAMLText.scalar(YAMLText.trigger(stageB.trigger)))")
        out.line("      min_items: \(stageB.minItems)")
        out.line("      max_items: \(stageB.maxItems)")
        out.line("      max_concurrent: \(stageB.maxConcurrent)")
        out.line("      timeout: \(YAMLText.scalar(YAMLText.duration(stageB.timeout)))")
        if stageB.batching != .perTable { out.line("      batch: \(stageB.batching.rawValue)") }
        if !stageB.options.isEmpty { out.line("      options: \(YAMLText.options(stageB.options))") }
    }

    private static func writeDataset(_ dataset: DatasetConfig, key: String, into out: inout YAMLLines) {
        out.line("  \(YAMLText.scalar(key)):")
        if !key.contains("/") { out.line("    team: \(YAMLText.scalar(dataset.team))") }
        out.line("    pipeline: \(YAMLText.scalar(dataset.pipeline))")
        for (name, override) in [("stage_a", dataset.stageA), ("stage_b", dataset.stageB)]
        where override.transform != nil || !override.options.isEmpty {
            out.line("    \(name):")
            if let transform = override.transform { out.line("      transform: \(YAMLText.scalar(transform))") }
            if !override.options.isEmpty { out.line("      options: \(YAMLText.options(override.options))") }
        }
        if let level = dataset.defaultPriority { out.line("    default_priority: \(YAMLText.scalar(level))") }
        if dataset.schemaPolicy != .fail { out.line("    schema_policy: \(dataset.schemaPolicy.rawValue)") }
        if let compaction = dataset.compaction {
            out.line("    compaction: {after_files: \(compaction.afterFiles), target_size: \(ByteSizeText.format(compaction.targetSize))}")
        }
        guard !dataset.tables.isEmpty else { return }
        out.line("    tables:")
        for table in dataset.tables { writeTable(table, into: &out) }
    }

    private static func writeTable(_ table: TableConfig, into out: inout YAMLLines) {
        out.line("      \(YAMLText.scalar(table.name)):")
        if let level = table.priority { out.line("        priority: \(YAMLText.scalar(level))") }
        if !table.schema.isEmpty {
            out.line("        schema:")
            let allNullable = table.schema.allSatisfy(\.nullable)
            for column in table.schema {
                if allNullable {
                    out.line("          \(YAMLText.scalar(column.name)): \(YAMLText.scalar(column.type))")
                } else {
                    out.line("          - {name: \(YAMLText.scalar(column.name)), type: \(YAMLText.scalar(column.type)), nullable: \(column.nullable)}")
                }
            }
        }
        if !table.partitionBy.isEmpty {
            let items = table.partitionBy.map { spec -> String in
                switch spec {
                case .column(let name): return YAMLText.scalar(name)
                case .time(let column, let granularity):
                    return "{time: \(YAMLText.scalar(column)), granularity: \(granularity.rawValue)}"
                }
            }
            out.line("        partition_by: [\(items.joined(separator: ", "))]")
        }
        if let raw = table.raw {
            out.line("        raw: {format: \(YAMLText.scalar(raw.format)), partitions: \(YAMLText.scalar(raw.partitionScheme))}")
        }
    }

    private static func writeWFM(_ wfm: WFMConfig, into out: inout YAMLLines) {
        out.line("wfm:")
        out.line("  consumer_interval: \(YAMLText.scalar(YAMLText.duration(wfm.consumerInterval)))")
        out.line("  sync_interval: \(YAMLText.scalar(YAMLText.duration(wfm.syncInterval)))")
        out.line("  catch_up: \(YAMLText.scalar(YAMLText.duration(wfm.catchUp)))")
        if wfm.team != WFMConfig().team { out.line("  team: \(YAMLText.scalar(wfm.team))") }
        if let pipeline = wfm.tenantPipeline { out.line("  tenant_pipeline: \(YAMLText.scalar(pipeline))") }
        if let notify = wfm.notify {
            var fields: [String] = []
            if let webhook = notify.webhook { fields.append("webhook: \(YAMLText.scalar(webhook))") }
            if let arn = notify.snsTopicArn { fields.append("sns_topic_arn: \(YAMLText.scalar(arn))") }
            fields.append("routine: [\(notify.routine.joined(separator: ", "))]")
            out.line("  notify: {\(fields.joined(separator: ", "))}")
        }
        if !wfm.tenants.isEmpty {
            out.line("  tenants:")
            for tenant in wfm.tenants { out.line("    - \(YAMLText.flow(tenant))") }
        }
    }

    private static func writeWLM(_ wlm: WLMConfig, into out: inout YAMLLines) {
        out.line("wlm:")
        out.line("  levels: [\(wlm.levels.map(YAMLText.scalar).joined(separator: ", "))]")
        out.line("  default: \(YAMLText.scalar(wlm.defaultLevel))")
        if !wlm.maxWait.isEmpty {
            let ordered = wlm.maxWait.sorted { a, b in
                let left = (wlm.levels.firstIndex(of: a.key) ?? Int.max, a.key)
                let right = (wlm.levels.firstIndex(of: b.key) ?? Int.max, b.key)
                return left < right
            }
            let pairs = ordered.map { "\(YAMLText.scalar($0.key)): \(YAMLText.scalar(YAMLText.duration($0.value)))" }
            out.line("  max_wait: {\(pairs.joined(separator: ", "))}")
        }
        if let cap = wlm.globalMaxConcurrent { out.line("  global_max_concurrent: \(cap)") }
    }
}
