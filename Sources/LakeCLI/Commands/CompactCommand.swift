import ArgumentParser
import Foundation
import LakeCore
import LakeEngine
import LakeRuntime

/// `lake compact DB.TABLE`: small-file compaction of an analytics table.
struct CompactCommand: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact", abstract: "Rewrite a table's small Parquet files into as few files as the target size allows, per partition.",
        discussion: """
            New files are written under new names, then swapped in the metadata and the catalog's statistics, and the old \
            files deleted last; a journal lets `lake compact` or `lake run` finish or undo a compaction a crash interrupted. \
            Rows, sums and schema stay the same. A dataset whose stage B is running is skipped.
            """)

    @Argument(help: "The table, as DATABASE.TABLE (see `lake catalog tables`).") var table: String
    @Option(help: "Only this partition, as its folder (e.g. year=2024/month=01).") var partition: String?
    @Option(help: "Largest file to write, e.g. 128MB or 512MB.") var targetSize: String = "128MB"
    @Option(help: "Leave a partition alone with fewer small files than this.") var minFiles: Int = 4
    @Flag(help: "Show what would be rewritten without changing anything.") var dryRun = false
    @OptionGroup var options: ConfigOptions
    @OptionGroup var output: OutputOptions

    func run(in context: CLIContext) async throws {
        guard let size = ByteSizeText.parse(targetSize) else { throw ValidationError("--target-size takes a size such as 64MB, 128MB or 1GB") }
        let runtime = dryRun ? try await context.openReadOnly(options) : try await context.open(options)
        let report = try await runtime.compact(
            table, options: CompactionOptions(partition: partition, targetSize: size, minFiles: minFiles, dryRun: dryRun))
        if output.json { return try Console.json(report) }
        for line in report.recovered { print("recovered an interrupted compaction: \(line)") }
        print(Console.table(
            ["PARTITION", "STATUS", "FILES", "ROWS", "BYTES", "NOTE"],
            report.partitions.map {
                [$0.partition.isEmpty ? "(table)" : $0.partition, $0.status, "\($0.filesBefore) -> \($0.filesAfter)", String($0.rows),
                 "\($0.bytesBefore) -> \($0.bytesAfter)", $0.reason ?? ""]
            }))
        let changed = report.partitions.filter { $0.status != "skipped" }.count
        print("\(report.dryRun ? "would compact" : "compacted") \(changed) of \(report.partitions.count) partition(s) in \(String(format: "%.2f", report.elapsedSeconds))s")
    }
}
