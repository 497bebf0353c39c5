import Dispatch
import Foundation

/// JSON Lines read in chunks side by side: the input is cut at line feeds into chunks of about
/// ``LineChunks/chunkBytes``, read ahead into grids of their own by this thread and one other,
/// and handed out in order. Nothing waits for a partner at a buffer's end: while one chunk is
/// parsed elsewhere, this thread parses the next, so both cores stay busy (the parsing was
/// about half the work of a conversion, and splitting each buffer in two halves that met at
/// its end left a core idle about a fifth of the time).
///
/// A cut is a guess that the line feed ends a record (JSON Lines; a record may also span
/// lines). A chunk is kept only when it was parsed to its end in whole records without an
/// error or a column not seen before; otherwise every chunk read ahead is dropped and reading
/// goes on in one piece from that chunk's start, so the batches, columns, errors and their
/// lines are those of reading in one piece.
extension JSONReader {
    /// One part of the input being parsed into its own grid, and how that ended.
    final class Lane: @unchecked Sendable {
        let grid: TokenGrid
        let arena: ByteArena
        let columns: JSONColumns
        let buf: UnsafePointer<UInt8>
        let count: Int
        let final: Bool
        /// File offset of `buf[0]`.
        let bufferOffset: Int64
        /// Lines counted from 1 at `buf[0]`; when parsed, the line after its last record.
        var line = 1
        /// Where parsing stopped: after the last whole record (or the end, with `reachedEnd`).
        var consumed = 0
        /// Only blank text followed the last record.
        var reachedEnd = false
        /// An error, a record cut by the end, or a grid too narrow: read again in one piece.
        var failed = false
        var isASCII = true

        init(
            grid: TokenGrid, arena: ByteArena, columns: JSONColumns, buf: UnsafePointer<UInt8>, count: Int, final: Bool,
            bufferOffset: Int64
        ) {
            self.grid = grid
            self.arena = arena
            self.columns = columns
            self.buf = buf
            self.count = count
            self.final = final
            self.bufferOffset = bufferOffset
        }

        /// Parsed to its end in whole records.
        var whole: Bool { !failed && reachedEnd && consumed == count }
    }

    /// Inputs with less than this left after the current position are read in one piece.
    static let chunkMinimumInput: Int64 = 1 << 20
    /// Chunks dropped (and read again in one piece) after which a reader stops reading ahead:
    /// an input whose records span lines would parse most of its text twice.
    static let chunkFailureLimit = 4

    /// Whether the next grid can come from chunks read ahead: JSON Lines, read with grids to
    /// spare, whose columns are known (a first grid or a sample found them).
    var canReadInChunks: Bool {
        guard !isArray, spareSlots >= 2, !columns.names.isEmpty, chunkStats.undone < Self.chunkFailureLimit else { return false }
        let position = source.bufferOffset + Int64(pendingConsumed)
        return source.fileSize - position >= Self.chunkMinimumInput
    }

    /// Starts reading chunks ahead from the current position.
    func startChunks() {
        chunks = LineChunks(
            position: source.bufferOffset + Int64(pendingConsumed), line: line, chunkBytes: chunkBytes,
            knownColumns: columns.names.count, mapsInput: mapsInput)
    }

    /// The next grid from the chunks read ahead; nil when a chunk was dropped and reading went
    /// back to one piece (the source then stands at the first record not handed out).
    func nextChunkGrid(_ chunks: LineChunks) throws(FormatError) -> TokenGrid?? {
        switch try chunks.next(self) {
        case .grid(let lane, let slot):
            chunkStats.parsed += 1
            line = chunks.line
            return .some(handOut(lane.grid, arena: lane.arena, slot: slot, isASCII: lane.isASCII))
        case .end:
            return .some(nil)
        case .dropped(let narrowGrid):
            chunkStats.undone += 1
            if narrowGrid { chunkBytes = max(Self.smallestChunk, chunkBytes / 2) }
            leaveChunks()
            try resumeInOnePiece()
            return nil
        }
    }

    /// Stops reading ahead; the next read goes on in one piece from the first record not handed
    /// out.
    func leaveChunks() {
        guard let c = chunks else { return }
        chunks = nil
        c.stop()
        resumeAt = (c.position, c.line)
    }

    /// Moves the source to where chunks were left, if they were.
    func resumeInOnePiece() throws(FormatError) {
        guard let r = resumeAt else { return }
        resumeAt = nil
        try source.seek(to: r.offset)
        pendingConsumed = 0
        line = r.line
    }

    /// Smallest chunk tried after grids were too narrow for a chunk's records.
    static let smallestChunk = 64 << 10

    /// Parses the whole records of `lane` into its grid.
    func parse(_ lane: Lane) {
        if let fields = recordFields, parseRecords(lane, fields: fields) { return }
        let grid = lane.grid
        startFilling(grid, arena: lane.arena, columns: lane.columns)
        var parser = JSONRecordParser(
            buf: lane.buf, n: lane.count, final: lane.final, bufferOffset: lane.bufferOffset, arena: lane.arena, grid: grid,
            columns: lane.columns, options: options, pos: 0, line: 1)
        while grid.rowCount < grid.rowCapacity {
            let arenaMark = lane.arena.count
            guard parser.skipSpace() else {
                lane.consumed = parser.pos
                lane.line = parser.line
                lane.reachedEnd = true
                break
            }
            do {
                try parser.parseNextRow()
            } catch {
                if case .incomplete = error { parser.takeBack(arenaMark: arenaMark) }
                lane.failed = true
                return
            }
            lane.consumed = parser.pos
            lane.line = parser.line
        }
        lane.isASCII = SWAR.isASCII(lane.arena.base, lane.arena.count)
    }
}

/// The chunks of a JSON Lines input read ahead, in input order, and the one other thread that
/// parses them (``JSONReader/parse(_:)``) alongside the reading thread.
final class LineChunks: @unchecked Sendable {
    /// A chunk: its lane (the input from the lane's `bufferOffset`, mapped or copied into
    /// `storage`), the grid slot it fills, and whether it is waiting, being parsed or parsed
    /// (guarded by `condition`).
    final class Chunk {
        let lane: JSONReader.Lane
        let slot: Int
        let text: ChunkText
        var state = State.waiting

        enum State { case waiting, parsing, parsed }

        init(lane: JSONReader.Lane, slot: Int, text: ChunkText) {
            self.lane = lane
            self.slot = slot
            self.text = text
        }
    }

    /// Where a chunk's text lies: the file mapped, or a copy in a buffer of `chunkBytes`.
    enum ChunkText {
        case mapped(MappedBytes)
        case copied(UnsafeMutablePointer<UInt8>)
    }


    /// What ``next(_:)`` found.
    enum Next {
        case grid(JSONReader.Lane, slot: Int)
        /// The input is over.
        case end
        /// A chunk could not be kept; `narrowGrid` when only the grid was too small for it.
        case dropped(narrowGrid: Bool)
    }

    /// File offset of the first record not handed out.
    private(set) var position: Int64
    /// Line of `position`.
    private(set) var line: Int
    let chunkBytes: Int
    /// Chunks are mapped from the file when it can be, else copied.
    let mapsInput: Bool
    private let knownColumns: Int
    /// File offset the next chunk is read from.
    private var readOffset: Int64
    /// The last chunk was read.
    private var readAll = false
    private var finished = false
    private let condition = NSCondition()
    private var queue: [Chunk] = []
    private var workerRunning = false
    private var spare: [UnsafeMutablePointer<UInt8>] = []

    init(position: Int64, line: Int, chunkBytes: Int, knownColumns: Int, mapsInput: Bool) {
        self.position = position
        self.line = line
        self.chunkBytes = chunkBytes
        self.mapsInput = mapsInput
        self.knownColumns = knownColumns
        readOffset = position
    }

    deinit {
        stop()
        for b in spare { b.deallocate() }
    }

    /// The next chunk's grid, parsing chunks here until it is parsed.
    func next(_ reader: JSONReader) throws(FormatError) -> Next {
        while true {
            if finished { return .end }
            try readAhead(reader)
            condition.lock()
            guard let head = queue.first else {
                condition.unlock()
                finished = true
                return .end
            }
            startWorker(reader)
            while head.state != .parsed {
                if !parseWaitingChunk(reader) { condition.wait() }
            }
            queue.removeFirst()
            condition.unlock()
            let lane = head.lane
            guard lane.whole, lane.columns.names.count == knownColumns else {
                let narrow = !lane.failed && lane.grid.rowCount == lane.grid.rowCapacity
                recycle(head)
                return .dropped(narrowGrid: narrow)
            }
            // Lines counted from 1 in the chunk: shift them to where the chunk starts.
            let shift = line - 1
            let rows = lane.grid.rowCount
            if shift != 0 { for r in 0..<rows { lane.grid.rowLines[r] += shift } }
            line += lane.line - 1
            position = lane.bufferOffset + Int64(lane.count)
            recycle(head)
            if lane.final && queue.isEmpty { finished = true }
            if rows > 0 { return .grid(lane, slot: head.slot) }
        }
    }

    /// Reads chunks into every grid slot free, each up to its last line feed.
    private func readAhead(_ reader: JSONReader) throws(FormatError) {
        while !readAll {
            condition.lock()
            let busy = queue.map(\.slot)
            condition.unlock()
            guard let slot = reader.freeSlot(besides: busy) else { return }
            let text: ChunkText
            let storage: UnsafePointer<UInt8>
            let got: Int
            if mapsInput, let m = reader.source.mapBytes(count: chunkBytes, at: readOffset), let bytes = m.bytes {
                text = .mapped(m)
                storage = bytes
                got = m.count
            } else {
                let copy = spare.popLast() ?? .allocate(capacity: chunkBytes)
                do {
                    got = try reader.source.copyBytes(into: copy, count: chunkBytes, at: readOffset)
                } catch {
                    spare.append(copy)
                    throw error
                }
                text = .copied(copy)
                storage = UnsafePointer(copy)
            }
            let final = got < chunkBytes
            var count = got
            if !final {
                // A line longer than a chunk leaves nothing to cut at: the chunk fails whole.
                var i = got - 1
                while i >= 0 && storage[i] != 10 { i -= 1 }
                if i >= 0 { count = i + 1 }
            }
            let lane = JSONReader.Lane(
                grid: reader.slotGrid(slot), arena: reader.slotArena(slot), columns: reader.columns.copy(),
                buf: storage, count: count, final: final,
                bufferOffset: readOffset)
            readOffset += Int64(count)
            if final { readAll = true }
            condition.lock()
            queue.append(Chunk(lane: lane, slot: slot, text: text))
            condition.unlock()
        }
    }

    /// Lets the other thread parse waiting chunks, unless it already does.
    private func startWorker(_ reader: JSONReader) {
        guard !workerRunning, queue.contains(where: { $0.state == .waiting }) else { return }
        workerRunning = true
        let job = ChunkJob(chunks: self, reader: reader)
        DispatchQueue.global().async { job.run() }
    }

    /// The other thread: parses waiting chunks until none is left.
    fileprivate func work(_ reader: JSONReader) {
        condition.lock()
        while parseWaitingChunk(reader) {}
        workerRunning = false
        condition.broadcast()
        condition.unlock()
    }

    /// Parses the first waiting chunk, if there is one (called and returning with `condition`
    /// locked; unlocked while parsing).
    private func parseWaitingChunk(_ reader: JSONReader) -> Bool {
        guard let chunk = queue.first(where: { $0.state == .waiting }) else { return false }
        chunk.state = .parsing
        condition.unlock()
        reader.parse(chunk.lane)
        condition.lock()
        chunk.state = .parsed
        condition.broadcast()
        return true
    }

    /// Drops every chunk not handed out, once the other thread is done (called by the reading
    /// thread, so only the other one can be parsing).
    func stop() {
        condition.lock()
        for chunk in queue where chunk.state == .waiting { chunk.state = .parsed }
        while workerRunning { condition.wait() }
        let dropped = queue
        queue.removeAll()
        condition.unlock()
        for chunk in dropped { recycle(chunk) }
        readAll = true
        finished = true
    }

    private func recycle(_ chunk: Chunk) {
        switch chunk.text {
        case .mapped(let m): m.unmap()
        case .copied(let copy): spare.append(copy)
        }
    }
}

/// The other thread's work, run while the reading thread parses chunks too.
private struct ChunkJob: @unchecked Sendable {
    let chunks: LineChunks
    let reader: JSONReader

    func run() { chunks.work(reader) }
}
