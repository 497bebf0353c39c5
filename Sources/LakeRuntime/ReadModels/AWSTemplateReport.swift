/// What `lake aws template` wrote: the stacks in the order to create them, each with its
/// file, and the manifest (`stacks.json` beside them, this document with file names only).
public struct AWSTemplateReport: Sendable, Codable, Hashable {
    /// One stack's template.
    public struct Stack: Sendable, Codable, Hashable {
        /// 1 for foundations, then the teams, then the datasets.
        public var order: Int
        /// The stack name to create it under.
        public var name: String
        /// foundations, team or dataset.
        public var layer: String
        /// The team of a team or dataset stack.
        public var team: String?
        /// The dataset of a dataset stack.
        public var dataset: String?
        /// The template's path (in the manifest, its file name).
        public var file: String
        /// How many resources it declares.
        public var resources: Int
        /// What the operator should know about it.
        public var warnings: [String]

        public init(order: Int, name: String, layer: String, team: String?, dataset: String?, file: String, resources: Int, warnings: [String]) {
            self.order = order
            self.name = name
            self.layer = layer
            self.team = team
            self.dataset = dataset
            self.file = file
            self.resources = resources
            self.warnings = warnings
        }
    }

    /// The lake's environment.
    public var environment: String
    /// yaml or json.
    public var format: String
    /// ec2, ecs or eks: what the worker role trusts.
    public var worker: String
    /// The directory written to (absent in the manifest).
    public var directory: String?
    /// The manifest's path (absent in the manifest).
    public var manifest: String?
    /// The stacks, in order.
    public var stacks: [Stack]
    /// The IAM capability `aws cloudformation create-stack` needs (the stacks name their roles and policies).
    public var capabilities: [String]
}
