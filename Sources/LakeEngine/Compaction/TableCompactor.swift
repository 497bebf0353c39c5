import Foundation
import LakeCore
import LakeFormats

/// Small-file compaction of an analytics table (`lake compact`): each partition whose small
/// Parquet files are at least `minFiles` is rewritten into as few files as `targetSize` allows,
/// streaming row group by row group (memory bounded by one row group), and swapped for the old
/// set in the steps a crash can interrupt safely:
///
/// 1. a journal naming inputs and planned outputs is written (phase `writing`);
/// 2. the new files are written under new names (`compacted-<id>-<n>.parquet`), invisible to
///    the catalog (no metadata rows yet);
/// 3. the journal turns `committed`: from here the new set is the table's;
/// 4. metadata rows: new ones in, old ones out; the crawler recounts the partition and the
///    table's statistics; 5. the old files are deleted; 6. the journal goes.
///
/// ``recover()`` (run by `lake compact` and at the start of `lake run`) undoes journals still
/// `writing` (deletes their outputs) and finishes `committed` ones, so the table ends with the
/// old set or the new one, never both. A dataset with a running stage-B execution is skipped.
public struct TableCompactor: Sendable {
    let env: LakeEnvironment
    let topology: Topology
    let crawler: CatalogCrawler

    public init(env: LakeEnvironment, topology: Topology) {
        self.env = env
        self.topology = topology
        self.crawler = CatalogCrawler(env: env)
    }

    // MARK: Recovery

    /// Finishes or undoes every compaction a crash interrupted; returns `<id>: finished|undone`.
    public func recover() async throws -> [String] {
        var done: [String] = []
        for journal in try await CompactionJournal.all(env.objects) {
            switch journal.phase {
            case .writing:
                try await undo(journal)
                done.append("\(journal.id): undone (\(journal.team)/\(journal.dataset)/\(journal.table)/\(journal.partition))")
            case .committed:
                guard let unit = topology.datasets[DatasetRef(team: journal.team, dataset: journal.dataset)] else {
                    env.logger.error("compaction \(journal.id) belongs to \(journal.team)/\(journal.dataset), which lake.yaml no longer defines; left as it is")
                    continue
                }
                try await finish(journal, unit: unit)
                done.append("\(journal.id): finished (\(journal.team)/\(journal.dataset)/\(journal.table)/\(journal.partition))")
            }
        }
        return done
    }

    // MARK: Compaction

    /// Compacts `database.table` as `options` say.
    public func compact(database: String, table: String, options: CompactionOptions) async throws -> CompactionReport {
        let started = ContinuousClock.now
        guard options.targetSize >= 1 << 20 else {
            throw LakeError(.usage, "the target size must be at least 1 MB", hint: "e.g. --target-size 128MB")
        }
        guard options.minFiles >= 2 else { throw LakeError(.usage, "--min-files must be at least 2") }
        let unit = try topology.dataset(ofAnalyticsDatabase: database, naming: CatalogNaming(config: env.config))
        let recovered = options.dryRun ? [] : try await recover()
        let prefix = CatalogNaming.tablePrefix(unit.ref, table: table)
        let records = try await env.metadata.objects(matching: ObjectQuery(zone: .analytics, keyPrefix: prefix))
            .filter { $0.key.hasSuffix(".parquet") }
        guard !records.isEmpty else {
            throw LakeError(
                .notFound, "table \(database).\(table) has no Parquet files", hint: "`lake catalog tables \(database)` lists the tables",
                context: ["table": "\(database).\(table)"])
        }
        let byPartition = Dictionary(grouping: records) { Self.partition(of: $0.key, tablePrefix: prefix) }
        let wanted = options.partition.map { $0.split(separator: "/").joined(separator: "/") }
        if let wanted, byPartition[wanted] == nil {
            throw LakeError(
                .notFound, "table \(database).\(table) has no partition '\(wanted)'",
                hint: "partitions: " + byPartition.keys.sorted().prefix(20).joined(separator: ", "), context: ["partition": wanted])
        }
        let running = try await env.metadata.executions(matching: ExecutionQuery(dataset: unit.ref, status: .running, stage: .b, limit: 1))
        var report = CompactionReport(
            database: database, table: table, dryRun: options.dryRun, targetSize: options.targetSize, partitions: [], recovered: recovered,
            elapsedSeconds: 0)
        for folder in byPartition.keys.sorted() where wanted == nil || folder == wanted {
            let files = (byPartition[folder] ?? []).sorted { $0.key < $1.key }
            var entry = CompactionReport.Partition(
                partition: folder, status: "skipped", reason: nil, filesBefore: files.count, filesAfter: files.count,
                rows: files.reduce(0) { $0 + ($1.rows ?? 0) }, bytesBefore: files.reduce(0) { $0 + $1.size },
                bytesAfter: files.reduce(0) { $0 + $1.size }, inputs: [], outputs: [])
            let bins = Self.bins(files, targetSize: options.targetSize)
            let small = files.filter { $0.size < options.targetSize }.count
            if small < options.minFiles {
                entry.reason = "\(small) small file(s), fewer than --min-files \(options.minFiles)"
            } else if bins.isEmpty {
                entry.reason = "no two small files fit together under the target size"
            } else if !running.isEmpty {
                entry.reason = "a stage-B execution of \(unit.ref) is running (\(running[0].id)); run again when it has finished"
            } else if options.dryRun {
                entry.status = "planned"
                entry.inputs = bins.flatMap { $0.map(\.key) }
                entry.filesAfter = files.count - entry.inputs.count + bins.count
            } else {
                let journal = try await rewrite(bins, unit: unit, table: table, partition: folder, prefix: prefix)
                entry.status = "compacted"
                entry.inputs = journal.inputs
                entry.outputs = journal.outputs.map(\.key)
                let after = try await env.metadata.objects(matching: ObjectQuery(zone: .analytics, keyPrefix: prefix + (folder.isEmpty ? "" : folder + "/")))
                    .filter { $0.key.hasSuffix(".parquet") && Self.partition(of: $0.key, tablePrefix: prefix) == folder }
                entry.filesAfter = after.count
                entry.bytesAfter = after.reduce(0) { $0 + $1.size }
            }
            report.partitions.append(entry)
        }
        report.elapsedSeconds = (ContinuousClock.now - started).seconds
        return report
    }

    /// The partition folder of a file below its table's prefix (`year=2024/month=01`; empty for
    /// a file directly in the table's folder).
    static func partition(of key: String, tablePrefix: String) -> String {
        key.dropFirst(tablePrefix.count).split(separator: "/").dropLast().joined(separator: "/")
    }

    /// Groups the small files (in key order) into runs whose sizes add up to at most the
    /// target; runs of one file are left out (nothing to gain).
    static func bins(_ files: [ObjectRecord], targetSize: Int64) -> [[ObjectRecord]] {
        var bins: [[ObjectRecord]] = []
        var current: [ObjectRecord] = []
        var size: Int64 = 0
        for file in files where file.size < targetSize {
            if !current.isEmpty && size + file.size > targetSize {
                bins.append(current)
                current = []
                size = 0
            }
            current.append(file)
            size += file.size
        }
        bins.append(current)
        return bins.filter { $0.count > 1 }
    }

    /// Steps 1-6 for one partition.
    private func rewrite(_ bins: [[ObjectRecord]], unit: Topology.DatasetUnit, table: String, partition: String, prefix: String) async throws -> CompactionJournal {
        let id = String(env.ids.next().prefix(12)).lowercased().filter { $0.isLetter || $0.isNumber }
        let folder = prefix + (partition.isEmpty ? "" : partition + "/")
        var journal = CompactionJournal(
            id: "\(Int(env.clock.now().timeIntervalSince1970))-\(id)", team: unit.ref.team, dataset: unit.ref.dataset, table: table,
            partition: partition, inputs: bins.flatMap { $0.map(\.key) }, outputs: [], phase: .writing, startedAt: env.clock.now())
        // Planned names first, so a crash while writing leaves nothing unaccounted for.
        journal.outputs = bins.indices.map { .init(key: "\(folder)compacted-\(journal.id)-\($0).parquet", rows: 0) }
        try await journal.save(env.objects)
        let scratch = env.workDirectory.appendingPathComponent("compact-\(journal.id)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var outputs: [CompactionJournal.Output] = []
        for (index, bin) in bins.enumerated() {
            let key = journal.outputs[index].key
            let written = try await write(bin, to: key, scratch: scratch)
            outputs.append(contentsOf: written)
        }
        // No journal write in between: a crash here is undone from the planned names and the
        // `compacted-<id>-` prefix (``undo(_:)``), extra parts included.
        FaultPoint.hit("compact-after-outputs")
        journal.outputs = outputs
        journal.phase = .committed
        try await journal.save(env.objects)
        FaultPoint.hit("compact-after-commit")
        try await finish(journal, unit: unit)
        return journal
    }

    /// Streams a bin's files into one output (more when their schemas differ), row group by
    /// row group; returns the outputs with their row counts.
    private func write(_ bin: [ObjectRecord], to key: String, scratch: URL) async throws -> [CompactionJournal.Output] {
        var outputs: [CompactionJournal.Output] = []
        var writer: ParquetWriter?
        var schema: Schema?
        var local: URL?
        var part = 0
        func close() async throws {
            guard let open = writer, let file = local else { return }
            let summary = try open.close()
            let name = part == 0 ? key : String(key.dropLast(".parquet".count)) + "-\(part).parquet"
            _ = try await env.objects.putFile(file, at: ObjectLocation(.analytics, try ObjectKey(name)), consume: true)
            outputs.append(.init(key: name, rows: summary.rows))
            writer = nil
            part += 1
        }
        for record in bin {
            let input = try await env.objects.fetch(ObjectLocation(.analytics, try ObjectKey(record.key)), into: scratch)
            // Where the store is a filesystem, `fetch` hands out the object itself: only a
            // downloaded copy (inside the scratch directory) is ours to delete.
            defer { if input.standardizedFileURL.path.hasPrefix(scratch.standardizedFileURL.path) { try? FileManager.default.removeItem(at: input) } }
            do {
                let reader = try ParquetReader(url: input)
                if writer == nil || reader.schema != schema {
                    try await close()
                    schema = reader.schema
                    let file = scratch.appendingPathComponent("out-\(part).parquet")
                    local = file
                    writer = try ParquetWriter(url: file, schema: reader.schema)
                }
                for index in 0..<reader.rowGroupCount {
                    try writer?.write(try reader.readRowGroup(index))
                }
            } catch let error as FormatError {
                throw LakeError(
                    .format, "cannot compact \(record.key): \(error)", hint: "the file may be damaged; `lake parquet-meta` shows its footer",
                    context: ["key": record.key])
            }
        }
        try await close()
        return outputs
    }

    /// Steps 4-6, idempotent: the new files' rows in, the old ones' out, the partition and
    /// table recounted, the old files deleted, the journal removed.
    private func finish(_ journal: CompactionJournal, unit: Topology.DatasetUnit) async throws {
        let now = env.clock.now()
        var written: [WrittenObject] = []
        var rows: [ObjectRecord] = []
        let tablePrefix = CatalogNaming.tablePrefix(unit.ref, table: journal.table)
        for output in journal.outputs {
            let location = ObjectLocation(.analytics, try ObjectKey(output.key))
            guard let info = try await env.objects.head(location) else { continue }
            written.append(WrittenObject(info: info, table: journal.table, name: String(output.key.dropFirst(tablePrefix.count)), rows: output.rows))
            rows.append(ObjectRecord(
                id: env.objects.uri(for: location), zone: .analytics, key: output.key, bucket: env.objects.container(of: .analytics), size: info.size,
                lastModified: info.modifiedAt, timestamp: now, contentHash: info.contentHash, team: unit.ref.team, dataset: unit.ref.dataset,
                table: journal.table, pipeline: unit.pipeline.name, pipelineStage: PipelineStage.b.label, executionId: "compaction-\(journal.id)",
                rows: output.rows))
        }
        try await env.metadata.upsertObjects(rows)
        for key in journal.inputs {
            try await env.metadata.deleteObject(id: env.objects.uri(for: ObjectLocation(.analytics, try ObjectKey(key))))
        }
        if !written.isEmpty { _ = try await crawler.crawl(dataset: unit, written: written, executionId: "compaction-\(journal.id)") }
        for key in journal.inputs {
            try await env.objects.delete(ObjectLocation(.analytics, try ObjectKey(key)))
        }
        try await journal.remove(env.objects)
    }

    /// Undoes a compaction that had not committed: its outputs (and any rows of them) go.
    private func undo(_ journal: CompactionJournal) async throws {
        var keys = Set(journal.outputs.map(\.key))
        // Extra parts (a schema change inside a bin) may exist before the journal names them.
        let folder = CatalogNaming.tablePrefix(DatasetRef(team: journal.team, dataset: journal.dataset), table: journal.table)
            + (journal.partition.isEmpty ? "" : journal.partition + "/")
        var token: String?
        repeat {
            let page = try await env.objects.list(zone: .analytics, prefix: folder + "compacted-\(journal.id)-", after: token, limit: 1000)
            keys.formUnion(page.objects.map(\.location.key.rawValue))
            token = page.nextToken
        } while token != nil
        for key in keys.sorted() {
            let location = ObjectLocation(.analytics, try ObjectKey(key))
            try await env.metadata.deleteObject(id: env.objects.uri(for: location))
            try await env.objects.delete(location)
        }
        try await journal.remove(env.objects)
    }
}
