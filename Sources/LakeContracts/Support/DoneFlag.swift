import Synchronization

/// A flag one task sets and another polls.
final class DoneFlag: Sendable {
    private let value = Atomic<Bool>(false)
    /// Sets the flag.
    func set() { value.store(true, ordering: .sequentiallyConsistent) }
    /// Whether the flag is set.
    var isSet: Bool { value.load(ordering: .sequentiallyConsistent) }
}
