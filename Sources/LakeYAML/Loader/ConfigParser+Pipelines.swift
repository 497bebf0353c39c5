import LakeCore

extension ConfigParser {
    static let pipelineKeys = ["type", "stage_a", "stage_b"]
    static let stageAKeys = ["transform", "concurrency", "options"]
    static let stageBKeys = ["transform", "trigger", "min_items", "max_items", "max_concurrent", "timeout", "batch", "options"]

    /// `pipelines:` — `name: {type, stage_a, stage_b}`; a name with no value gets every default.
    func parsePipelines(_ value: YAMLValue) -> [PipelineConfig] {
        namedEntries(value).map { name, item in
            // An unreadable pipeline is kept with defaults (its path is marked failed), so the
            // datasets that use it are not reported as pointing at nothing.
            guard let fields = reader.fields(item, allowed: Self.pipelineKeys) else { return PipelineConfig(name: name) }
            // The kind decides whether stage B runs; an unknown type is reported here and the
            // pipeline kept as written, so its datasets are still checked.
            var type = StandardPipelineKind().name
            if let typeValue = fields.value("type"), let chosen = reader.choice(typeValue, kinds.names, what: "pipeline type") {
                type = chosen
            }
            let stageA = fields.value("stage_a").map(parseStageA) ?? StageAConfig()
            var stageB: StageBConfig?
            if let stageBValue = fields.raw("stage_b") {
                stageB = stageBValue.isNull ? StageBConfig() : parseStageB(stageBValue)
            }
            let runsStageB = kinds.kind(named: type)?.runsStageB ?? (stageB != nil)
            return PipelineConfig(name: name, type: type, runsStageB: runsStageB, stageA: stageA, stageB: stageB)
        }
    }

    private func parseStageA(_ value: YAMLValue) -> StageAConfig {
        var stage = StageAConfig()
        guard let fields = reader.fields(value, allowed: Self.stageAKeys) else { return stage }
        if let item = fields.value("transform"), let name = reader.string(item) { stage.transform = name }
        if let item = fields.value("concurrency"), let count = reader.int(item) { stage.concurrency = count }
        stage.options = reader.options(fields.value("options"))
        return stage
    }

    private func parseStageB(_ value: YAMLValue) -> StageBConfig {
        var stage = StageBConfig()
        guard let fields = reader.fields(value, allowed: Self.stageBKeys) else { return stage }
        if let item = fields.value("transform"), let name = reader.string(item) { stage.transform = name }
        if let item = fields.value("trigger"), let trigger = parseTrigger(item) { stage.trigger = trigger }
        if let item = fields.value("min_items"), let count = reader.int(item) { stage.minItems = count }
        if let item = fields.value("max_items"), let count = reader.int(item) { stage.maxItems = count }
        if let item = fields.value("max_concurrent"), let count = reader.int(item) { stage.maxConcurrent = count }
        if let item = fields.value("timeout"), let duration = reader.duration(item) { stage.timeout = duration }
        if let item = fields.value("batch"), let text = reader.string(item) {
            if let batching = StageBBatching(rawValue: text) {
                stage.batching = batching
            } else {
                reader.fail(item, "batch must be per-table or per-message, not '\(text)'", hint: "per-table (default) runs one execution per table of up to max_items keys; per-message one per key")
            }
        }
        stage.options = reader.options(fields.value("options"))
        return stage
    }

    /// `event`, `every 5m`, or `{every: 5m}`.
    func parseTrigger(_ value: YAMLValue) -> StageBTrigger? {
        let hint = "write `trigger: event` (as soon as stage A sends work) or `trigger: every 5m` (on a schedule)"
        if case .mapping = value.node {
            guard let fields = reader.fields(value, allowed: ["every"]) else { return nil }
            guard let every = fields.value("every") else {
                reader.fail(value, "a trigger mapping needs `every: <duration>`", hint: hint)
                return nil
            }
            return reader.duration(every).map(StageBTrigger.every)
        }
        guard let text = reader.string(value) else { return nil }
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        if words.count == 1, words[0].lowercased() == "event" { return .event }
        if words.count == 2, words[0].lowercased() == "every" {
            guard let duration = DurationText.parse(String(words[1])) else {
                reader.fail(value, "'\(words[1])' is not a duration", hint: ConfigReader.durationHint)
                return nil
            }
            return .every(duration)
        }
        reader.fail(value, "unknown trigger '\(text)'", hint: hint)
        return nil
    }
}
