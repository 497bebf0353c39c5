import Foundation
import LakeCore

/// Checks a ``LakeConfig`` as a whole: naming rules (DESIGN §2), references between sections,
/// transform names, numeric limits, storage settings, schemas and partitions. Works on configs
/// built in code too; with a source map from the parser, issues carry lines and columns, and
/// values the parser already reported are not reported again.
struct ConfigValidator {
    let config: LakeConfig
    let registry: TransformCatalog
    let kinds: PipelineKindRegistry
    let sourceMap: ConfigSourceMap
    private(set) var issues: [ConfigIssue] = []

    init(config: LakeConfig, registry: TransformCatalog, kinds: PipelineKindRegistry = .builtIn, sourceMap: ConfigSourceMap = ConfigSourceMap()) {
        self.config = config
        self.registry = registry
        self.kinds = kinds
        self.sourceMap = sourceMap
    }

    /// Runs every check and returns the issues found.
    mutating func validate() -> [ConfigIssue] {
        checkIdentity()
        checkStorage()
        checkTeams()
        checkWLM()
        checkNamedTransforms()
        checkPipelines()
        checkDatasets()
        checkTransformOptions()
        checkCatalog()
        checkWFM()
        return issues
    }

    /// Records a problem at `path`, unless the parser already reported that value.
    /// `repeated` points at the second place a duplicated name is written.
    mutating func report(_ path: String, _ message: String, hint: String? = nil, repeated: Bool = false) {
        guard !sourceMap.hasFailed(path) else { return }
        let position = repeated ? sourceMap.repeatedPosition(of: path) : sourceMap.position(of: path)
        issues.append(ConfigIssue(path: path, line: position?.line, column: position?.column, message: message, hint: hint))
    }

    /// Reports each name that occurs more than once, at its repetition.
    mutating func checkDuplicates(_ names: [String], what: String, path: (String) -> String) {
        var seen: Set<String> = []
        var reported: Set<String> = []
        for name in names where !seen.insert(name).inserted && reported.insert(name).inserted {
            report(path(name), "\(what) '\(name)' is defined more than once", hint: "each \(what) name must be unique", repeated: true)
        }
    }

    private mutating func checkIdentity() {
        if !NameRules.matches(config.environment, NameRules.lowerAlnum, length: 1...10) {
            report("environment", "environment '\(config.environment)' is invalid",
                hint: "use 1-10 lowercase letters or digits, e.g. dev, test, prod")
        }
        for (key, value) in [("org", config.org), ("app", config.app)]
        where !NameRules.matches(value, NameRules.lowerAlnum, length: 2...20) {
            report(key, "\(key) '\(value)' is invalid", hint: "use 2-20 lowercase letters or digits; it becomes part of bucket and database names")
        }
    }

    private mutating func checkTeams() {
        for team in config.teams where !LakeNames.isValidTeam(team.name) {
            report("teams.\(team.name)", "team name '\(team.name)' is invalid", hint: NameRules.hint(for: team.name, length: 2...12))
        }
        checkDuplicates(config.teams.map(\.name), what: "team") { "teams.\($0)" }
        for team in config.teams {
            guard let notify = team.notify else { continue }
            let path = "teams.\(team.name).notify"
            if notify.webhook == nil && notify.snsTopicArn == nil {
                report(path, "notify needs a webhook or an sns_topic_arn", hint: "e.g. notify: {webhook: https://hooks.example.com/lake}")
            }
            if let webhook = notify.webhook {
                let url = URL(string: webhook)
                if url?.host == nil || !["http", "https"].contains(url?.scheme?.lowercased() ?? "") {
                    report("\(path).webhook", "'\(webhook)' is not an http(s) URL", hint: "write the full URL, e.g. https://hooks.example.com/lake")
                }
            }
            if let arn = notify.snsTopicArn {
                let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
                if parts.count != 6 || parts[0] != "arn" || parts[2] != "sns" || parts[3].isEmpty || parts[5].isEmpty {
                    report("\(path).sns_topic_arn", "'\(arn)' is not an SNS topic ARN", hint: "arn:aws:sns:<region>:<account>:<topic>")
                }
            }
        }
    }

    /// The config path of the dataset at `index`: `datasets.<key as written>`.
    func datasetPath(_ index: Int) -> String {
        if let key = sourceMap.datasetKeys[index] { return "datasets.\(key)" }
        let dataset = config.datasets[index]
        return "datasets." + DatasetKey.key(for: dataset, in: config.datasets)
    }

    /// "did you mean 'x'? defined <things>: a, b" (or "no <things> are defined").
    static func referenceHint(_ name: String, among names: [String], things: String) -> String {
        guard !names.isEmpty else { return "no \(things) are defined" }
        let suggestion = Suggestions.didYouMean(name, in: names).map { $0 + " " } ?? ""
        return suggestion + "defined \(things): " + names.joined(separator: ", ")
    }
}
