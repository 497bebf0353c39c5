import ArgumentParser
import Foundation
import LakeCore
import LakeFormats

/// `lake cat`: a Parquet file's rows as JSON Lines.
struct CatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cat", abstract: "Print a Parquet file's rows as JSON Lines.")

    @Argument(help: "A .parquet file.") var file: String
    @Option(help: "At most this many rows.") var limit: Int?

    func run() async throws {
        if let limit, limit < 0 { throw ValidationError("--limit must not be negative") }
        let url = URL(fileURLWithPath: file)
        guard FileManager.default.fileExists(atPath: url.path) else { throw LakeError(.usage, "no such file: \(file)") }
        let reader = try ParquetReader(url: url)
        let renderer = RowJSONRenderer(schema: reader.schema)
        var printed = 0
        var out = ""
        out.reserveCapacity(1 << 16)
        let max = limit ?? Int.max
        for group in 0..<reader.rowGroupCount where printed < max {
            let batch = try reader.readRowGroup(group)
            var row = 0
            while row < batch.rowCount && printed < max {
                out += renderer.render(batch.row(row))
                out += "\n"
                row += 1
                printed += 1
                if out.utf8.count > 1 << 16 {
                    FileHandle.standardOutput.write(Data(out.utf8))
                    out.removeAll(keepingCapacity: true)
                }
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
