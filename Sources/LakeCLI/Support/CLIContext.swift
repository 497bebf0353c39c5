import Foundation
import LakeCore
import LakeEngine
import LakeYAML

/// What every command shares: the transform registry (task-local, so a custom binary can add
/// its own) and the way to find and load lake.yaml.
enum CLIContext {
    @TaskLocal static var registry: TransformRegistry = .builtIn

    /// The config path: `--config`, else `LAKE_CONFIG`, else `./lake.yaml`.
    static func configURL(_ option: String?) -> URL {
        if let option { return URL(fileURLWithPath: option).standardizedFileURL }
        if let env = ProcessInfo.processInfo.environment["LAKE_CONFIG"], !env.isEmpty {
            return URL(fileURLWithPath: env).standardizedFileURL
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("lake.yaml")
    }

    static var transformCatalog: TransformCatalog {
        TransformCatalog(light: Set(registry.lightNames), heavy: Set(registry.heavyNames))
    }

    /// Loads and validates lake.yaml; every problem is reported at once (exit code 2).
    static func loadConfig(_ url: URL) throws -> LakeConfig {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw LakeError(
                .invalidConfig, "no config at \(url.path)",
                hint: "run `lake init` to create one, pass --config PATH, or set LAKE_CONFIG")
        }
        do {
            return try ConfigLoader.load(url: url, registry: transformCatalog)
        } catch {
            throw LakeError(.invalidConfig, "\(url.lastPathComponent) has \(error.issues.count) problem(s):\n\(error)", hint: "fix them and run `lake config validate`")
        }
    }
}
