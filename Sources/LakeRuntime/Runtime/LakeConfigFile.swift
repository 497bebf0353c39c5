import Foundation
import LakeCore
import LakeYAML

/// Finding and loading lake.yaml with the transforms and pipeline kinds of a set of extensions.
public enum LakeConfigFile {
    /// The config path: `option` (`--config`), else `LAKE_CONFIG`, else `./lake.yaml`.
    public static func url(_ option: String?) -> URL {
        if let option { return URL(fileURLWithPath: option).standardizedFileURL }
        if let env = ProcessInfo.processInfo.environment["LAKE_CONFIG"], !env.isEmpty {
            return URL(fileURLWithPath: env).standardizedFileURL
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("lake.yaml")
    }

    /// Loads and validates lake.yaml; every problem is reported at once (`.invalidConfig`, exit 2).
    public static func load(_ url: URL, extensions: LakeExtensions = .builtIn) throws -> LakeConfig {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw LakeError(
                .invalidConfig, "no config at \(url.path)",
                hint: "run `lake init` to create one, pass --config PATH, or set LAKE_CONFIG")
        }
        do {
            return try ConfigLoader.load(url: url, registry: extensions.transformCatalog, kinds: extensions.pipelineKinds)
        } catch {
            throw LakeError(.invalidConfig, "\(url.lastPathComponent) has \(error.issues.count) problem(s):\n\(error)", hint: "fix them and run `lake config validate`")
        }
    }

    /// Checks lake.yaml and returns the config or every problem found.
    public static func validate(_ url: URL, extensions: LakeExtensions = .builtIn) -> Result<LakeConfig, ConfigErrors> {
        do {
            return .success(try ConfigLoader.load(url: url, registry: extensions.transformCatalog, kinds: extensions.pipelineKinds))
        } catch {
            return .failure(error)
        }
    }
}
