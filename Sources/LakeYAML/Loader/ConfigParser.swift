import Foundation
import LakeCore
import Yams

/// Turns a composed YAML tree into a ``LakeConfig``: reads every section, applies defaults,
/// and reports shape problems (wrong types, unknown keys, unknown enum words, bad durations).
/// Cross-references and naming rules are checked afterwards by ``ConfigValidator`` on the model.
struct ConfigParser {
    let reader: ConfigReader
    let baseDirectory: URL
    /// Registered transforms, used to infer a named transform's stage from its `uses`.
    let registry: TransformCatalog
    /// Registered pipeline kinds, which decide whether a pipeline runs stage B.
    let kinds: PipelineKindRegistry

    /// Top-level keys, in the order the writer emits them.
    static let topLevelKeys = ["environment", "org", "app", "storage", "teams", "pipelines", "datasets", "wlm", "transforms", "catalog", "wfm"]

    /// Reads the whole document. An empty document gives the default config.
    func parse(_ root: Node?) -> LakeConfig {
        var config = LakeConfig(baseDirectory: baseDirectory)
        config.storage = .embedded(EmbeddedStorageConfig(path: resolvePath(EmbeddedStorageConfig().path)))
        guard let root else { return config }
        let rootValue = reader.root(root)
        guard let fields = reader.fields(rootValue, allowed: Self.topLevelKeys) else { return config }

        if let value = fields.value("environment"), let text = reader.string(value) { config.environment = text }
        if let value = fields.value("org"), let text = reader.string(value) { config.org = text }
        if let value = fields.value("app"), let text = reader.string(value) { config.app = text }
        if let value = fields.value("storage") { config.storage = parseStorage(value) }
        if let value = fields.value("teams") { config.teams = parseTeams(value) }
        if let value = fields.value("pipelines") { config.pipelines = parsePipelines(value) }
        if let value = fields.value("transforms") { config.transforms = parseTransforms(value) }
        if let value = fields.value("wlm") { config.wlm = parseWLM(value) }
        if let value = fields.value("catalog") { config.catalog = parseCatalog(value) }
        if let value = fields.value("wfm") { config.wfm = parseWFM(value) }
        if let value = fields.value("datasets") {
            config.datasets = parseDatasets(value, teams: config.teams, pipelines: config.pipelines)
        }
        return config
    }

    /// Reads a mapping keyed by names (`teams`, `pipelines`, `tables`...): each entry's key and value.
    func namedEntries(_ value: YAMLValue) -> [(name: String, value: YAMLValue)] {
        guard let fields = reader.fields(value, allowed: nil) else { return [] }
        return fields.entries.map { ($0.key, $0.value) }
    }

    /// Resolves a storage path against the config file's directory (`~` is the home directory).
    func resolvePath(_ path: String) -> String {
        let expanded = NSString(string: path).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded).standardizedFileURL.path }
        return baseDirectory.appendingPathComponent(expanded).standardizedFileURL.path
    }
}
