import LakeCore

extension ConfigParser {
    static let datasetKeys = ["team", "pipeline", "stage_a", "stage_b", "default_priority", "schema_policy", "compaction", "quality", "tables"]
    static let overrideKeys = ["transform", "options"]

    /// `datasets:` — keyed by dataset name, or `team/name` when two teams use the same name.
    /// `team` and `pipeline` default to the only team or pipeline when exactly one is defined.
    func parseDatasets(_ value: YAMLValue, teams: [TeamConfig], pipelines: [PipelineConfig]) -> [DatasetConfig] {
        var datasets: [DatasetConfig] = []
        for (key, item) in namedEntries(value) {
            guard let fields = reader.fields(item, allowed: Self.datasetKeys) else { continue }
            let parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty }) else {
                reader.fail(item, "dataset key '\(key)' must be a name or team/name")
                continue
            }
            let name = parts[parts.count - 1]
            let team = datasetTeam(fields, item: item, name: name, keyTeam: parts.count == 2 ? parts[0] : nil, teams: teams)
            let pipeline = datasetPipeline(fields, item: item, pipelines: pipelines)
            var dataset = DatasetConfig(name: name, team: team, pipeline: pipeline)
            if let override = fields.value("stage_a") { dataset.stageA = parseOverride(override) }
            if let override = fields.value("stage_b") { dataset.stageB = parseOverride(override) }
            if let level = fields.value("default_priority") { dataset.defaultPriority = reader.string(level) }
            if let policy = fields.value("schema_policy"),
               let chosen = reader.choice(policy, SchemaChangePolicy.allCases.map(\.rawValue), what: "schema policy") {
                dataset.schemaPolicy = SchemaChangePolicy(rawValue: chosen) ?? .fail
            }
            if let compaction = fields.value("compaction") { dataset.compaction = parseCompaction(compaction) }
            if let tables = fields.value("tables") { dataset.tables = parseTables(tables) }
            if let quality = fields.value("quality") { dataset.quality = parseQuality(quality) }
            reader.recordDatasetKey(key, index: datasets.count)
            datasets.append(dataset)
        }
        return datasets
    }

    private func datasetTeam(_ fields: YAMLFields, item: YAMLValue, name: String, keyTeam: String?, teams: [TeamConfig]) -> String {
        if let value = fields.value("team") {
            guard let team = reader.string(value) else { return keyTeam ?? "" }
            if let keyTeam, keyTeam != team {
                reader.fail(value, "team '\(team)' does not match the key's team '\(keyTeam)'",
                    hint: "remove `team:` or write the key as \(team)/\(name)")
            }
            return team
        }
        if let keyTeam { return keyTeam }
        if teams.count == 1 { return teams[0].name }
        let defined = teams.isEmpty ? "no teams are defined; add one under teams:" : "defined teams: " + teams.map(\.name).joined(separator: ", ")
        reader.report(item.path + ".team", at: item.position, "dataset needs a team", hint: "add `team: <name>` (\(defined))")
        reader.markFailed(item.path + ".team")
        return ""
    }

    private func datasetPipeline(_ fields: YAMLFields, item: YAMLValue, pipelines: [PipelineConfig]) -> String {
        if let value = fields.value("pipeline") { return reader.string(value) ?? "" }
        if pipelines.count == 1 { return pipelines[0].name }
        let defined = pipelines.isEmpty ? "no pipelines are defined; add one under pipelines:" : "defined pipelines: " + pipelines.map(\.name).joined(separator: ", ")
        reader.report(item.path + ".pipeline", at: item.position, "dataset needs a pipeline", hint: "add `pipeline: <name>` (\(defined))")
        reader.markFailed(item.path + ".pipeline")
        return ""
    }

    private func parseOverride(_ value: YAMLValue) -> StageOverride {
        var override = StageOverride()
        guard let fields = reader.fields(value, allowed: Self.overrideKeys) else { return override }
        if let item = fields.value("transform") { override.transform = reader.string(item) }
        override.options = reader.options(fields.value("options"))
        return override
    }
}

extension ConfigParser {
    /// `compaction: {after_files: 8, target_size: 128MB}`.
    func parseCompaction(_ value: YAMLValue) -> CompactionConfig? {
        guard let fields = reader.fields(value, allowed: ["after_files", "target_size"]) else { return nil }
        var config = CompactionConfig()
        if let item = fields.value("after_files") {
            if let n = reader.int(item), n >= 2 { config.afterFiles = n } else { reader.fail(item, "after_files must be a whole number of at least 2") }
        }
        if let item = fields.value("target_size") {
            if let text = reader.string(item), let size = ByteSizeText.parse(text), size >= 1 << 20 {
                config.targetSize = size
            } else {
                reader.fail(item, "target_size must be a size of at least 1MB, such as 64MB or 128MB")
            }
        }
        return config
    }
}
