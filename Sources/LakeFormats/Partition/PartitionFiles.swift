import Foundation

/// The open and finished files of a partitioned write: one writer per partition directory at a
/// time, rolled over at a row limit, the least recently used closed past an open-file limit.
struct PartitionFiles {
    private final class Open {
        let writer: ParquetWriter
        let relativePath: String
        let values: [PartitionValue]
        var rows = 0
        var lastUse = 0
        init(writer: ParquetWriter, relativePath: String, values: [PartitionValue]) {
            self.writer = writer
            self.relativePath = relativePath
            self.values = values
        }
    }

    let directory: URL
    let batchId: String
    let schema: Schema
    let options: ParquetWriterOptions
    let maxRows: Int
    let maxOpen: Int
    private var open: [String: Open] = [:]
    private var nextNumber: [String: Int] = [:]
    private var finished: [(temp: URL, file: PartitionedFile)] = []
    private var temps: [URL] = []
    private var clock = 0

    init(directory: URL, batchId: String, schema: Schema, options: ParquetWriterOptions, maxRows: Int, maxOpen: Int) {
        self.directory = directory
        self.batchId = batchId
        self.schema = schema
        self.options = options
        self.maxRows = maxRows
        self.maxOpen = maxOpen
    }

    /// Splits `batch` by partition and appends each part to its partition's file.
    mutating func append(_ batch: RecordBatch, renderer: PartitionKeyRenderer, keep: [Int]) throws(FormatError) {
        var order: [String] = []
        var groups: [String: (rows: [Int], values: [PartitionValue])] = [:]
        if renderer.specs.isEmpty {
            order = [""]
            groups[""] = (Array(0..<batch.rowCount), [])
        } else {
            // Group by a cheap key first; render each distinct directory once.
            var byKey: [[PartitionKeyRenderer.KeyPart]: String] = [:]
            for r in 0..<batch.rowCount {
                let key = renderer.key(batch, row: r)
                if let path = byKey[key] {
                    groups[path]?.rows.append(r)
                    continue
                }
                let (path, values) = renderer.directory(batch, row: r)
                byKey[key] = path
                if groups[path] == nil {
                    order.append(path)
                    groups[path] = ([r], values)
                } else {
                    groups[path]?.rows.append(r)
                }
            }
        }
        for path in order {
            guard let g = groups[path] else { continue }
            var start = 0
            while start < g.rows.count {
                let file = try writer(for: path, values: g.values)
                let n = min(g.rows.count - start, maxRows - file.rows)
                let rows = Array(g.rows[start..<(start + n)])
                let part = renderer.specs.isEmpty && keep.count == batch.columns.count && n == batch.rowCount
                    ? batch : batch.gather(rows: rows, columns: keep)
                do { try file.writer.write(part) } catch { throw Self.wrap(error, path) }
                file.rows += n
                start += n
                if file.rows >= maxRows { try close(path) }
            }
        }
    }

    private mutating func writer(for path: String, values: [PartitionValue]) throws(FormatError) -> Open {
        clock += 1
        if let f = open[path] {
            f.lastUse = clock
            return f
        }
        if open.count >= maxOpen, let lru = open.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
            try close(lru)
        }
        let n = nextNumber[path, default: 0]
        nextNumber[path] = n + 1
        let name = "part-\(batchId)-\(n).parquet"
        let relative = path.isEmpty ? name : path + "/" + name
        let final = directory.appendingPathComponent(relative)
        do {
            try FileManager.default.createDirectory(at: final.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw FormatError.at(.io, "cannot create the partition directory", path: final.deletingLastPathComponent().path)
        }
        let temp = FormatConverter.temporaryURL(for: final)
        temps.append(temp)
        let writer: ParquetWriter
        do { writer = try ParquetWriter(url: temp, schema: schema, options: options) } catch { throw Self.wrap(error, relative) }
        let f = Open(writer: writer, relativePath: relative, values: values)
        f.lastUse = clock
        open[path] = f
        return f
    }

    private mutating func close(_ path: String) throws(FormatError) {
        guard let f = open.removeValue(forKey: path) else { return }
        let summary: ParquetFileSummary
        do { summary = try f.writer.close() } catch { throw Self.wrap(error, f.relativePath) }
        let url = directory.appendingPathComponent(f.relativePath)
        finished.append(
            (f.writer.url,
             PartitionedFile(
                relativePath: f.relativePath, url: url, partitionValues: f.values, rows: summary.rows,
                bytes: summary.fileBytes, columns: summary.columns)))
    }

    /// Closes every file and renames all into place; returns them sorted by path.
    mutating func finish() throws(FormatError) -> [PartitionedFile] {
        for path in open.keys.sorted() { try close(path) }
        for (temp, file) in finished { try FormatConverter.moveIntoPlace(temp, file.url) }
        temps.removeAll()
        return finished.map(\.file).sorted { $0.relativePath < $1.relativePath }
    }

    /// Removes every temporary file after a failure.
    mutating func abandon() {
        open.removeAll()
        for t in temps { try? FileManager.default.removeItem(at: t) }
        temps.removeAll()
    }

    private static func wrap(_ error: any Error, _ path: String) -> FormatError {
        (error as? FormatError) ?? FormatError.at(.io, "writing \(path) failed: \(error)")
    }
}
