import Foundation
import LakeAWS
import LakeCore

extension LakeRuntime {
    /// Synthesizes the lake's CloudFormation (`lake aws template`): a foundations stack, one
    /// stack per team and one per dataset, from the same plan `lake aws bootstrap` runs, as
    /// files `<stack>.<format>` in `directory` (created when missing) with a `stacks.json`
    /// manifest listing them in the order to create them. Makes no AWS call.
    public static func writeAWSTemplates(
        _ config: LakeConfig, extensions: LakeExtensions = .builtIn, to directory: URL, options: AWSTemplateOptions = AWSTemplateOptions()
    ) throws -> AWSTemplateReport {
        let format = options.cloudFormationFormat
        let worker = try options.trust()
        guard case .aws(let storage) = config.storage else {
            throw LakeError(
                .usage, "lake.yaml keeps this lake on the embedded backend; there is nothing to deploy on AWS",
                hint: "set `storage: {backend: aws, region: ...}` in lake.yaml (see docs/CONFIG.md), then run lake aws template again")
        }
        let spec = try AWSLakeTemplate.spec(config: config, storage: storage, kinds: extensions.pipelineKinds, worker: worker)
        let stacks = try AWSTemplateSynthesizer(spec: spec).stacks()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw LakeError(
                .io, "cannot create the directory \(directory.path)", hint: "choose another --out directory you can write to",
                context: ["path": directory.path], underlying: error)
        }
        var manifest = AWSTemplateReport(
            environment: config.environment, format: format.rawValue, worker: worker.name, stacks: [], capabilities: ["CAPABILITY_NAMED_IAM"])
        for (index, stack) in stacks.enumerated() {
            let file = "\(stack.fileBaseName).\(format.fileExtension)"
            try write(try CloudFormationRenderer.render(stack.template, as: format), to: directory.appendingPathComponent(file))
            let dataset: String? = if case .dataset(_, let name) = stack.layer { name } else { nil }
            manifest.stacks.append(AWSTemplateReport.Stack(
                order: index + 1, name: stack.name, layer: stack.layer.kind, team: stack.layer.team, dataset: dataset, file: file,
                resources: stack.template.resources.count, warnings: stack.warnings))
        }
        let manifestURL = directory.appendingPathComponent("stacks.json")
        let data: Data
        do {
            data = try LakeJSON.encoder().encode(manifest)
        } catch {
            throw LakeError(.format, "cannot encode the stack manifest", hint: "report this as a SwiftLake bug", underlying: error)
        }
        try write(String(decoding: data, as: UTF8.self) + "\n", to: manifestURL)
        var report = manifest
        report.directory = directory.path
        report.manifest = manifestURL.path
        for index in report.stacks.indices { report.stacks[index].file = directory.appendingPathComponent(report.stacks[index].file).path }
        return report
    }

    private static func write(_ text: String, to url: URL) throws {
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw LakeError(
                .io, "cannot write \(url.path)", hint: "check the --out directory is writable and has room", context: ["path": url.path],
                underlying: error)
        }
    }
}
