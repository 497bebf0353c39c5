import LakeCore

/// One dataset entry of a DDK SDLF `parameters.json`, with the reference's defaults applied:
/// `{"team", "pipeline": "standard"|"custom", "dataset", "config": {"stage_a_transform", "stage_b_transform"}}`.
struct DDKEntry: Hashable {
    /// The reference's default transform names.
    static let defaultLight = "sdlf_light_transform"
    static let defaultHeavy = "sdlf_heavy_transform"
    static let entryKeys: Set<String> = ["team", "pipeline", "dataset", "config"]
    static let configKeys: Set<String> = ["stage_a_transform", "stage_b_transform"]

    var team: String
    var dataset: String
    /// The pipeline type (a registered ``PipelineKind``'s name).
    var kind: String
    var stageATransform: String
    /// Nil when the kind runs stage A only (custom).
    var stageBTransform: String?

    /// Reads entry number `number` (1-based). Problems that make it unusable go to `problems`;
    /// defaults applied and keys ignored go to `notes`. `fallbackDataset` names the dataset
    /// when an older file keys entries by dataset name.
    static func read(
        _ value: ConfigValue, number: Int, fallbackDataset: String?, kinds: PipelineKindRegistry, problems: inout [String], notes: inout [String]
    ) -> DDKEntry? {
        guard let object = value.objectValue else {
            notes.append("entry \(number): ignored, it is \(value.kindName), not an object")
            return nil
        }
        let team = object["team"]?.stringValue
        var dataset = object["dataset"]?.stringValue
        if dataset == nil, let fallbackDataset {
            dataset = fallbackDataset
            notes.append("entry \(number): no dataset given, using its key '\(fallbackDataset)'")
        }
        let label = "entry \(number) (\(team ?? "?")/\(dataset ?? "?"))"
        var usable = true
        if let team {
            if !LakeNames.isValidTeam(team) {
                problems.append("\(label): team '\(team)' is not a valid team name: \(NameRules.hint(for: team, length: 2...12))")
                usable = false
            }
        } else {
            problems.append("\(label): no team given; every entry needs \"team\"")
            usable = false
        }
        if let dataset {
            if !LakeNames.isValidDataset(dataset) {
                problems.append("\(label): dataset '\(dataset)' is not a valid dataset name: \(NameRules.hint(for: dataset, length: 2...14))")
                usable = false
            }
        } else {
            problems.append("\(label): no dataset given; every entry needs \"dataset\"")
            usable = false
        }
        for key in object.keys.sorted() where !entryKeys.contains(key) {
            notes.append("\(label): ignored key '\(key)'")
        }

        var kind: any PipelineKind = StandardPipelineKind()
        if let pipeline = object["pipeline"] {
            if let text = pipeline.stringValue, let registered = kinds.kind(named: text) {
                kind = registered
            } else {
                let names = kinds.names.map { "\"\($0)\"" }.joined(separator: ", ")
                problems.append("\(label): pipeline '\(pipeline)' is not a pipeline type; use one of \(names)")
                usable = false
            }
        } else {
            notes.append("\(label): no pipeline given, using standard (the DDK default)")
        }

        let config = object["config"]?.objectValue ?? [:]
        if let raw = object["config"], raw.objectValue == nil {
            notes.append("\(label): ignored \"config\", it is \(raw.kindName), not an object")
        }
        for key in config.keys.sorted() where !configKeys.contains(key) {
            notes.append("\(label): ignored config key '\(key)'")
        }
        let stageA = transformName(config["stage_a_transform"], key: "stage_a_transform", default: defaultLight, label: label, notes: &notes)
        var stageB: String?
        if kind.runsStageB {
            stageB = transformName(config["stage_b_transform"], key: "stage_b_transform", default: defaultHeavy, label: label, notes: &notes)
        } else if let ignored = config["stage_b_transform"] {
            notes.append("\(label): ignored stage_b_transform '\(ignored)', a \(kind.name) pipeline runs stage A only")
        }
        guard usable, let team, let dataset else { return nil }
        return DDKEntry(team: team, dataset: dataset, kind: kind.name, stageATransform: stageA, stageBTransform: stageB)
    }

    private static func transformName(_ value: ConfigValue?, key: String, default name: String, label: String, notes: inout [String]) -> String {
        guard let value else {
            notes.append("\(label): no \(key) given, using \(name) (the DDK default)")
            return name
        }
        guard let text = value.stringValue, !text.isEmpty else {
            notes.append("\(label): ignored \(key) \(value.kindName), using \(name) (the DDK default)")
            return name
        }
        return text
    }
}

extension ConfigValue {
    /// "a list", "a number"... for messages about unexpected JSON.
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int, .double: return "a number"
        case .string: return "text"
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}
