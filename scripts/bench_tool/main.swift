// A stand-in for `lake convert IN OUT` until the CLI exposes the converter: compiled together
// with the LakeFormats sources by scripts/build_bench_tool.sh (no change to Package.swift).
// Usage: lake-bench-convert convert IN OUT [--serial] [--compression snappy|gzip|none]
import Foundation

let args = CommandLine.arguments
if args.count >= 5, args[1] == "partition" {
    // partition IN OUTDIR COLUMN [TIMECOLUMN]: value partitions on COLUMN, day partitions on TIMECOLUMN.
    var specs: [PartitionSpec] = [.value(args[4])]
    if args.count >= 6 { specs.append(.time(args[5], .day)) }
    let clock = ContinuousClock()
    let start = clock.now
    do {
        let r = try PartitionedParquetWriter.write(
            inputs: [URL(fileURLWithPath: args[2])], to: URL(fileURLWithPath: args[3]),
            options: PartitionedWriteOptions(batchId: "bench", partitions: specs))
        print("files=\(r.files.count) rows=\(r.rows) seconds=\(clock.now - start)")
    } catch {
        print("\(error)")
    }
    exit(0)
}
guard args.count >= 4, args[1] == "convert" else {
    FileHandle.standardError.write(Data("usage: \(args[0]) convert IN OUT [--serial] [--compression C]\n".utf8))
    exit(2)
}
var options = ConvertOptions()
if args.contains("--serial") { options.parallel = false }
if let i = args.firstIndex(of: "--dict-kb"), i + 1 < args.count, let kb = Int(args[i + 1]) { options.dictionaryPageLimit = kb << 10 }
if let i = args.firstIndex(of: "--block-kb"), i + 1 < args.count, let kb = Int(args[i + 1]) { options.csv.blockSize = kb << 10 }
if let i = args.firstIndex(of: "--batch-rows"), i + 1 < args.count, let r = Int(args[i + 1]) { options.csv.batchRows = r }
if let i = args.firstIndex(of: "--row-group-mb"), i + 1 < args.count, let mb = Int(args[i + 1]) { options.rowGroupMB = mb }
if let i = args.firstIndex(of: "--compression"), i + 1 < args.count, let c = ParquetCompression(rawValue: args[i + 1]) {
    options.compression = c
}
if args.contains("--prescan") {
    // A full classification pass (what a pre-scan design would add to every conversion).
    let clock = ContinuousClock()
    let start = clock.now
    do {
        let s = try SchemaInference.infer(url: URL(fileURLWithPath: args[2]), options: InferenceOptions(sampleRows: .max))
        print("prescan rows=\(s.rowsSampled) seconds=\(clock.now - start)")
    } catch {
        print("\(error)")
    }
    exit(0)
}
if args.contains("--parse-only") {
    // Parse and decode only (no Parquet writing), to split the time between reader and writer.
    let clock = ContinuousClock()
    let start = clock.now
    do {
        let source = try SchemaInference.openSource(
            url: URL(fileURLWithPath: args[2]), format: .csv, csv: options.csv, json: JSONOptions())
        let schema = try SchemaInference.infer(url: URL(fileURLWithPath: args[2])).schema
        let pass = ConversionPass(
            source: source, schema: schema, explicit: true, positional: false,
            nulls: NullTokens(InferenceOptions().nullTokens, quotedCanBeNull: false), profiler: nil)
        var rows = 0
        pass.run { message in
            if case .batch(let b) = message { rows += b.rowCount }
            return true
        }
        print("parse-only rows=\(rows) seconds=\(clock.now - start)")
    } catch {
        print("\(error)")
    }
    exit(0)
}
do {
    let s = try FormatConverter.convert(
        input: URL(fileURLWithPath: args[2]), output: URL(fileURLWithPath: args[3]), options: options)
    print("rows=\(s.rows) seconds=\(s.seconds) in=\(s.inputBytes) out=\(s.outputBytes) passes=\(s.passes)")
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
