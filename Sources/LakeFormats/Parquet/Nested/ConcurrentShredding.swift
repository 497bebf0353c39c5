import Dispatch

/// Shreds the nested columns of one slice of a batch side by side (each column's levels are
/// independent of the others'), for a writer whose nested fields outweigh the rest of its work.
enum ConcurrentShredding {
    /// Fewest rows in a slice worth spreading over threads.
    static let minimumRows = 4096

    /// The leaves of each of `fields` (indices into `batch`), in order; the first error thrown.
    static func shred(_ batch: RecordBatch, fields: [Int], schema: Schema, rows: Range<Int>) throws -> [[LevelShredder.LeafLevels]] {
        let results = UnsafeMutableBufferPointer<Result<[LevelShredder.LeafLevels], any Error>>.allocate(capacity: fields.count)
        results.initialize(repeating: .success([]))
        defer {
            results.deinitialize()
            results.deallocate()
        }
        let slots = SlotWriter(results)
        DispatchQueue.concurrentPerform(iterations: fields.count) { k in
            let i = fields[k]
            slots.set(k, Result { try LevelShredder.shred(batch.columns[i], field: schema.fields[i], rows: rows) })
        }
        return try results.map { try $0.get() }
    }

    /// Lets each iteration write its own slot of the results.
    private struct SlotWriter: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Result<[LevelShredder.LeafLevels], any Error>>
        init(_ buffer: UnsafeMutableBufferPointer<Result<[LevelShredder.LeafLevels], any Error>>) { self.buffer = buffer }
        func set(_ index: Int, _ value: Result<[LevelShredder.LeafLevels], any Error>) { buffer[index] = value }
    }
}
