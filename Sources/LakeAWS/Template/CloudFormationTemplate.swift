/// One resource of a template: its type, properties and the attributes CloudFormation reads
/// beside them.
public struct CFNResource: Sendable, Hashable {
    /// `AWS::S3::Bucket`...
    public var type: String
    /// The resource's properties.
    public var properties: [String: CFNValue]
    /// Logical ids created first (only where no `Ref`/`GetAtt` already orders them).
    public var dependsOn: [String]
    /// `DeletionPolicy` and `UpdateReplacePolicy`: `Retain` for what holds data (buckets,
    /// tables, keys, databases), `Delete` where losing it on replacement is intended (queues:
    /// what they hold is in flight, and the engine redrives from Octagon); nil leaves
    /// CloudFormation's default.
    public var deletionPolicy: String?
    /// Resource metadata.
    public var metadata: [String: CFNValue]

    /// Creates a resource.
    public init(_ type: String, _ properties: [String: CFNValue], dependsOn: [String] = [], deletionPolicy: String? = nil, metadata: [String: CFNValue] = [:]) {
        self.type = type
        self.properties = properties
        self.dependsOn = dependsOn
        self.deletionPolicy = deletionPolicy
        self.metadata = metadata
    }

    /// The resource as its template object.
    public var value: CFNValue {
        var object: [String: CFNValue] = ["Type": .string(type)]
        if !properties.isEmpty { object["Properties"] = .object(properties) }
        if !dependsOn.isEmpty { object["DependsOn"] = .strings(dependsOn.sorted()) }
        if let deletionPolicy {
            object["DeletionPolicy"] = .string(deletionPolicy)
            object["UpdateReplacePolicy"] = .string(deletionPolicy)
        }
        if !metadata.isEmpty { object["Metadata"] = .object(metadata) }
        return .object(object)
    }
}

/// A stack output, exported under `exportName` when other stacks import it.
public struct CFNOutput: Sendable, Hashable {
    /// What it names.
    public var description: String
    /// Its value.
    public var value: CFNValue
    /// The region-wide export name, if other stacks import it.
    public var exportName: String?

    /// Creates an output.
    public init(_ description: String, _ value: CFNValue, export exportName: String? = nil) {
        self.description = description
        self.value = value
        self.exportName = exportName
    }

    /// The output as its template object.
    public var object: CFNValue {
        var object: [String: CFNValue] = ["Description": .string(description), "Value": value]
        if let exportName { object["Export"] = ["Name": .string(exportName)] }
        return .object(object)
    }
}

/// A CloudFormation template: resources, outputs and a description, rendered as JSON or YAML
/// by ``CloudFormationRenderer``.
public struct CloudFormationTemplate: Sendable, Hashable {
    /// The template's description (at most 1024 bytes).
    public var description: String
    /// Resources by logical id.
    public var resources: [String: CFNResource] = [:]
    /// Outputs by logical id.
    public var outputs: [String: CFNOutput] = [:]
    /// Template metadata.
    public var metadata: [String: CFNValue] = [:]

    /// An empty template.
    public init(description: String) { self.description = description }

    /// The template document.
    public var value: CFNValue {
        var object: [String: CFNValue] = [
            "AWSTemplateFormatVersion": "2010-09-09", "Description": .string(description),
            "Resources": .object(resources.mapValues(\.value)),
        ]
        if !outputs.isEmpty { object["Outputs"] = .object(outputs.mapValues(\.object)) }
        if !metadata.isEmpty { object["Metadata"] = .object(metadata) }
        return .object(object)
    }
}
