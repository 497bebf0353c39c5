import Foundation
import LakeFormats
import Testing

/// Seeded mutations of valid inputs (bit flips, interesting bytes and integers, cuts,
/// insertions, deletions, duplicated ranges), for the readers' fuzz tests. Deterministic: the
/// same seed gives the same mutants.
struct Mutator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    /// A uniform-ish integer in `0..<n` (xorshift64*).
    mutating func next(_ n: Int) -> Int {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return Int((state &* 0x2545_F491_4F6C_DD1D) >> 33) % max(n, 1)
    }

    /// `input` with 1 to 4 mutations; `extraBytes` are the bytes worth inserting for the format
    /// (delimiters, quotes, Thrift type nibbles).
    mutating func mutate(_ input: [UInt8], extraBytes: [UInt8] = [], focus: Range<Int>? = nil) -> [UInt8] {
        var bytes = input
        let interesting: [UInt8] = [0, 1, 0x7F, 0x80, 0xFF, 0x0F, 0x10, 0x15, 0x16, 0x18, 0x19, 0x1C] + extraBytes
        let integers: [UInt32] = [0, 1, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x4000_0000, 255, 65_536]
        for _ in 0..<(1 + next(4)) {
            guard !bytes.isEmpty else { return bytes }
            // Half the edits land in the focus range (e.g. a Parquet footer) when there is one.
            var at = next(bytes.count)
            if let focus, next(2) == 0, focus.lowerBound < min(focus.upperBound, bytes.count) {
                at = focus.lowerBound + next(min(focus.upperBound, bytes.count) - focus.lowerBound)
            }
            switch next(8) {
            case 0: bytes[at] ^= UInt8(1 << next(8))
            case 1: bytes[at] = UInt8(truncatingIfNeeded: next(256))
            case 2: bytes[at] = interesting[next(interesting.count)]
            case 3:
                let value = integers[next(integers.count)]
                for k in 0..<4 where at + k < bytes.count { bytes[at + k] = UInt8(truncatingIfNeeded: value >> (8 * k)) }
            case 4: bytes.removeSubrange(at...)
            case 5: bytes.insert(contentsOf: (0..<(1 + next(8))).map { _ in interesting[next(interesting.count)] }, at: at)
            case 6: bytes.removeSubrange(at..<min(bytes.count, at + 1 + next(16)))
            default:
                let length = min(bytes.count - at, 1 + next(64))
                bytes.insert(contentsOf: bytes[at..<(at + length)], at: next(bytes.count))
            }
        }
        return bytes
    }
}

/// Fuzz iterations: `default`, or LAKE_FUZZ_ITERATIONS for a longer run by hand.
func fuzzIterations(_ default: Int) -> Int {
    ProcessInfo.processInfo.environment["LAKE_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? `default`
}

/// What went wrong during a fuzz run, collected on the worker thread and checked by the test.
final class Findings: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    private var counts: [String: Int] = [:]

    /// Notes a problem (kept: the first 20).
    func problem(_ text: String) { lock.withLock { if items.count < 20 { items.append(text) } } }
    /// Counts an outcome (e.g. "ok", "corrupt").
    func count(_ outcome: String) { lock.withLock { counts[outcome, default: 0] += 1 } }
    var problems: [String] { lock.withLock { items } }
    var outcomes: [String: Int] { lock.withLock { counts } }
}

/// Runs fuzz iterations on a worker thread so a hang fails the test instead of stalling it:
/// each call to `body` must finish within `perInput`, and all of them within `total`.
enum BoundedRun {
    final class Progress: @unchecked Sendable {
        private let lock = NSLock()
        private var _iteration = 0
        private var _slowest: Duration = .zero
        private var _finished = false
        var iteration: Int { lock.withLock { _iteration } }
        var slowest: Duration { lock.withLock { _slowest } }
        var finished: Bool { lock.withLock { _finished } }
        func record(_ i: Int, _ elapsed: Duration) {
            lock.withLock {
                _iteration = i
                _slowest = max(_slowest, elapsed)
            }
        }
        func finish() { lock.withLock { _finished = true } }
    }

    /// Calls `body(i)` for i in 0..<iterations; records an issue when one call or the whole run
    /// takes too long. Returns the slowest call.
    @discardableResult
    static func run(
        _ iterations: Int, perInput: Duration = .seconds(5), total: Duration = .seconds(120),
        _ body: @escaping @Sendable (Int) -> Void
    ) -> Duration {
        let progress = Progress()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let clock = ContinuousClock()
            for i in 0..<iterations {
                let elapsed = clock.measure { body(i) }
                progress.record(i, elapsed)
            }
            progress.finish()
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        let deadline = DispatchTime.now() + .seconds(Int(total.components.seconds))
        if done.wait(timeout: deadline) == .timedOut {
            Issue.record("fuzzing hung or ran too long: stuck at iteration \(progress.iteration + 1) of \(iterations)")
        }
        #expect(progress.slowest < perInput, "slowest input took \(progress.slowest)")
        return progress.slowest
    }
}
