import Foundation
import Synchronization
import Testing

@testable import LakeFormats

/// The writer's lanes run every job once, never two jobs on one scratch at the same time, and
/// after a failure report the earliest failing job's error.
@Suite("Column lanes")
struct ColumnLanesTests {
    struct Failure: Error, Equatable { let job: Int }

    /// Counts job runs and the jobs using each scratch at once.
    final class Tally: @unchecked Sendable {
        let lock = NSLock()
        var runs: [Int] = []
        var busy: [ObjectIdentifier: Int] = [:]
        var overlapped = false

        func enter(_ job: Int, _ scratch: PageScratch) {
            lock.withLock {
                runs.append(job)
                busy[ObjectIdentifier(scratch), default: 0] += 1
                if busy[ObjectIdentifier(scratch), default: 0] > 1 { overlapped = true }
            }
        }

        func leave(_ scratch: PageScratch) {
            lock.withLock { busy[ObjectIdentifier(scratch), default: 0] -= 1 }
        }
    }

    @Test("every job runs once, each scratch serves one job at a time", arguments: [1, 2, 4])
    func everyJobOnce(lanes: Int) throws {
        let tally = Tally()
        try ColumnLanes(count: lanes).run(200) { job, scratch in
            tally.enter(job, scratch)
            defer { tally.leave(scratch) }
            // A little work so lanes overlap.
            var x: UInt64 = UInt64(job)
            for _ in 0..<20_000 { x = x &* 6_364_136_223_846_793_005 &+ 1 }
            scratch.body.appendLE(UInt32(truncatingIfNeeded: x))
        }
        #expect(tally.runs.sorted() == Array(0..<200))
        #expect(!tally.overlapped)
    }

    @Test("the earliest failing job's error is thrown; every job before it ran", arguments: [1, 2, 4])
    func earliestFailure(lanes: Int) {
        let tally = Tally()
        #expect(throws: Failure(job: 17)) {
            try ColumnLanes(count: lanes).run(60) { job, scratch in
                tally.enter(job, scratch)
                defer { tally.leave(scratch) }
                if job == 17 || job == 42 { throw Failure(job: job) }
            }
        }
        let ran = Set(tally.runs)
        #expect(ran.isSuperset(of: 0...17))
        #expect(tally.runs.count == ran.count)
        if lanes == 1 { #expect(ran == Set(0...17)) }
    }
}
