import Synchronization

/// A value behind a mutex, for small bits of shared state in Sendable classes.
final class LockedValue<T: Sendable>: Sendable {
    private let mutex: Mutex<T>
    init(_ value: T) { mutex = Mutex(value) }
    var value: T { mutex.withLock { $0 } }
    func set(_ value: T) { mutex.withLock { $0 = value } }
    @discardableResult
    func update<R: Sendable>(_ body: (inout T) -> R) -> R { mutex.withLock { body(&$0) } }
}
