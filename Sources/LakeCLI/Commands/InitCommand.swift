import ArgumentParser
import Foundation
import LakeCore
import LakeYAML

/// `lake init`: writes a starter lake.yaml.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create a starter lake.yaml in a directory.")

    @Argument(help: "Directory (default: the current one).") var directory: String = "."
    @Flag(help: "Overwrite an existing lake.yaml.") var force = false

    func run() async throws {
        let dir = URL(fileURLWithPath: directory).standardizedFileURL
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("lake.yaml")
        if FileManager.default.fileExists(atPath: file.path) && !force {
            throw LakeError(.usage, "\(file.path) already exists", hint: "pass --force to overwrite it")
        }
        try Data(ConfigTemplates.starter(directoryName: dir.lastPathComponent).utf8).write(to: file)
        print("wrote \(file.path)")
        print("next:")
        print("  lake config validate --config \(file.path)")
        print("  lake ingest FILES --team <team> --dataset <dataset> --config \(file.path)")
        print("  lake process --until-idle --config \(file.path)")
    }
}
