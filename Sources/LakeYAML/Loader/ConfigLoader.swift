import Foundation
import LakeCore
import Yams

/// Loads lake.yaml: parses it with line numbers, applies defaults, and validates the result,
/// reporting every problem at once as ``ConfigErrors``.
public enum ConfigLoader {
    /// Reads and validates the config file at `url`. Relative paths in it resolve against the
    /// file's directory.
    public static func load(url: URL, registry: TransformCatalog, kinds: PipelineKindRegistry = .builtIn) throws(ConfigErrors) -> LakeConfig {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            let exists = FileManager.default.fileExists(atPath: url.path)
            throw ConfigErrors(
                issues: [ConfigIssue(
                    path: "", message: exists ? "cannot read \(url.path) as UTF-8 text" : "\(url.path) does not exist",
                    hint: exists ? "check the file's permissions and encoding" : "create one with `lake init`")],
                file: url.lastPathComponent)
        }
        return try load(yaml: text, baseDirectory: url.deletingLastPathComponent(), registry: registry, kinds: kinds, fileName: url.lastPathComponent)
    }

    /// Parses and validates config text. `baseDirectory` is where relative paths resolve (the
    /// config file's directory); `fileName` names the file in messages.
    public static func load(
        yaml: String, baseDirectory: URL, registry: TransformCatalog, kinds: PipelineKindRegistry = .builtIn, fileName: String = "lake.yaml"
    ) throws(ConfigErrors) -> LakeConfig {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigErrors(issues: [YAMLSyntaxIssue.issue(for: error, in: yaml)], file: fileName)
        }
        let reader = ConfigReader()
        let config = ConfigParser(reader: reader, baseDirectory: baseDirectory, registry: registry, kinds: kinds).parse(root)
        var validator = ConfigValidator(config: config, registry: registry, kinds: kinds, sourceMap: reader.sourceMap)
        let issues = reader.issues + validator.validate()
        guard issues.isEmpty else { throw ConfigErrors(issues: issues, file: fileName) }
        return config
    }

    /// Validates a config built in code (templates, importers, tests). Issues carry paths but
    /// no line numbers.
    public static func validate(
        _ config: LakeConfig, registry: TransformCatalog, kinds: PipelineKindRegistry = .builtIn, fileName: String = "lake.yaml"
    ) throws(ConfigErrors) {
        var validator = ConfigValidator(config: config, registry: registry, kinds: kinds)
        let issues = validator.validate()
        guard issues.isEmpty else { throw ConfigErrors(issues: issues, file: fileName) }
    }
}
