import Dispatch

/// Runs blocking file-system calls (open, write, fsync, rename) off Swift's cooperative thread
/// pool, so a slow `fsync` does not stall every other task on a 2-core machine.
enum BlockingIO {
    private static let queue = DispatchQueue(label: "swiftlake.file-io", qos: .userInitiated, attributes: .concurrent)

    /// Runs `work` on the I/O queue and returns its result.
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
