import ArgumentParser
import Foundation
import LakeCore
import LakeFormats

/// `lake parquet-meta`: row groups, encodings, codecs and statistics of a Parquet file.
struct ParquetMetaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parquet-meta", abstract: "Show a Parquet file's row groups, encodings, codecs and statistics.")

    @Argument(help: "A .parquet file.") var file: String
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let url = URL(fileURLWithPath: file)
        guard FileManager.default.fileExists(atPath: url.path) else { throw LakeError(.usage, "no such file: \(file)") }
        let metadata = try ParquetReader(url: url).metadata
        if output.json {
            print(try ParquetMetadataRenderer.json(metadata))
        } else {
            print(ParquetMetadataRenderer.text(metadata, path: file), terminator: "")
        }
    }
}
