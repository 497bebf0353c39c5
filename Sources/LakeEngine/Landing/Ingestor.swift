import Foundation
import LakeCore

/// `lake ingest`: copies local files into raw as `<team>/<dataset>/[<table>/]<name>` and emits
/// their landing events. Directories are walked; files keep their path relative to the
/// directory. The object is durable before its event is sent.
public struct Ingestor: Sendable {
    let env: LakeEnvironment
    public init(env: LakeEnvironment) { self.env = env }

    /// One landed file.
    public struct Landed: Sendable {
        public var source: String
        public var info: ObjectInfo
    }

    /// Plans the keys for `paths` without writing anything; throws on any invalid key or missing file.
    public func plan(paths: [URL], dataset: DatasetRef, table: String?) throws -> [(URL, ObjectKey)] {
        var prefix = "\(dataset.team)/\(dataset.dataset)/"
        if let table {
            guard LakeNames.isValidTable(table) else {
                throw LakeError(.invalidName, "invalid table name '\(table)'", hint: "use lower-case letters, digits and '_'")
            }
            prefix += "\(table)/"
        }
        var planned: [(URL, ObjectKey)] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path.path, isDirectory: &isDirectory) else {
                throw LakeError(.usage, "no such file: \(path.path)", hint: "check the path")
            }
            if isDirectory.boolValue {
                for relative in try Self.regularFiles(under: path.standardizedFileURL.path) {
                    planned.append((path.appendingPathComponent(relative), try ObjectKey(prefix + relative)))
                }
            } else {
                planned.append((path, try ObjectKey(prefix + path.lastPathComponent)))
            }
        }
        return planned
    }

    /// The regular files under `directory` (symbolic links and hidden names left out), as
    /// paths relative to it, sorted. One `lstat` per entry: Foundation's directory enumerator
    /// also looked up each file's owner and group names (three files read per file).
    static func regularFiles(under directory: String) throws -> [String] {
        var found: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let absolute = relative.isEmpty ? directory : directory + "/" + relative
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: absolute)
            } catch {
                throw LakeError(.io, "cannot list \(absolute): \(error.localizedDescription)", hint: "check that the directory is readable")
            }
            for name in names where !name.hasPrefix(".") {
                let child = relative.isEmpty ? name : relative + "/" + name
                var status = stat()
                guard lstat(directory + "/" + child, &status) == 0 else { continue }
                switch status.st_mode & S_IFMT {
                case S_IFREG: found.append(child)
                case S_IFDIR: pending.append(child)
                default: continue
                }
            }
        }
        return found.sorted()
    }

    /// Lands the planned files, 64 at a time: stores each chunk's objects behind one
    /// durability barrier (``ObjectStore/putFiles(_:consume:)``), then sends their landing
    /// events in one message (``LandingEvents``), while the next chunk is being stored. An object is durable
    /// before its event is sent, and the event is durable before the chunk counts as landed:
    /// what `ingest` reports landed survives a power loss. Events go out in plan order.
    public func ingest(_ planned: [(URL, ObjectKey)], progress: (@Sendable (Int) -> Void)? = nil) async throws -> [Landed] {
        var landed: [Landed] = []
        landed.reserveCapacity(planned.count)
        let catalog = QueueNaming(environment: env.config.environment).catalog
        let chunks = stride(from: 0, to: planned.count, by: 64).map { Array(planned[$0..<min($0 + 64, planned.count)]) }
        let env = self.env
        func store(_ chunk: [(URL, ObjectKey)]) -> Task<[ObjectInfo], any Error> {
            Task {
                try await env.timings.measure("ingest 1 put objects") {
                    try await env.objects.putAllFiles(chunk.map { ($0.0, ObjectLocation(.raw, $0.1)) }, consume: false)
                }
            }
        }
        var next = chunks.first.map(store)
        defer { next?.cancel() }
        for (index, chunk) in chunks.enumerated() {
            guard let stored = next else { break }
            let infos = try await stored.value
            next = index + 1 < chunks.count ? store(chunks[index + 1]) : nil
            let now = env.clock.now()
            // The chunk's events travel in one message (the catalog step takes it as one).
            let events = LandingEvents(events: infos.map { info in
                LandingEvent(kind: .created, key: info.location.key.rawValue, size: info.size, contentHash: info.contentHash, at: now)
            })
            let message = OutgoingMessage(body: try MessageCodec.encode(events))
            try await env.timings.measure("ingest 2 send events") {
                try await env.queues.settle(sending: [catalog: [message]], deleting: [], from: catalog)
            }
            for (offset, info) in infos.enumerated() { landed.append(Landed(source: chunk[offset].0.path, info: info)) }
            progress?(landed.count)
        }
        return landed
    }

    /// Sends a removal event for an object deleted from raw, so its metadata row goes too.
    public func removed(key: ObjectKey) async throws {
        let event = LandingEvent(kind: .removed, key: key.rawValue, at: env.clock.now())
        try await env.queues.send([OutgoingMessage(body: try MessageCodec.encode(event))], to: QueueNaming(environment: env.config.environment).catalog)
    }
}
