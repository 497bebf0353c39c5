import Foundation
import LakeCore

/// Stage B `concat`: one file per table per batch, `<table>/part-<batchId>.<ext>`, the inputs
/// concatenated in key order (CSV inputs keep only the first header). The stand-in until the
/// `parquet` transform; still useful for JSON Lines sinks.
public struct ConcatTransform: LocalHeavyTransform {
    public init() {}

    public func run(_ input: HeavyTransformInput) async throws -> HeavyTransformResult {
        var outputs: [TransformOutput] = []
        for (table, files) in input.inputsByTable {
            let byExtension = Dictionary(grouping: files) { ext(of: $0.key) }
            for (fileExtension, group) in byExtension.sorted(by: { $0.key < $1.key }) {
                let name = "part-\(input.batchId).\(fileExtension)"
                let directory = input.outputDirectory.appendingPathComponent(table)
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                let target = directory.appendingPathComponent(name)
                let rows = try concatenate(group.sorted { $0.key < $1.key }, csv: fileExtension == "csv", into: target)
                outputs.append(TransformOutput(table: table, name: name, file: target, rows: rows))
            }
        }
        return HeavyTransformResult(outputs: outputs, details: ["files": String(input.inputs.count)])
    }

    private func ext(of key: String) -> String {
        guard let dot = key.lastIndex(of: "."), !key[dot...].contains("/") else { return "dat" }
        return String(key[key.index(after: dot)...]).lowercased()
    }

    private func concatenate(_ files: [BatchInput], csv: Bool, into target: URL) throws -> Int64 {
        _ = FileManager.default.createFile(atPath: target.path, contents: nil)
        let out = try FileHandle(forWritingTo: target)
        defer { try? out.close() }
        var rows: Int64 = 0
        var header: Data?
        for file in files {
            var data = try Data(contentsOf: file.file)
            if data.isEmpty { continue }
            if data.last != 0x0A { data.append(0x0A) }
            if csv, let newline = data.firstIndex(of: 0x0A) {
                let first = data[data.startIndex...newline]
                if let header, header == first {
                    data = data[data.index(after: newline)...]
                } else if header == nil {
                    header = Data(first)
                    rows -= 1
                }
            }
            rows += Int64(data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
            try out.write(contentsOf: data)
        }
        try out.synchronize()
        return max(rows, 0)
    }
}
