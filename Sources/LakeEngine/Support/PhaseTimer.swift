import Foundation
import Synchronization

public enum PhaseTimer {
    static let totals = Mutex<[String: (Double, Int)]>([:])
    static let clock = ContinuousClock()
    public static func measure<T>(_ name: String, _ body: () async throws -> T) async rethrows -> T {
        let start = clock.now
        defer {
            let d = clock.now - start
            let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
            totals.withLock { t in let old = t[name] ?? (0, 0); t[name] = (old.0 + s, old.1 + 1) }
        }
        return try await body()
    }
    public static func record(_ name: String, since start: ContinuousClock.Instant) {
        let d = ContinuousClock.now - start
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        totals.withLock { t in let old = t[name] ?? (0, 0); t[name] = (old.0 + s, old.1 + 1) }
    }
    public static func report() -> String {
        totals.withLock { t in t.sorted { $0.key < $1.key }.map { "\($0.key): total \(String(format: "%.2f", $0.value.0))s n=\($0.value.1) mean \(String(format: "%.2f", $0.value.0 / Double(max(1, $0.value.1)) * 1000))ms" }.joined(separator: "\n") }
    }
}
