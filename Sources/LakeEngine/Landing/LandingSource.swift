import LakeCore

/// A source of landing events other than `lake ingest`: e.g. a watcher over the raw directory.
/// Delivery is at-least-once: a source counts events as delivered only once `deliver` returns,
/// and the catalog step is idempotent.
public protocol LandingSource: Sendable {
    /// Hands new events to `deliver`; returns how many were delivered.
    func poll(deliver: @escaping @Sendable ([LandingEvent]) async throws -> Void) async throws -> Int
}

/// Moves a landing source's events onto the catalog queue.
struct LandingService: LakeService {
    let env: LakeEnvironment
    let topology: Topology
    let source: any LandingSource
    var name: String { "landing" }

    func step(drain: Bool) async throws -> Bool {
        let queues = env.queues
        let catalog = topology.names.catalog
        let delivered = try await source.poll { events in
            let messages = try events.map { OutgoingMessage(body: try MessageCodec.encode($0)) }
            try await queues.sendAll(messages, to: catalog)
        }
        return delivered > 0
    }
}
