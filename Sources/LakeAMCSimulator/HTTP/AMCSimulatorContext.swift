import Hummingbird

/// The simulator's request context: Hummingbird's core context with room for large SQL bodies.
struct AMCSimulatorContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Bodies larger than this are refused (413).
    var maxUploadSize: Int { 8 << 20 }

    init(source: Source) {
        coreContext = .init(source: source)
    }
}
