import Foundation
import LakeCore

/// WLM ordering of levels with aging: a queue whose oldest message has waited longer than its
/// level's `max_wait` is treated as the next level up, so no level starves.
public struct AgingPolicy: Sendable {
    public var levels: [String]
    public var maxWait: [String: Duration]

    public init(wlm: WLMConfig) {
        levels = wlm.effectiveLevels
        maxWait = wlm.maxWait
    }

    /// 0 for the highest level; an aged queue ranks one above its level.
    public func rank(level: String, oldestSentAt: Date?, now: Date) -> Int {
        let index = levels.firstIndex(of: level) ?? (levels.count - 1)
        if isAged(level: level, oldestSentAt: oldestSentAt, now: now) { return max(0, index - 1) }
        return index
    }

    /// Whether the oldest message of a queue at `level` has waited past the level's `max_wait`.
    public func isAged(level: String, oldestSentAt: Date?, now: Date) -> Bool {
        guard let limit = maxWait[level], let oldestSentAt else { return false }
        return now.timeIntervalSince(oldestSentAt) >= limit.seconds
    }
}
