import Foundation
import Synchronization
import Testing

/// A task executor with a thread per job when every thread is busy (up to a cap), for tests
/// that wait synchronously — on a `lake` child process, python3, the AWS CLI. Swift's global
/// pool has one thread per core (two here) and does not grow when one blocks, so such tests
/// used to stall every other test's tasks: a 200 ms `Task.sleep` measured during a full run
/// came back up to 52 s late, and real-time checks (SQS leases, credential refresh, the WFM
/// status sync) failed in CI now and then.
public final class ElasticExecutor: TaskExecutor, @unchecked Sendable {
    /// The executor blocking test suites share.
    public static let shared = ElasticExecutor(maxThreads: 256)

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var idle = 0
    private var threads = 0
    private let maxThreads: Int

    init(maxThreads: Int) { self.maxThreads = maxThreads }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        let spawn = idle == 0 && threads < maxThreads
        if spawn { threads += 1 }
        condition.signal()
        condition.unlock()
        guard spawn else { return }
        let thread = Thread { [self] in work() }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func work() {
        while true {
            condition.lock()
            idle += 1
            while jobs.isEmpty { condition.wait() }
            idle -= 1
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// Runs each test of a suite (or one test) on ``ElasticExecutor``, at most
/// ``BlockingTrait/permits`` of them at once: for tests that block a thread while they wait
/// for another program. The other tests keep Swift's global pool to themselves, and the
/// programs these tests start (python3 with pyarrow, `lake` processes) do not all run at once.
/// `@Suite(.blocking)` or `@Test(.blocking)`.
public struct BlockingTrait: SuiteTrait, TestTrait, TestScoping {
    /// How many blocking tests run at once.
    public static let permits = TestPermits(4)

    public var isRecursive: Bool { true }

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        // Suites get their scope per test case; the suite itself needs none.
        guard testCase != nil else { return try await function() }
        await Self.permits.acquire()
        defer { Self.permits.release() }
        try await withTaskExecutorPreference(ElasticExecutor.shared) { try await function() }
    }
}

/// A counting semaphore whose waiters suspend instead of blocking a thread.
public final class TestPermits: Sendable {
    private struct State {
        var free: Int
        var waiters: [CheckedContinuation<Void, Never>] = []
    }
    private let state: Mutex<State>

    /// `count` permits.
    public init(_ count: Int) { state = Mutex(State(free: count)) }

    /// Takes a permit, waiting for one if none is free.
    public func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { s -> Bool in
                if s.free > 0 {
                    s.free -= 1
                    return true
                }
                s.waiters.append(continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Gives a permit back (to the longest waiter, if any).
    public func release() {
        let next = state.withLock { s -> CheckedContinuation<Void, Never>? in
            if s.waiters.isEmpty {
                s.free += 1
                return nil
            }
            return s.waiters.removeFirst()
        }
        next?.resume()
    }
}

extension Trait where Self == BlockingTrait {
    /// The tests wait synchronously for other programs: run them off Swift's global pool, a
    /// few at a time.
    public static var blocking: Self { BlockingTrait() }
}
