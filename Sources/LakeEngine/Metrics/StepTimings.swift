import LakeCore

/// Wall-clock time spent in each named step of the engine, summed over a run: where the time
/// of `lake bench pipeline --profile` goes. Off unless a ``LakeEnvironment`` carries one; then
/// each measured step costs two clock reads and a lock.
///
/// Steps overlap (stage A, stage B and the catalog run at once), so the totals add up to more
/// than the run's wall time; compare a step's total with the run's length, and its mean with
/// the other steps of the same service.
public final class StepTimings: Sendable {
    /// One step's count and total seconds.
    public struct Entry: Sendable, Hashable, Codable {
        public var step: String
        public var count: Int
        public var seconds: Double
        /// Mean milliseconds per call.
        public var meanMilliseconds: Double { count == 0 ? 0 : seconds * 1000 / Double(count) }
    }

    private let totals = LockedValue<[String: (count: Int, seconds: Double)]>([:])

    /// An empty set of timings.
    public init() {}

    /// Adds one call of `step` that took `seconds`.
    public func add(_ step: String, seconds: Double) {
        totals.update { $0[step, default: (0, 0)].count += 1; $0[step, default: (0, 0)].seconds += seconds }
    }

    /// Every step measured so far, by name.
    public var entries: [Entry] {
        totals.value.map { Entry(step: $0.key, count: $0.value.count, seconds: $0.value.seconds) }.sorted { $0.step < $1.step }
    }
}

extension Optional where Wrapped == StepTimings {
    /// Runs `body`, adding its wall time to `step` when timings are on.
    func measure<T>(
        _ step: String, isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> T
    ) async rethrows -> T {
        guard let timings = self else { return try await body() }
        let clock = ContinuousClock()
        let start = clock.now
        defer { timings.add(step, seconds: (clock.now - start).seconds) }
        return try await body()
    }
}
