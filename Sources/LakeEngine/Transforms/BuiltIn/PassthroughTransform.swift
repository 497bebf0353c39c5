import Foundation
import LakeCore

/// Stage A `passthrough`: copies the object to the stage zone unchanged.
public struct PassthroughTransform: LightTransform {
    public init() {}
    public func run(_ input: LightTransformInput) async throws -> [TransformOutput] {
        let name = input.location.key.name
        let out = input.outputDirectory.appendingPathComponent(name)
        try FileManager.default.copyItem(at: input.file, to: out)
        return [TransformOutput(table: input.table, name: name, file: out)]
    }
}
