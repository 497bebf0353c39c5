import ArgumentParser
import Foundation
import LakeCore
import LakeEngine
import LakeRuntime

/// `lake bench`: benchmarks that print ratios and rates measured in one run.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks (results vary with the machine: compare within one run).",
        subcommands: [PipelineBench.self, WFMBench.self])
}

/// `lake bench pipeline`: files per second end to end, and single-file land-to-catalogued latency.
struct PipelineBench: ContextCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Land N small JSON files in a fresh embedded lake while it runs, drain it, and measure latency on an idle lake.")

    @Option(help: "How many files to land.") var files: Int = 10_000
    @Option(help: "Approximate size of each file in bytes.") var size: Int = 300
    @Option(help: "Single-file latency samples on the idle lake.") var samples: Int = 30
    @Option(help: "Stage-A objects transformed at once per worker (lake.yaml's stage_a.concurrency).") var concurrency: Int = 8
    @Option(help: "Stage-B transform after json-flatten: parquet (the default pipeline), concat, or both (one run each, both printed).") var transform: String = "parquet"
    @Option(help: "Spread the files over this many datasets (stage A keeps one batch in flight per dataset).") var datasets: Int = 1
    @Option(help: "Directory for the lake (default: a new temporary directory, removed afterwards).") var dir: String?
    @Flag(help: "Log what the engine does.") var verbose = false
    @Flag(help: "Measure the wall time of each engine step while draining, and print it.") var profile = false
    @OptionGroup var output: OutputOptions

    struct Result: Encodable {
        var transforms: String
        var files: Int
        var datasets: Int
        var bytesPerFile: Int
        /// Landing time; the lake processes files meanwhile, as `lake run` beside `lake ingest`.
        var ingestSeconds: Double
        /// From the last file landed to idle.
        var drainSeconds: Double
        var filesPerSecond: Double
        var stageAExecutions: Int
        var stageBExecutions: Int
        var failed: Int
        var meanStageASeconds: Double
        var meanStageBSeconds: Double
        var latencyP50Milliseconds: Double
        var latencyP99Milliseconds: Double
        var latencySamples: Int
        /// Wall time per engine step while landing and draining (`--profile`).
        var steps: [StepTimings.Entry]?
    }

    /// The stage-B transforms the benchmark knows, and the rate each is meant to reach.
    static let targets = ["parquet": 1_500, "concat": 2_500]

    func run(in context: CLIContext) async throws {
        guard files > 0, size > 0, samples >= 0, datasets >= 1, datasets <= 100 else {
            throw ValidationError("--files and --size must be positive, --datasets between 1 and 100")
        }
        let transforms = transform == "both" ? ["parquet", "concat"] : [transform]
        guard transforms.allSatisfy({ Self.targets[$0] != nil }) else {
            throw ValidationError("--transform must be parquet, concat or both, not '\(transform)'")
        }
        var results: [Result] = []
        for name in transforms {
            let subdirectory = transforms.count > 1 ? name : nil
            let result = try await measure(transform: name, subdirectory: subdirectory, in: context)
            if !output.json { printText(result, transform: name) }
            results.append(result)
        }
        if output.json {
            if results.count == 1, let only = results.first { try Console.json(only) } else { try Console.json(results) }
        }
        let failed = results.reduce(0) { $0 + $1.failed }
        if failed > 0 { throw CommandFailure(code: 1, message: "\(failed) execution(s) failed") }
    }

    /// One run of the benchmark with `transform` in stage B, in a fresh lake.
    private func measure(transform: String, subdirectory: String?, in context: CLIContext) async throws -> Result {
        var given = dir.map { URL(fileURLWithPath: $0).standardizedFileURL }
        if let subdirectory { given = given?.appendingPathComponent(subdirectory) }
        let root = given
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("swiftlake-bench-\(UUID().uuidString.prefix(8).lowercased())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { if dir == nil { try? FileManager.default.removeItem(at: root) } }
        // The inputs, like the lake's zones, away from the files just freed in $TMPDIR
        // (docs/PERFORMANCE.md, "Freed inodes").
        TopDirectoryHint.mark(root.path)

        let config = LakeConfig(
            environment: "bench", storage: .embedded(EmbeddedStorageConfig(path: root.appendingPathComponent(".lake").path)),
            pipelines: [PipelineConfig(name: "main", stageA: StageAConfig(transform: "json-flatten", concurrency: max(1, concurrency)),
                                       stageB: StageBConfig(transform: transform, trigger: .event, maxItems: 100, maxConcurrent: 2))],
            teams: [TeamConfig(name: "bench")],
            datasets: (0..<datasets).map { DatasetConfig(name: $0 == 0 ? "events" : "events\($0)", team: "bench", pipeline: "main") },
            baseDirectory: root)
        let completions = CompletionWatch()
        let timings = profile ? StepTimings() : nil
        let handle = try await context.open(config, verbose: verbose) { options in
            options.onExecutionEnd = { record in completions.record(record) }
            options.timings = timings
        }

        let input = root.appendingPathComponent("input")
        let generated = try Self.generate(files: files, size: size, into: input)
        // The generated inputs are written without flushing; flush them now, before the clock
        // starts, so their writeback does not land among the pipeline's own flushes.
        sync()
        Console.note("generated \(files) files of ~\(size) bytes; landing and draining...")
        let ref = DatasetRef(team: "bench", dataset: "events")
        let ingestor = Ingestor(env: handle.env)
        var planned: [(URL, ObjectKey)] = []
        for d in 0..<datasets {
            let target = DatasetRef(team: "bench", dataset: d == 0 ? "events" : "events\(d)")
            let share = stride(from: d, to: generated.count, by: datasets).map { generated[$0] }
            planned += try ingestor.plan(paths: share, dataset: target, table: "events")
        }
        let clock = ContinuousClock()
        let t0 = clock.now
        let landedAt = LockedValue<ContinuousClock.Instant?>(nil)
        let landing = planned
        _ = try await handle.engine.runUntilIdle(timeout: .seconds(3600)) {
            _ = try await ingestor.ingest(landing)
            landedAt.set(ContinuousClock().now)
        }
        let t2 = clock.now
        let t1 = landedAt.value ?? t2
        let steps = timings?.entries
        let records = try await handle.env.metadata.executions(matching: ExecutionQuery())
        let stageA = records.filter { $0.stage == .a }
        let stageB = records.filter { $0.stage == .b }
        func mean(_ rs: [ExecutionRecord]) -> Double {
            rs.isEmpty ? 0 : rs.compactMap(\.durationSeconds).reduce(0, +) / Double(rs.count)
        }

        Console.note("measuring single-file latency on the idle lake (\(samples) samples)...")
        let latencies = try await measureLatency(handle: handle, ingestor: ingestor, ref: ref, completions: completions, root: root)
        let sorted = latencies.sorted()
        func percentile(_ p: Double) -> Double {
            sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((p * Double(sorted.count - 1)).rounded()))]
        }
        let total = (t2 - t0).seconds
        let result = Result(
            transforms: "json-flatten -> \(transform)", files: files, datasets: datasets, bytesPerFile: size, ingestSeconds: (t1 - t0).seconds, drainSeconds: (t2 - t1).seconds,
            filesPerSecond: Double(files) / total, stageAExecutions: stageA.count, stageBExecutions: stageB.count,
            failed: records.filter { $0.status == .failed }.count, meanStageASeconds: mean(stageA), meanStageBSeconds: mean(stageB),
            latencyP50Milliseconds: percentile(0.5) * 1000, latencyP99Milliseconds: percentile(0.99) * 1000, latencySamples: sorted.count, steps: steps)
        return result
    }

    /// Prints one run's figures for people.
    private func printText(_ result: Result, transform: String) {
        let total = result.ingestSeconds + result.drainSeconds
        print("pipeline json-flatten -> \(transform): " + String(
            format: "%d files over %d dataset(s) in %.2fs (landed after %.2fs, then drained in %.2fs) = %.0f files/s end to end (target >= %d)",
            files, datasets, total, result.ingestSeconds, result.drainSeconds, result.filesPerSecond, Self.targets[transform] ?? 0))
        print(String(format: "  stage A: %d executions, mean %.2f ms; stage B: %d executions, mean %.1f ms; failed: %d",
                     result.stageAExecutions, result.meanStageASeconds * 1000, result.stageBExecutions, result.meanStageBSeconds * 1000, result.failed))
        print(String(format: "latency (land -> catalogued, idle lake, event trigger): p50 %.1f ms, p99 %.1f ms over %d samples (target < 30 ms)",
                     result.latencyP50Milliseconds, result.latencyP99Milliseconds, result.latencySamples))
        if let steps = result.steps {
            print("steps while landing and draining (wall time; steps of different services overlap):")
            for entry in steps {
                let name = entry.step.padding(toLength: 40, withPad: " ", startingAt: 0)
                print("  " + name + String(format: " %7d calls %9.2f s %9.3f ms each", entry.count, entry.seconds, entry.meanMilliseconds))
            }
        }
    }

    private func measureLatency(handle: LakeRuntime, ingestor: Ingestor, ref: DatasetRef, completions: CompletionWatch, root: URL) async throws -> [Double] {
        guard samples > 0 else { return [] }
        let stop = StopSignal()
        let engine = handle.engine
        let daemon = Task { await engine.run(stop: stop, grace: .seconds(5)) }
        defer { stop.request() }
        let dir = root.appendingPathComponent("latency")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let clock = ContinuousClock()
        var latencies: [Double] = []
        try await Task.sleep(for: .milliseconds(300))
        for i in 0..<samples {
            let file = dir.appendingPathComponent("single-\(i).json")
            try Data(#"{"id":\#(i),"kind":"latency","at":"2026-11-22T10:00:00Z"}"#.utf8).write(to: file)
            let stageKey = "\(ref.team)/\(ref.dataset)/events/single-\(i).jsonl"
            let waiter = completions.waiter(forStageBKey: stageKey)
            let start = clock.now
            _ = try await ingestor.ingest(ingestor.plan(paths: [file], dataset: ref, table: "events"))
            let ok = await waiter.wait(timeout: .seconds(10))
            if ok { latencies.append((clock.now - start).seconds) }
            try await Task.sleep(for: .milliseconds(50))
        }
        stop.request()
        await daemon.value
        return latencies
    }

    /// Writes `files` JSON files of about `size` bytes each.
    static func generate(files: Int, size: Int, into dir: URL) throws -> [URL] {
        try TopDirectoryHint.createSpread(dir)
        var rng = SplitMix64(seed: 7)
        return try (0..<files).map { i in
            let url = dir.appendingPathComponent("event-\(String(format: "%06d", i)).json")
            var body = #"{"id":\#(i),"user":"u\#(rng.next() % 5000)","kind":"click","amount":\#(Double(rng.next() % 100_000) / 100),"at":"2026-11-22T10:\#(i % 60 < 10 ? "0" : "")\#(i % 60):00Z","note":""#
            let pad = max(0, size - body.utf8.count - 3)
            body += String(repeating: "x", count: pad) + "\"}\n"
            try Data(body.utf8).write(to: url)
            return url
        }
    }
}

/// Lets the latency benchmark wait for the stage-B execution that includes a given key.
final class CompletionWatch: Sendable {
    private let waiters = LockedValue<[String: CompletionWaiter]>([:])

    func waiter(forStageBKey key: String) -> CompletionWaiter {
        let w = CompletionWaiter()
        waiters.update { $0[key] = w }
        return w
    }

    func record(_ record: ExecutionRecord) {
        guard record.stage == .b, record.status == .completed else { return }
        let ready = waiters.update { map -> [CompletionWaiter] in
            var found: [CompletionWaiter] = []
            for key in record.inputKeys { if let w = map.removeValue(forKey: key) { found.append(w) } }
            return found
        }
        for w in ready { w.signal() }
    }
}

/// A one-shot signal with a timeout.
final class CompletionWaiter: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    init() { (stream, continuation) = AsyncStream.makeStream() }
    func signal() { continuation.yield(); continuation.finish() }
    func wait(timeout: Duration) async -> Bool {
        let stream = self.stream
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask { for await _ in stream { return true }; return false }
            group.addTask { try? await Task.sleep(for: timeout); return false }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}
