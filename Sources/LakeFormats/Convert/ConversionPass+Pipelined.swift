import Foundation
import Synchronization

extension ConversionPass {
    /// Grids the source hands out in turn for ``runPipelined(emit:)``: one being read, one
    /// waiting, one being decoded.
    static let pipelineBuffers = 4

    /// What the reading thread hands to the decoding one.
    private enum Read: @unchecked Sendable {
        case grid(TokenizedGrid)
        /// The input is over.
        case end
        /// Reading stopped when asked; the source is free for the decoding thread.
        case stopped
        case failed(FormatError)
    }

    /// ``run(emit:)`` with reading and decoding on two threads (a third, the caller's, writes):
    /// a thread tokenizes the input into grids while this one decodes the previous grid into a
    /// batch. False, without running, when the source cannot keep several grids valid at once.
    ///
    /// When a value misfits, reading stops, the grids already read are profiled with the rest
    /// of the input (read here, once the reading thread is gone), and the pass ends with the
    /// widened schema as ``run(emit:)`` does.
    func runPipelined(emit: (Message) -> Bool) -> Bool {
        guard source.useBuffers(Self.pipelineBuffers) else { return false }
        source.decodeNestedWhileReading(nestedTypes)
        // Whole records decoded while reading, unless a column's type waits for its first value.
        if builder.undetermined.isEmpty { source.decodeRecordsWhileReading(schema.fields) }
        let reads = HandOff<Read>(capacity: Self.pipelineBuffers - 2)
        let stop = StopFlag()
        let readerDone = DispatchSemaphore(value: 0)
        let reader = Thread { [self] in
            defer { readerDone.signal() }
            do throws(FormatError) {
                try source.rewind()
                while true {
                    if stop.isSet {
                        _ = reads.push(.stopped)
                        return
                    }
                    guard let grid = try source.nextGrid() else {
                        _ = reads.push(.end)
                        return
                    }
                    guard reads.push(.grid(TokenizedGrid(grid, of: source))) else { return }
                }
            } catch {
                _ = reads.push(.failed(error))
            }
        }
        reader.stackSize = 8 << 20
        reader.start()
        defer { readerDone.wait() }
        while true {
            switch reads.pop() {
            case .grid(let tokenized):
                let built: BatchBuilder.Result
                do {
                    built = try builder.build(tokenized, path: source.path)
                } catch {
                    reads.cancel()
                    _ = emit(.failed(error))
                    return true
                }
                switch built {
                case .batch(let batch):
                    guard emit(.batch(batch)) else {
                        reads.cancel()
                        return true
                    }
                case .misfit(let column, _):
                    stop.set()
                    do {
                        var rest = RestAfterStop(reads: reads, source: source)
                        let widened = try widen(from: tokenized.grid, misfitColumn: column) { () throws(FormatError) -> TokenGrid? in
                            try rest.next()
                        }
                        _ = emit(.widen(widened.0, widened.1))
                    } catch {
                        reads.cancel()
                        _ = emit(.failed(error))
                    }
                    return true
                }
            case .end:
                _ = emit(.finished)
                return true
            case .stopped:
                // Only asked for after a misfit, which returns above.
                _ = emit(.finished)
                return true
            case .failed(let error):
                _ = emit(.failed(error))
                return true
            }
        }
    }

    /// The rest of the input after a misfit: the grids read before reading stopped, then, when
    /// the reading thread handed the source back, what this thread reads from it.
    private struct RestAfterStop {
        let reads: HandOff<Read>
        let source: any TokenSource
        var readingHere = false
        var over = false

        mutating func next() throws(FormatError) -> TokenGrid? {
            if over { return nil }
            if readingHere { return try source.nextGrid() }
            switch reads.pop() {
            case .grid(let tokenized):
                guard tokenized.grid.records != nil else { return tokenized.grid }
                // Decoded without cells, so it cannot be profiled: once the reading thread is
                // done, read the input again from this grid's first record, with cells.
                var done = false
                while !done {
                    switch reads.pop() {
                    case .grid: continue
                    case .stopped, .end, .failed: done = true
                    }
                }
                readingHere = true
                source.decodeNestedWhileReading([:])
                source.readAgain(from: tokenized.grid)
                return try source.nextGrid()
            case .stopped:
                // The reading thread is done with the source; the rest is only profiled.
                readingHere = true
                source.decodeNestedWhileReading([:])
                return try source.nextGrid()
            case .end:
                over = true
                return nil
            case .failed(let error):
                over = true
                throw error
            }
        }
    }
}

/// Asks a reading thread to stop at its next grid.
private final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    var isSet: Bool { flag.load(ordering: .acquiring) }

    func set() { flag.store(true, ordering: .releasing) }
}
