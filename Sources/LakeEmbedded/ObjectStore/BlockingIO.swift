import Dispatch
import Synchronization

/// Runs blocking file-system calls (open, write, fsync, rename) off Swift's cooperative thread
/// pool, so a slow `fsync` does not stall every other task on a 2-core machine.
///
/// The work goes round-robin to 32 serial queues rather than one concurrent queue: on Linux,
/// libdispatch runs a concurrent queue's blocks on a pool about as wide as the cores and cannot
/// tell that a block is waiting for the disk, so 32 "concurrent" flushes ran two at a time
/// (a stage-A batch's barrier took 30 ms for 100 small files). Serial queues run on threads of
/// their own, so flushes wait for the disk side by side.
enum BlockingIO {
    private static let width = 32
    private static let queues = (0..<width).map { DispatchQueue(label: "swiftlake.file-io-\($0)", qos: .userInitiated) }
    private static let next = Mutex(0)

    /// Runs `work` on an I/O queue and returns its result.
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let index = next.withLock { value -> Int in
            value = (value + 1) % width
            return value
        }
        return try await withCheckedThrowingContinuation { continuation in
            queues[index].async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
