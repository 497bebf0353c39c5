import Foundation
import LakeCore

/// Imports a DDK SDLF `parameters.json` (DESIGN §3.2) as a lake.yaml.
///
/// The reference's default transforms map to built-ins (`sdlf_light_transform` -> `json-flatten`,
/// `sdlf_heavy_transform` -> `parquet`). Any other transform name is kept as the dataset's
/// transform and listed, commented out, under `transforms:` for the user to bind, so that
/// `lake config validate` reports exactly those names until they are defined.
public enum DDKImporter {
    /// SwiftLake's built-in for each of the reference's default transform names.
    public static let builtInEquivalents = [DDKEntry.defaultLight: "json-flatten", DDKEntry.defaultHeavy: "parquet"]

    /// Reads `data` (the JSON file) for `environment`. Returns the config, its YAML text, and
    /// notes about every default applied and everything ignored. Throws `.invalidConfig` when
    /// the environment is missing or an entry cannot be imported (all such problems at once).
    /// `registry` decides which transform names are known and `kinds` which pipeline types; `baseDirectory` is where the
    /// lake.yaml will live (the lake directory `.lake` is placed next to it).
    public static func importParameters(
        data: Data, environment: String, registry: TransformCatalog = .builtIn, kinds: PipelineKindRegistry = .builtIn,
        baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) throws(LakeError) -> (config: LakeConfig, yaml: String, notes: [String]) {
        var notes: [String] = []
        let values = try entries(in: data, environment: environment, notes: &notes)
        var problems: [String] = []
        var entries: [DDKEntry] = []
        for (index, item) in values.enumerated() {
            guard let entry = DDKEntry.read(item.value, number: index + 1, fallbackDataset: item.key, kinds: kinds, problems: &problems, notes: &notes)
            else { continue }
            if entries.contains(where: { $0.team == entry.team && $0.dataset == entry.dataset }) {
                problems.append("entry \(index + 1) (\(entry.team)/\(entry.dataset)): this dataset is already listed; each team/dataset pair must appear once")
                continue
            }
            entries.append(entry)
        }
        if entries.isEmpty, problems.isEmpty {
            problems.append("environment '\(environment)' lists no datasets")
        }
        guard problems.isEmpty else {
            throw LakeError(
                .invalidConfig, "cannot import parameters.json:\n  " + problems.joined(separator: "\n  "),
                hint: "fix the entries in parameters.json and import again", context: ["environment": environment])
        }
        var builder = DDKConfigBuilder(entries: entries, environment: environment, registry: registry, kinds: kinds, baseDirectory: baseDirectory)
        let config = builder.build()
        notes += builder.notes
        let yaml = header(environment: environment) + ConfigWriter.write(config) + builder.transformStubs()
        return (config, yaml, notes)
    }

    /// The entries listed for `environment`: the DDK list form, or (older files) one entry
    /// object, or an object of entries keyed by dataset name.
    private static func entries(
        in data: Data, environment: String, notes: inout [String]
    ) throws(LakeError) -> [(key: String?, value: ConfigValue)] {
        guard NameRules.matches(environment, NameRules.lowerAlnum, length: 1...10) else {
            throw LakeError(.invalidConfig, "'\(environment)' is not a valid environment name",
                hint: "use 1-10 lowercase letters or digits, e.g. dev")
        }
        let root: ConfigValue
        do {
            root = try JSONDecoder().decode(ConfigValue.self, from: data)
        } catch {
            throw LakeError(.invalidConfig, "parameters.json is not valid JSON", hint: "check the file with `python3 -m json.tool`",
                underlying: SendableErrorBox(error))
        }
        guard let environments = root.objectValue else {
            throw LakeError(.invalidConfig, "parameters.json must be an object keyed by environment, found \(root.kindName)",
                hint: "expected {\"\(environment)\": [{\"team\": ..., \"dataset\": ...}]}")
        }
        guard let value = environments[environment] else {
            let present = environments.keys.sorted()
            let suggestion = Suggestions.didYouMean(environment, in: present).map { $0 + " " } ?? ""
            throw LakeError(
                .invalidConfig, "environment '\(environment)' is not in parameters.json",
                hint: suggestion + (present.isEmpty ? "the file lists no environments" : "environments present: " + present.joined(separator: ", ")))
        }
        let others = environments.keys.filter { $0 != environment }.sorted()
        if !others.isEmpty { notes.append("other environments in the file, not imported: " + others.joined(separator: ", ")) }
        switch value {
        case .array(let items):
            return items.map { (nil, $0) }
        case .object(let object) where !DDKEntry.entryKeys.isDisjoint(with: object.keys):
            notes.append("environment '\(environment)' holds a single entry object instead of a list (older form); read it as one entry")
            return [(nil, value)]
        case .object(let object):
            notes.append("environment '\(environment)' holds an object of entries instead of a list (older form); read them in key order")
            return object.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        default:
            throw LakeError(.invalidConfig, "environment '\(environment)' must hold a list of entries, found \(value.kindName)",
                hint: "expected {\"\(environment)\": [{\"team\": ..., \"dataset\": ...}]}")
        }
    }

    private static func header(environment: String) -> String {
        """
        # Imported from a DDK SDLF parameters.json (environment '\(environment)').
        # Check it with `lake config validate`; transforms SwiftLake does not know are listed at the end.


        """
    }
}
