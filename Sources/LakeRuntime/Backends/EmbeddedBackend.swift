import Foundation
import LakeCore
import LakeEmbedded
import LakeEngine

/// Opens the embedded adapters (files and SQLite) of a lake directory.
enum EmbeddedBackend {
    /// The lake directory of `storage`, relative paths resolved against the config's directory.
    static func directory(_ storage: EmbeddedStorageConfig, config: LakeConfig) -> URL {
        if storage.path.hasPrefix("/") { return URL(fileURLWithPath: storage.path).standardizedFileURL }
        return config.baseDirectory.appendingPathComponent(storage.path).standardizedFileURL
    }

    /// Opens (creating when needed) the lake, and its transforms' scratch directory.
    static func open(_ storage: EmbeddedStorageConfig, config: LakeConfig, clock: any LakeClock) throws -> (EmbeddedLake, work: URL) {
        let directory = directory(storage, config: config)
        let lake = try EmbeddedLake.open(directory: directory, clock: clock)
        let work = directory.appendingPathComponent("state/work", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        } catch {
            throw LakeError(.io, "cannot create the work directory \(work.path)", hint: "check that the lake directory is writable",
                            context: ["directory": work.path], underlying: SendableErrorBox(error))
        }
        return (lake, work)
    }

    /// Opens an existing lake without creating anything; a missing one is a one-line `.notFound`.
    static func openExisting(_ storage: EmbeddedStorageConfig, config: LakeConfig, clock: any LakeClock) throws -> (EmbeddedLake, work: URL) {
        let directory = directory(storage, config: config)
        let layout = EmbeddedLake.Layout(directory: directory)
        guard FileManager.default.fileExists(atPath: layout.octagon.path) else {
            throw LakeError(.notFound, "no lake at \(directory.path) yet: `lake ingest`, `lake process` or `lake run` creates it")
        }
        let lake = try EmbeddedLake.openExisting(directory: directory, clock: clock)
        return (lake, directory.appendingPathComponent("state/work", isDirectory: true))
    }
}

/// Feeds the raw-directory watcher's changes to the engine as landing events; the watcher's
/// ledger records them only after they are on the catalog queue.
struct WatcherLandingSource: LandingSource {
    let watcher: RawDirectoryWatcher
    let clock: any LakeClock

    func poll(deliver: @escaping @Sendable ([LandingEvent]) async throws -> Void) async throws -> Int {
        let clock = self.clock
        return try await watcher.scan { changes in
            try await deliver(changes.map { change in
                switch change.kind {
                case .deleted:
                    return LandingEvent(kind: .removed, key: change.location.key.rawValue, at: clock.now())
                case .created, .modified:
                    return LandingEvent(
                        kind: .created, key: change.location.key.rawValue, size: change.info?.size,
                        contentHash: change.info?.contentHash, at: clock.now())
                }
            })
        }.count
    }
}
