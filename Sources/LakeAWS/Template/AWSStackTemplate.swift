/// One synthesized stack: its name, layer, template, and what a reader should know about it.
public struct AWSStackTemplate: Sendable, Hashable {
    /// The stack name to create it under (`lake-<env>-...`).
    public var name: String
    /// Its layer; stacks are created in layer order.
    public var layer: AWSStackLayer
    /// The file name without extension (`foundations`, `team-<t>`, `dataset-<t>-<d>`).
    public var fileBaseName: String
    /// The template.
    public var template: CloudFormationTemplate
    /// Things the operator should know (an IAM quota the worker role may reach...).
    public var warnings: [String]

    /// Creates a stack.
    public init(name: String, layer: AWSStackLayer, fileBaseName: String, template: CloudFormationTemplate, warnings: [String] = []) {
        self.name = name
        self.layer = layer
        self.fileBaseName = fileBaseName
        self.template = template
        self.warnings = warnings
    }
}
