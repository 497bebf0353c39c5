import Foundation

/// A ``ParquetWriter`` that encodes and compresses on its own thread, so the caller (a CSV
/// parser, say) keeps producing the next batch meanwhile: on two cores, parsing and writing
/// overlap instead of adding up.
///
/// ``write(_:)`` checks the batch against the schema at once (schema errors throw right away),
/// then queues it; it blocks while `maxQueuedBatches` batches wait, which bounds memory.
/// Encoding or I/O errors surface on the next ``write(_:)`` or on ``close()``. Like
/// ``ParquetWriter``, calls may come from any thread and are served in order. Always end with
/// ``close()`` or ``cancel()``: they stop the worker thread.
public final class BackgroundParquetWriter: @unchecked Sendable {
    /// The synchronous writer doing the work.
    private let writer: ParquetWriter
    /// Batches waiting for the worker, at most `maxQueuedBatches`.
    public let maxQueuedBatches: Int

    private let condition = NSCondition()
    private var queue: [RecordBatch] = []
    private var busy = false
    private var finishing = false
    private var failure: (any Error)?
    private var closed = false

    /// Creates the file (see ``ParquetWriter/init(url:schema:options:)``) and starts the worker.
    public init(url: URL, schema: Schema, options: ParquetWriterOptions = .init(), maxQueuedBatches: Int = 2) throws {
        writer = try ParquetWriter(url: url, schema: schema, options: options)
        self.maxQueuedBatches = max(1, maxQueuedBatches)
        let thread = Thread { [self] in run() }
        thread.name = "swiftlake.parquet-writer"
        thread.start()
    }

    /// The file's schema.
    public var schema: Schema { writer.schema }

    /// Validates `batch` and queues it for the worker; throws an earlier worker failure.
    public func write(_ batch: RecordBatch) throws {
        try writer.validate(batch)
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= maxQueuedBatches && failure == nil && !closed { condition.wait() }
        if let failure { throw failure }
        guard !closed else {
            throw FormatError.invalidArgument(
                "the Parquet writer is already closed", context: FormatError.Context(path: writer.url.path))
        }
        queue.append(batch)
        condition.broadcast()
    }

    /// Waits for the queued batches, writes the footer and returns the summary.
    public func close() throws -> ParquetFileSummary {
        condition.lock()
        guard !closed else {
            condition.unlock()
            throw FormatError.invalidArgument(
                "the Parquet writer is already closed", context: FormatError.Context(path: writer.url.path))
        }
        closed = true
        condition.broadcast()
        while (busy || !queue.isEmpty) && failure == nil { condition.wait() }
        let failed = failure
        finishing = true
        condition.broadcast()
        condition.unlock()
        if let failed { throw failed }
        return try writer.close()
    }

    /// Stops the worker without finishing the file (after the caller's own failure); the
    /// file is left incomplete for the caller to delete. Call this or ``close()`` exactly once:
    /// the worker thread lives until one of them is called.
    public func cancel() {
        condition.lock()
        closed = true
        finishing = true
        queue.removeAll()
        if failure == nil {
            failure = FormatError.invalidArgument(
                "the Parquet writer was cancelled", context: FormatError.Context(path: writer.url.path))
        }
        condition.broadcast()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty && !finishing && !(closed && failure != nil) { condition.wait() }
            if queue.isEmpty || failure != nil {
                queue.removeAll()
                condition.unlock()
                if finishing || closed { return }
                continue
            }
            let batch = queue.removeFirst()
            busy = true
            condition.broadcast()
            condition.unlock()

            var error: (any Error)?
            do { try writer.write(batch) } catch let e { error = e }

            condition.lock()
            busy = false
            if let error, failure == nil { failure = error }
            condition.broadcast()
            condition.unlock()
        }
    }
}
