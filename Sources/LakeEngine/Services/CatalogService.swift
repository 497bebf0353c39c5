import Foundation
import LakeCore
import Logging

/// SDLF steps 2-3: consumes landing events (ours, or S3 event notifications of the raw bucket:
/// see ``CatalogMessage``), writes (or deletes) the raw object's metadata, and
/// routes it to its team-pipeline's stage-A FIFO queue (group `<team>-<dataset>`). Objects that
/// cannot be routed go to the routing dead-letter queue with the reason, never lost.
public struct CatalogService: LakeService {
    let env: LakeEnvironment
    let topology: Topology
    let priorities: PriorityBook
    /// Where raw objects sit in S3 event notifications (nil for stores that send none).
    let rawZone: RawZoneAddress?
    public var name: String { "catalog" }

    public init(env: LakeEnvironment, topology: Topology, priorities: PriorityBook) {
        self.env = env
        self.topology = topology
        self.priorities = priorities
        self.rawZone = RawZoneAddress(objects: env.objects)
    }

    public func step(drain: Bool) async throws -> Bool {
        let queue = topology.names.catalog
        // The catalog step is cheap per event, so it takes up to 100 at a time: routing then
        // runs well ahead of stage A, and WLM sees a HIGH object soon after it lands.
        // A receive is a write; an idle queue is told by a read (the step runs whenever any queue
        // sees activity).
        guard try await env.queues.readiness(queue).hasVisible else { return false }
        // Up to 100 messages or 100 events, whichever comes first (`lake ingest` sends 64 a message).
        let now = env.clock.now()
        var messages: [ReceivedMessage] = []
        var decoded: [Result<[LandingEvent], any Error>] = []
        var eventCount = 0
        while messages.count < 100 && eventCount < 100 {
            let got = try await env.timings.measure("catalog 1 receive") {
                try await env.queues.receive(from: queue, maxMessages: 10, visibilityTimeout: nil)
            }
            for message in got {
                // One message may carry several events (a batch, S3 notifications), or none (S3's test event).
                let events = Result { try CatalogMessage.landingEvents(in: message.body, queue: queue, raw: rawZone, now: now) }
                eventCount += (try? events.get().count) ?? 1
                decoded.append(events)
            }
            messages += got
            if got.count < 10 { break }
        }
        if messages.isEmpty { return false }
        var records: [ObjectRecord] = []
        var removals: [String] = []
        var routed: [QueueName: [(DatasetRef, StageAMessage.Object)]] = [:]
        var unroutable: [(message: ReceivedMessage, body: String, reason: String)] = []
        var done: [ReceivedMessage] = []
        let heads = await env.timings.measure("catalog 2 head objects") { await headAll(decoded.flatMap { (try? $0.get()) ?? [] }) }
        for (message, decodedEvents) in zip(messages, decoded) {
            do {
                let events = try decodedEvents.get()
                var reasons: [String] = []
                var failed: [LandingEvent] = []
                for event in events {
                    guard let key = try? ObjectKey(event.key) else {
                        reasons.append("the key '\(event.key)' is not a valid object key")
                        failed.append(event)
                        continue
                    }
                    let location = ObjectLocation(.raw, key)
                    switch event.kind {
                    case .removed:
                        removals.append(env.objects.uri(for: location))
                    case .created:
                        var head = heads[key]
                        if head == nil { head = try await env.objects.head(location) }
                        // Gone again before we looked: a removal event follows or already ran.
                        guard let info = head ?? nil else { continue }
                        let parts = RawKeyParts(key)
                        records.append(ObjectRecord(
                            id: env.objects.uri(for: location), zone: .raw, key: key.rawValue, bucket: env.objects.container(of: .raw),
                            size: info.size, lastModified: info.modifiedAt, timestamp: now, contentHash: info.contentHash,
                            team: parts?.dataset.team, dataset: parts?.dataset.dataset, table: parts?.table,
                            pipeline: parts.flatMap { topology.datasets[$0.dataset]?.pipeline.name }, pipelineStage: "raw"))
                        switch route(key: key, parts: parts) {
                        case .failure(let reason):
                            reasons.append(reason)
                            failed.append(event)
                        case .success(let unit):
                            guard let parts else { continue }
                            let level = try await priorities.level(team: parts.dataset.team, dataset: parts.dataset.dataset, table: parts.table)
                            guard let target = unit.queue(level: level) else { continue }
                            routed[target, default: []].append(
                                (parts.dataset, StageAMessage.Object(key: key.rawValue, contentHash: info.contentHash, table: parts.table)))
                        }
                    }
                }
                if reasons.isEmpty {
                    done.append(message)
                } else if failed.count < events.count {
                    // Only what could not be routed goes to the dead-letter queue; the rest is routed.
                    unroutable.append((message, try MessageCodec.encode(LandingEvents(events: failed)), reasons.joined(separator: "; ")))
                } else {
                    unroutable.append((message, message.body, reasons.joined(separator: "; ")))
                }
            } catch {
                env.logger.warning("catalog step failed for a message; it will be retried", metadata: ["error": "\(error)"])
                try await env.queues.fail(message, in: queue, error: "\(error)", retryAfter: env.tuning.retryDelay)
            }
        }
        if !records.isEmpty {
            // One object may arrive twice in a batch (on AWS: `lake ingest`'s own event and S3's
            // notification); its row is written once and it is routed once.
            records = Self.lastPerId(records)
            try await env.timings.measure("catalog 3 upsert objects") { try await env.metadata.upsertObjects(records) }
            for landed in Dictionary(grouping: records, by: { "\($0.team ?? "-")/\($0.dataset ?? "-")" }).values {
                LakeMetrics.landed(landed.count, team: landed.first?.team, dataset: landed.first?.dataset)
            }
        }
        for id in removals { try await env.metadata.deleteObject(id: id) }
        for (message, body, reason) in unroutable {
            try await deadLetterRouting(message, body: body, reason: reason, at: now)
            done.append(message)
        }
        // The routed keys and the deletes of their events in one queue step: the object rows
        // are durable by now, and a crash before it delivers the events again.
        let outgoing = try routed.mapValues { try Self.pack($0, per: env.tuning.stageAObjectsPerMessage) }
        try await env.timings.measure("catalog 4 send and delete") {
            try await env.queues.settle(sending: outgoing, deleting: done.map(\.receipt), from: queue)
        }
        return true
    }

    /// The records with each id once (its last occurrence), in first-seen order.
    static func lastPerId(_ records: [ObjectRecord]) -> [ObjectRecord] {
        var latest: [String: ObjectRecord] = [:]
        var order: [String] = []
        for record in records where latest.updateValue(record, forKey: record.id) == nil { order.append(record.id) }
        return order.compactMap { latest[$0] }
    }

    /// Stage-A messages for the objects routed to one queue: each dataset's objects in order,
    /// each object once (an object may arrive twice in a batch), up to `per` objects a message.
    static func pack(_ routed: [(DatasetRef, StageAMessage.Object)], per: Int) throws -> [OutgoingMessage] {
        var order: [DatasetRef] = []
        var byDataset: [DatasetRef: [StageAMessage.Object]] = [:]
        var seen = Set<StageAMessage.Object>()
        for (dataset, object) in routed where seen.insert(object).inserted {
            if byDataset[dataset] == nil { order.append(dataset) }
            byDataset[dataset, default: []].append(object)
        }
        var messages: [OutgoingMessage] = []
        for dataset in order {
            let objects = byDataset[dataset] ?? []
            for start in stride(from: 0, to: objects.count, by: max(1, per)) {
                let body = StageAMessage(team: dataset.team, dataset: dataset.dataset, objects: Array(objects[start..<min(start + max(1, per), objects.count)]))
                messages.append(OutgoingMessage(body: try MessageCodec.encode(body), groupId: dataset.id, deduplicationId: body.deduplicationId))
            }
        }
        return messages
    }

    /// HEADs the objects of created events, 16 at a time (on S3 each is a round trip). Objects
    /// whose HEAD failed are left out; the step asks again and fails that message.
    private func headAll(_ events: [LandingEvent]) async -> [ObjectKey: ObjectInfo?] {
        let keys = Array(Set(events.filter { $0.kind == .created }.compactMap { try? ObjectKey($0.key) }))
        let objects = env.objects
        return await withTaskGroup(of: (ObjectKey, ObjectInfo??).self) { group in
            var found: [ObjectKey: ObjectInfo?] = [:]
            var next = 0
            func add() {
                let key = keys[next]
                group.addTask { (key, try? await objects.head(ObjectLocation(.raw, key))) }
                next += 1
            }
            while next < min(16, keys.count) { add() }
            while let (key, info) = await group.next() {
                if let info { found[key] = info }
                if next < keys.count { add() }
            }
            return found
        }
    }

    private enum Route {
        case success(Topology.StageAUnit)
        case failure(String)
    }

    private func route(key: ObjectKey, parts: RawKeyParts?) -> Route {
        guard let parts else {
            return .failure("'\(key)' has fewer than three path segments; raw keys are <team>/<dataset>/[<table>/]<file>")
        }
        let ref = parts.dataset
        guard env.config.team(named: ref.team) != nil else {
            return .failure("team '\(ref.team)' is not defined in lake.yaml (key '\(key)')")
        }
        guard let unit = topology.datasets[ref] else {
            return .failure("dataset '\(ref.dataset)' of team '\(ref.team)' is not defined in lake.yaml (key '\(key)')")
        }
        guard let stageA = topology.stageAUnit(of: unit) else {
            return .failure("no stage-A queue for pipeline '\(unit.pipeline.name)' of team '\(ref.team)'")
        }
        return .success(stageA)
    }

    private func deadLetterRouting(_ message: ReceivedMessage, body: String, reason: String, at now: Date) async throws {
        var attributes = message.attributes
        attributes[DeadLetterAttribute.error] = reason
        attributes[DeadLetterAttribute.sourceQueue] = topology.names.catalog.rawValue
        attributes[DeadLetterAttribute.failedAt] = ISO8601DateFormatter().string(from: now)
        try await env.queues.send([OutgoingMessage(body: body, attributes: attributes)], to: topology.names.routingDeadLetter)
        LakeMetrics.deadLettered(queue: topology.names.routingDeadLetter, stage: nil)
        let parts = (try? CatalogMessage.landingEvents(in: body, queue: topology.names.catalog, raw: rawZone, now: now))?
            .compactMap { try? ObjectKey($0.key) }.compactMap(RawKeyParts.init).first
        env.onNotification?(LakeNotification(
            kind: .deadLettered, team: parts?.dataset.team, dataset: parts?.dataset.dataset, message: "routing: \(reason)",
            hint: "fix lake.yaml, then `lake redrive --routing`", at: now))
        try await env.metadata.recordEvent(EventRecord(
            id: env.ids.next(), at: now, kind: "routing.dead-letter", message: reason, details: ["messageId": message.messageId]))
        env.logger.warning("routing dead-letter", metadata: ["reason": "\(reason)"])
    }
}
