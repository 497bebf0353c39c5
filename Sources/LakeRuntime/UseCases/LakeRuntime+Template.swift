import Foundation
import LakeAWS
import LakeCore

/// How `lake aws template` writes the lake's stacks (the runtime's terms, so the CLI needs no
/// adapter module).
public struct AWSTemplateOptions: Sendable, Hashable {
    /// The templates' format.
    public enum Format: String, Sendable, CaseIterable {
        case yaml, json
    }

    /// What the worker role trusts.
    public enum Worker: Sendable, Hashable {
        /// EC2 instances, through the instance profile the foundations stack adds.
        case ec2
        /// ECS tasks of this account (the task role).
        case ecs
        /// A Kubernetes service account of an EKS cluster, through its OIDC provider
        /// (`oidc.eks.<region>.amazonaws.com/id/<id>`, `https://` optional).
        case eks(oidcProvider: String, namespace: String, serviceAccount: String)
    }

    public var format: Format
    public var worker: Worker

    public init(format: Format = .yaml, worker: Worker = .ec2) {
        self.format = format
        self.worker = worker
    }

    var cloudFormationFormat: CloudFormationFormat { format == .yaml ? .yaml : .json }

    /// The trust, checked: an EKS provider is a host and path, the namespace and service
    /// account Kubernetes names.
    func trust() throws -> AWSWorkerTrust {
        switch worker {
        case .ec2: return .ec2
        case .ecs: return .ecs
        case .eks(let provider, let namespace, let serviceAccount):
            var host = provider
            for scheme in ["https://", "http://"] where host.hasPrefix(scheme) { host = String(host.dropFirst(scheme.count)) }
            while host.hasSuffix("/") { host.removeLast() }
            let hostAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-/_")
            guard !host.isEmpty, host.allSatisfy(hostAllowed.contains) else {
                throw LakeError(
                    .usage, "'\(provider)' is not an OIDC provider URL",
                    hint: "pass the cluster's issuer, e.g. oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE (aws eks describe-cluster --query cluster.identity.oidc.issuer)")
            }
            let nameAllowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-")
            for (what, name) in [("namespace", namespace), ("service account", serviceAccount)]
            where name.isEmpty || name.count > 253 || !name.allSatisfy(nameAllowed.contains) {
                throw LakeError(
                    .usage, "'\(name)' is not a Kubernetes \(what) name", hint: "use lower-case letters, digits, '-' and '.'")
            }
            return .eks(provider: host, namespace: namespace, serviceAccount: serviceAccount)
        }
    }
}

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
