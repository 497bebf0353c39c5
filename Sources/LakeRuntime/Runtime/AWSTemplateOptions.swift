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
