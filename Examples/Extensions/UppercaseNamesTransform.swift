import Foundation
import LakeCore
import LakeEngine

/// Stage A: upper-cases the value of the `name` field of every JSON Lines record; other
/// fields pass through unchanged. Option `field` picks another field.
struct UppercaseNamesTransform: LightTransform {
    var field = "name"

    func run(_ input: LightTransformInput) async throws -> [TransformOutput] {
        let text = try String(contentsOf: input.file, encoding: .utf8)
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard var record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw LakeError(.format, "\(input.location.key) has a line that is not a JSON object")
            }
            if let value = record[field] as? String { record[field] = value.uppercased() }
            let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
            out += String(decoding: data, as: UTF8.self) + "\n"
        }
        let name = input.baseName + ".jsonl"
        let file = input.outputDirectory.appendingPathComponent(name)
        try Data(out.utf8).write(to: file)
        return [TransformOutput(table: input.table, name: name, file: file)]
    }
}
