import Foundation
import LakeCore

/// The two formats CloudFormation reads.
public enum CloudFormationFormat: String, Sendable, CaseIterable {
    /// YAML, long-form intrinsics (`Fn::GetAtt:`), every string that could read as something
    /// else quoted.
    case yaml
    /// JSON, pretty-printed.
    case json

    /// The file extension.
    public var fileExtension: String { rawValue }
}

/// Renders a template as text, keys sorted at every level, so a template changes only when the
/// lake does.
public enum CloudFormationRenderer {
    /// The template in `format`, ending in a newline.
    public static func render(_ template: CloudFormationTemplate, as format: CloudFormationFormat) throws(LakeError) -> String {
        switch format {
        case .json: return try json(template.value)
        case .yaml: return CFNYAMLEmitter.document(template.value)
        }
    }

    /// `value` as pretty-printed JSON with sorted keys.
    static func json(_ value: CFNValue) throws(LakeError) -> String {
        do {
            let data = try JSONSerialization.data(withJSONObject: value.foundationObject, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            return String(decoding: data, as: UTF8.self) + "\n"
        } catch {
            throw LakeError(.format, "cannot encode the template as JSON", hint: "report this as a SwiftLake bug", underlying: error)
        }
    }

    /// The minified JSON of a value, to measure a policy document as IAM counts it.
    static func compactJSON(_ value: CFNValue) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value.foundationObject, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}
