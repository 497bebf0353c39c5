/// A stack of the layered deployment, as SDLF layers its templates: the lake's foundations
/// (buckets, keys, Octagon tables, the catalog queues, the worker role), then one stack per
/// team (its keys, stage-A queues, permissions boundary and the worker's grants for the team),
/// then one per dataset (its stage-B queues and Glue database). Later layers import what
/// earlier ones export, so stacks are created in ``AWSStackLayer`` order.
public enum AWSStackLayer: Sendable, Hashable, Comparable {
    /// The lake-wide resources.
    case foundations
    /// A team's resources.
    case team(String)
    /// A dataset's resources.
    case dataset(team: String, dataset: String)

    /// `foundations`, `team` or `dataset`.
    public var kind: String {
        switch self {
        case .foundations: return "foundations"
        case .team: return "team"
        case .dataset: return "dataset"
        }
    }

    /// The team, for team and dataset stacks.
    public var team: String? {
        switch self {
        case .foundations: return nil
        case .team(let team), .dataset(let team, _): return team
        }
    }

    private var rank: (Int, String, String) {
        switch self {
        case .foundations: return (0, "", "")
        case .team(let team): return (1, team, "")
        case .dataset(let team, let dataset): return (2, team, dataset)
        }
    }

    /// Foundations, then teams, then datasets, each by name.
    public static func < (a: AWSStackLayer, b: AWSStackLayer) -> Bool { a.rank < b.rank }
}

/// The names of a lake's stacks and of the values they export, from its environment (every
/// other SwiftLake name on AWS is unique per environment too).
public struct AWSStackNaming: Sendable, Hashable {
    /// The lake's environment.
    public var environment: String

    /// Names for `environment`.
    public init(environment: String) { self.environment = environment }

    /// `lake-<env>`, the start of every stack, export, key alias and role name.
    public var prefix: String { "lake-\(environment)" }

    /// `lake-<env>-foundations`, `lake-<env>-team-<team>`, `lake-<env>-dataset-<team>-<dataset>`.
    public func stackName(_ layer: AWSStackLayer) -> String { "\(prefix)-\(fileBaseName(layer))" }

    /// `foundations`, `team-<team>`, `dataset-<team>-<dataset>`: the template's file name
    /// without its extension.
    public func fileBaseName(_ layer: AWSStackLayer) -> String {
        switch layer {
        case .foundations: return "foundations"
        case .team(let team): return "team-\(team)"
        case .dataset(let team, let dataset): return "dataset-\(team)-\(dataset)"
        }
    }

    /// The export of `name` by the stack of `layer`: `lake-<env>:<name>` for foundations,
    /// `lake-<env>:<team>:<name>` for a team.
    public func export(_ name: String, of layer: AWSStackLayer = .foundations) -> String {
        switch layer {
        case .foundations: return "\(prefix):\(name)"
        case .team(let team): return "\(prefix):\(team):\(name)"
        case .dataset(let team, let dataset): return "\(prefix):\(team):\(dataset):\(name)"
        }
    }

    /// The worker role's name, `lake-<env>-worker` (also its instance profile's).
    public var workerRole: String { "\(prefix)-worker" }

    /// A KMS alias of the lake (`alias/lake-<env>-<use>`) or a team (`alias/lake-<env>-<team>-<use>`).
    public func keyAlias(_ use: String, team: String? = nil) -> String {
        "alias/\(prefix)-\(team.map { "\($0)-" } ?? "")\(use)"
    }
}

/// Which compute the worker role trusts (`lake aws template --worker`).
public enum AWSWorkerTrust: Sendable, Hashable {
    /// EC2 instances, through an instance profile of the same name.
    case ec2
    /// ECS tasks (the task role), from this account only.
    case ecs
    /// An EKS service account through the cluster's OIDC provider (IAM roles for service
    /// accounts): `provider` without `https://`, e.g. `oidc.eks.us-east-1.amazonaws.com/id/ABC`.
    case eks(provider: String, namespace: String, serviceAccount: String)

    /// `ec2`, `ecs` or `eks`.
    public var name: String {
        switch self {
        case .ec2: return "ec2"
        case .ecs: return "ecs"
        case .eks: return "eks"
        }
    }
}
