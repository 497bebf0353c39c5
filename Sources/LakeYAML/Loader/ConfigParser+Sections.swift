import LakeCore

extension ConfigParser {
    static let teamKeys = ["description", "notify"]
    static let notifyKeys = ["webhook", "sns_topic_arn", "on"]
    static let transformKeys = ["stage", "uses", "options"]
    static let wlmKeys = ["levels", "default", "max_wait", "global_max_concurrent"]

    /// `teams:` — a mapping of names (each with nothing, a description text, or
    /// `{description: ...}`), or a list of names or `{name, description}` mappings.
    func parseTeams(_ value: YAMLValue) -> [TeamConfig] {
        if case .sequence = value.node {
            return (reader.list(value) ?? []).compactMap { item in
                if item.scalarText != nil, !item.isNull {
                    guard let name = reader.string(item) else { return nil }
                    reader.record("teams.\(name)", item.position)
                    return TeamConfig(name: name)
                }
                guard let fields = reader.fields(item, allowed: ["name", "description"]) else { return nil }
                guard let nameValue = fields.value("name"), let name = reader.string(nameValue) else {
                    reader.report(item.path, at: item.position, "a team in a list needs a name", hint: "write `- name: myteam` or just `- myteam`")
                    return nil
                }
                reader.record("teams.\(name)", item.position)
                return TeamConfig(name: name, description: fields.value("description").flatMap(reader.string))
            }
        }
        return namedEntries(value).compactMap { name, item in
            if item.isNull { return TeamConfig(name: name) }
            if item.scalarText != nil { return TeamConfig(name: name, description: reader.string(item)) }
            guard let fields = reader.fields(item, allowed: Self.teamKeys) else { return TeamConfig(name: name) }
            return TeamConfig(
                name: name, description: fields.value("description").flatMap(reader.string), notify: fields.value("notify").flatMap(parseNotify))
        }
    }

    /// `notify: {webhook: URL, sns_topic_arn: ARN, on: [failed, dead-lettered, ...]}`.
    func parseNotify(_ value: YAMLValue) -> TeamNotifyConfig? {
        guard let fields = reader.fields(value, allowed: Self.notifyKeys) else { return nil }
        var notify = TeamNotifyConfig()
        notify.webhook = fields.value("webhook").flatMap(reader.string)
        notify.snsTopicArn = fields.value("sns_topic_arn").flatMap(reader.string)
        if let on = fields.value("on") {
            notify.on = (reader.list(on) ?? []).compactMap { reader.choice($0, TeamNotifyConfig.eventNames, what: "notification event") }
        }
        return notify
    }

    /// `transforms:` — named transforms: `name: {stage: a|b, uses: <transform>, options: {...}}`.
    /// Without `stage`, the stage of `uses` is used when that is unambiguous (checked later).
    func parseTransforms(_ value: YAMLValue) -> [NamedTransformConfig] {
        // Unreadable entries are kept (their path marked failed) so that the pipelines and
        // datasets using them are not also reported as naming an undefined transform.
        namedEntries(value).map { name, item in
            var transform = NamedTransformConfig(name: name, stage: .a, uses: "")
            guard let fields = reader.fields(item, allowed: Self.transformKeys) else { return transform }
            var stage: PipelineStage?
            if let stageValue = fields.value("stage") {
                stage = reader.choice(stageValue, ["a", "b"], what: "stage").flatMap(PipelineStage.init(rawValue:))
            }
            if let usesValue = fields.value("uses") {
                transform.uses = reader.string(usesValue) ?? ""
            } else {
                reader.report(item.path, at: item.position, "named transform '\(name)' needs `uses:`, the registered transform it runs",
                    hint: "e.g. `uses: command` with `options: {command: [python3, \(name).py]}`")
                reader.markFailed(item.path)
            }
            if let resolved = stage ?? inferredStage(of: transform.uses) {
                transform.stage = resolved
            } else if !fields.has("stage"), !transform.uses.isEmpty {
                reader.report(item.path + ".stage", at: item.position, "named transform '\(name)' needs `stage: a` or `stage: b`",
                    hint: registry.light.contains(transform.uses)
                        ? "'\(transform.uses)' serves both stages, so the stage cannot be inferred"
                        : "'\(transform.uses)' is not a registered transform, so the stage cannot be inferred")
                reader.markFailed(item.path)
            }
            transform.options = reader.options(fields.value("options"))
            return transform
        }
    }

    /// The stage a registered transform serves when it serves only one.
    private func inferredStage(of uses: String) -> PipelineStage? {
        let light = registry.light.contains(uses)
        let heavy = registry.heavy.contains(uses)
        if light == heavy { return nil }
        return light ? .a : .b
    }

    /// `wlm:` — priority levels (highest first), the default level, aging, and a global cap.
    /// Without `default`, the lowest level is the default.
    func parseWLM(_ value: YAMLValue) -> WLMConfig {
        var wlm = WLMConfig()
        guard let fields = reader.fields(value, allowed: Self.wlmKeys) else { return wlm }
        if let item = fields.value("levels"), let items = reader.list(item) {
            wlm.levels = items.compactMap { reader.string($0) }
        }
        if let item = fields.value("default") {
            if let level = reader.string(item) { wlm.defaultLevel = level }
        } else if let lowest = wlm.levels.last {
            wlm.defaultLevel = lowest
        }
        if let item = fields.value("max_wait") {
            for (level, wait) in namedEntries(item) {
                if let duration = reader.duration(wait) { wlm.maxWait[level] = duration }
            }
        }
        if let item = fields.value("global_max_concurrent"), let cap = reader.int(item) { wlm.globalMaxConcurrent = cap }
        return wlm
    }
}
