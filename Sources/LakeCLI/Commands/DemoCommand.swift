import ArgumentParser
import Foundation
import LakeCore
import LakeRuntime
import LakeYAML

/// `lake demo`: a complete lake in one command — config, sample data, the whole pipeline, a summary.
struct DemoCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a lake, land sample legislators data, run the whole pipeline and summarise.",
        discussion: "`lake demo wfm` (or `--wfm`) demonstrates the workflow manager against a local AMC simulator instead.")

    /// Which demo: the data pipeline (default) or the workflow manager.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case pipeline, wfm
    }

    @Argument(help: "pipeline (default) or wfm.") var kind: Kind = .pipeline

    @Option(help: "Directory for the demo lake (default: a new temporary directory).") var dir: String?
    @Flag(help: "Log what the engine does.") var verbose = false
    @Flag(help: "Demonstrate the workflow manager instead: a local AMC simulator, two tenants, queued and scheduled workflows.")
    var wfm = false
    @OptionGroup var output: OutputOptions

    func run(in context: CLIContext) async throws {
        if wfm || kind == .wfm { return try await runWFM(in: context) }
        let clock = ContinuousClock()
        let started = clock.now
        let root: URL
        if let dir {
            root = URL(fileURLWithPath: dir).standardizedFileURL
        } else {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("swiftlake-demo-\(UUID().uuidString.prefix(8).lowercased())")
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let configFile = root.appendingPathComponent("lake.yaml")
        let config = ConfigTemplates.demo(baseDirectory: root)
        try Data(ConfigWriter.write(config).utf8).write(to: configFile)
        Console.note("demo lake in \(root.path)")

        let samples = root.appendingPathComponent("samples")
        let files = try DemoData().write(to: samples)
        let runtime = try await context.open(LakeConfigFile.load(configFile, extensions: context.extensions), verbose: verbose)
        let ref = DatasetRef(team: "demoteam", dataset: "legislators")
        var landed = 0
        for file in files {
            let table = file.deletingLastPathComponent().lastPathComponent
            landed += try await runtime.ingest(paths: [file], dataset: ref, table: table).count
        }
        Console.note("landed \(landed) files; running the pipeline until idle...")
        _ = try await runtime.processUntilIdle(timeout: .seconds(600))
        let elapsed = (clock.now - started).seconds
        let summary = try await DemoSummary.collect(runtime, elapsedSeconds: elapsed, root: root, configFile: configFile)
        if output.json {
            try Console.json(summary)
        } else {
            print(summary.text)
        }
        if summary.executions["FAILED", default: 0] > 0 {
            throw CommandFailure(code: 1, message: "the demo had failed executions: `lake executions --status FAILED --config \(configFile.path)`")
        }
    }
}

extension DemoCommand {
    /// `lake demo --wfm` (also `lake demo wfm`).
    func runWFM(in context: CLIContext) async throws {
        let root = dir.map { URL(fileURLWithPath: $0).standardizedFileURL }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("swiftlake-wfm-demo-\(UUID().uuidString.prefix(8).lowercased())")
        let summary = try await WFMDemo(root: root, context: context, verbose: verbose).run()
        if output.json { try Console.json(summary) } else { print(summary.text) }
        let failed = summary.tenants.reduce(0) { $0 + $1.deadLetter + ($1.byStatus["FAILED"] ?? 0) }
        if failed > 0 || summary.tenants.contains(where: { $0.peakAtServer > $0.cap }) {
            throw CommandFailure(code: 1, message: "the workflow-manager demo did not go as it should: see `lake wfm executions --config \(summary.config)`")
        }
    }
}

/// What the demo prints at the end.
struct DemoSummary: Encodable {
    var directory: String
    var config: String
    var elapsedSeconds: Double
    var objectsPerZone: [String: Int]
    var executions: [String: Int]
    var tables: [String: Int]

    static func collect(_ runtime: LakeRuntime, elapsedSeconds: Double, root: URL, configFile: URL) async throws -> DemoSummary {
        let analytics = try await runtime.objects(ObjectQuery(zone: .analytics))
        var tables: [String: Int] = [:]
        for object in analytics { tables[object.table ?? "?", default: 0] += 1 }
        return DemoSummary(
            directory: root.path, config: configFile.path, elapsedSeconds: elapsedSeconds,
            objectsPerZone: try await runtime.objectCounts(), executions: try await runtime.executionCounts(), tables: tables)
    }

    var text: String {
        var lines = ["SwiftLake demo finished in \(String(format: "%.2f", elapsedSeconds))s", ""]
        lines.append("objects per zone: " + Zone.allCases.map { "\($0.rawValue) \(objectsPerZone[$0.rawValue] ?? 0)" }.joined(separator: ", "))
        lines.append("executions: " + ExecutionStatus.allCases.map { "\($0.rawValue) \(executions[$0.rawValue] ?? 0)" }.joined(separator: ", "))
        lines.append("tables written to analytics:")
        for (table, files) in tables.sorted(by: { $0.key < $1.key }) { lines.append("  demoteam/legislators/\(table): \(files) file(s)") }
        lines += [
            "", "next:",
            "  lake status --config \(config)",
            "  lake executions --config \(config)",
            "  lake objects --zone analytics --config \(config)",
            "  ls \(directory)/.lake/analytics/demoteam/legislators",
        ]
        return lines.joined(separator: "\n")
    }
}
