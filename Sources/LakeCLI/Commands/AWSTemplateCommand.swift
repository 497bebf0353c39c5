import ArgumentParser
import Foundation
import LakeCore
import LakeRuntime

extension AWSCommand {
    /// `lake aws template`: the lake's CloudFormation, layered as SDLF's (foundations, one
    /// stack per team, one per dataset), written to a directory.
    struct Template: ContextCommand {
        static let configuration = CommandConfiguration(
            commandName: "template",
            abstract: "Write the lake's CloudFormation: a foundations stack, one stack per team and one per dataset.",
            discussion: """
                The stacks create what `lake aws bootstrap` creates, under the same names, plus KMS keys, bucket and queue \
                policies, the worker role and each team's permissions boundary. Create them in the order of stacks.json \
                (foundations, teams, datasets) with --capabilities CAPABILITY_NAMED_IAM; `lake aws bootstrap --dry-run` then \
                has nothing left to create. Makes no AWS call. See docs/AWS.md.
                """)

        @Option(help: "Directory to write the templates and stacks.json to.") var out: String = "cloudformation"
        @Option(help: "yaml or json.") var format: String = "yaml"
        @Option(help: "What the worker role trusts: ec2 (with an instance profile), ecs (task role) or eks (service account).")
        var worker: String = "ec2"
        @Option(help: "With --worker eks: the cluster's OIDC issuer, e.g. oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE.")
        var eksOidcProvider: String?
        @Option(help: "With --worker eks: NAMESPACE/SERVICE-ACCOUNT the worker pods run as.") var eksServiceAccount: String = "swiftlake/lake-worker"
        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard AWSTemplateOptions.Format(rawValue: format) != nil else { throw ValidationError("--format is yaml or json, not '\(format)'") }
            guard ["ec2", "ecs", "eks"].contains(worker) else { throw ValidationError("--worker is ec2, ecs or eks, not '\(worker)'") }
            if worker == "eks" && eksOidcProvider == nil {
                throw ValidationError("--worker eks needs --eks-oidc-provider (aws eks describe-cluster --query cluster.identity.oidc.issuer)")
            }
            if worker != "eks" && eksOidcProvider != nil { throw ValidationError("--eks-oidc-provider goes with --worker eks") }
            if eksServiceAccount.split(separator: "/").count != 2 {
                throw ValidationError("--eks-service-account is NAMESPACE/NAME, not '\(eksServiceAccount)'")
            }
        }

        func run(in context: CLIContext) async throws {
            let config = try context.config(options)
            var templateOptions = AWSTemplateOptions(format: AWSTemplateOptions.Format(rawValue: format) ?? .yaml)
            switch worker {
            case "ecs": templateOptions.worker = .ecs
            case "eks":
                let parts = eksServiceAccount.split(separator: "/").map(String.init)
                templateOptions.worker = .eks(oidcProvider: eksOidcProvider ?? "", namespace: parts.first ?? "", serviceAccount: parts.last ?? "")
            default: templateOptions.worker = .ec2
            }
            let directory = URL(fileURLWithPath: out, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
            let report = try LakeRuntime.writeAWSTemplates(config, extensions: context.extensions, to: directory, options: templateOptions)
            if output.json { return try Console.json(report) }
            for stack in report.stacks {
                print("\(stack.order). \(stack.name)  \(stack.file)  (\(stack.resources) resources)")
                for warning in stack.warnings { Console.note("warning: \(stack.name): \(warning)") }
            }
            print("wrote \(report.stacks.count) templates and \(report.manifest ?? "stacks.json"); create the stacks in this order with --capabilities \(report.capabilities.joined(separator: " "))")
        }
    }
}
