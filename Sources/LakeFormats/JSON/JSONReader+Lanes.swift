import Dispatch
import Foundation

/// JSON Lines read two grids at a time, side by side: the buffer is split at the line feed
/// nearest its middle, this thread parses the first half while another parses the second, and
/// the second grid is handed out by the next ``JSONReader/nextGrid()``. The parsing thread of a
/// conversion was its busiest (about half the work), so this is where a second core helps.
///
/// The split is a guess that the line feed ends a record (JSON Lines; a record may also span
/// lines). It is kept only when the first half ends exactly there with whole records, neither
/// half met an error or a column not seen before, and both hold rows; otherwise the buffer is
/// parsed again in one piece, as before, so the batches, columns, errors and their lines are
/// those of reading in one piece.
extension JSONReader {
    /// One half of a buffer being parsed: its grid, arena and column table, and how it ended.
    final class Lane: @unchecked Sendable {
        let grid: TokenGrid
        let arena: ByteArena
        let columns: JSONColumns
        let from: Int
        let to: Int
        let final: Bool
        /// The line the half starts at; when parsed, the line after its last record.
        var line: Int
        /// Where parsing stopped: after the last whole record (or the end, with `reachedEnd`).
        var consumed: Int
        /// Only blank text followed the last record.
        var reachedEnd = false
        /// An error or a grid too narrow: the buffer is parsed again in one piece.
        var failed = false

        init(grid: TokenGrid, arena: ByteArena, columns: JSONColumns, from: Int, to: Int, final: Bool, line: Int) {
            self.grid = grid
            self.arena = arena
            self.columns = columns
            self.from = from
            self.to = to
            self.final = final
            self.line = line
            consumed = from
        }
    }

    /// Buffers smaller than this are parsed in one piece.
    static let laneMinimumBytes = 1 << 20

    /// Reads the current buffer as two grids side by side; returns the first (the second waits
    /// in ``pendingLane``), or nil to parse the buffer in one piece.
    func readInLanes() -> TokenGrid? {
        let n = source.filled
        guard !isArray, n >= Self.laneMinimumBytes, let second = slot(after: 1) else { return nil }
        let buf = UnsafePointer(source.buffer)
        guard let hit = memchr(buf + n / 2, 10, n - n / 2) else { return nil }
        let mid = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - buf + 1
        guard mid < n else { return nil }
        let firstGrid = grid
        let firstArena = arena
        let known = columns.names.count
        let a = Lane(grid: firstGrid, arena: firstArena, columns: columns, from: 0, to: mid, final: false, line: line)
        useSlot(second)
        let b = Lane(grid: grid, arena: arena, columns: columns.copy(), from: mid, to: n, final: source.atEOF, line: 1)
        let job = LaneJob(reader: self, lane: b, buf: buf)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            job.run()
            done.signal()
        }
        parse(a, buf: buf)
        done.wait()
        useSlot(ringIndex)  // back to the first lane's slot
        guard !a.failed, !b.failed, a.reachedEnd, a.consumed == mid, firstGrid.rowCount > 0, b.grid.rowCount > 0,
            columns.names.count == known, b.columns.names.count == known
        else {
            laneSplits.undone += 1
            return nil
        }
        laneSplits.kept += 1
        // The second half's lines counted from 1: shift them to where the first half ended.
        let shift = a.line - 1
        for r in 0..<b.grid.rowCount { b.grid.rowLines[r] += shift }
        line = b.line + shift
        pendingConsumed = b.consumed
        moveRing(to: second)
        pendingLane = b
        return handOut(firstGrid, arena: firstArena)
    }

    /// Parses the whole records of `lane`'s part of the buffer into its grid.
    func parse(_ lane: Lane, buf: UnsafePointer<UInt8>) {
        let grid = lane.grid
        startFilling(grid, arena: lane.arena, columns: lane.columns)
        var parser = JSONRecordParser(
            buf: buf, n: lane.to, final: lane.final, bufferOffset: source.bufferOffset, arena: lane.arena, grid: grid,
            columns: lane.columns, options: options, pos: lane.from, line: lane.line)
        while grid.rowCount < grid.rowCapacity {
            let arenaMark = lane.arena.count
            guard parser.skipSpace() else {
                lane.consumed = parser.pos
                lane.line = parser.line
                lane.reachedEnd = true
                return
            }
            do {
                try parser.parseNextRow()
            } catch {
                guard case .incomplete = error, !lane.final else {
                    lane.failed = true
                    return
                }
                parser.takeBack(arenaMark: arenaMark)
                return
            }
            lane.consumed = parser.pos
            lane.line = parser.line
        }
    }
}

/// The second lane's work, run on another thread while the reader parses the first.
private struct LaneJob: @unchecked Sendable {
    let reader: JSONReader
    let lane: JSONReader.Lane
    let buf: UnsafePointer<UInt8>

    func run() { reader.parse(lane, buf: buf) }
}
