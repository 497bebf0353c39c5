import LakeCore

/// A source of landing events other than `lake ingest`: e.g. a watcher over the raw directory.
/// Delivery is at-least-once: events are acknowledged only after they are on the catalog queue,
/// and the catalog step is idempotent.
public protocol LandingSource: Sendable {
    /// Events since the last acknowledged poll.
    func poll() async throws -> [LandingEvent]
    /// Marks events as delivered.
    func acknowledge(_ events: [LandingEvent]) async throws
}

/// Moves a landing source's events onto the catalog queue.
struct LandingService: LakeService {
    let env: LakeEnvironment
    let topology: Topology
    let source: any LandingSource
    var name: String { "landing" }

    func step(drain: Bool) async throws -> Bool {
        let events = try await source.poll()
        if events.isEmpty { return false }
        let messages = try events.map { OutgoingMessage(body: try MessageCodec.encode($0)) }
        try await env.queues.sendAll(messages, to: topology.names.catalog)
        try await source.acknowledge(events)
        return true
    }
}
