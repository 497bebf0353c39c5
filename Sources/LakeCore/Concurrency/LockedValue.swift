import Synchronization

/// A value behind a mutex, for small bits of shared state in `Sendable` classes.
public final class LockedValue<T: Sendable>: Sendable {
    private let mutex: Mutex<T>
    public init(_ value: T) { mutex = Mutex(value) }
    public var value: T { mutex.withLock { $0 } }
    public func set(_ value: T) { mutex.withLock { $0 = value } }
    /// Mutates the value under the lock and returns what `body` returns.
    @discardableResult
    public func update<R: Sendable>(_ body: (inout T) -> R) -> R { mutex.withLock { body(&$0) } }
}
