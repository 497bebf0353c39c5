import Foundation
import GRDB
import LakeCore
import Synchronization

/// Finds files dropped straight into the raw zone's directory (not through `lake ingest`) by
/// polling: each scan walks `<root>/raw` and compares every file's size and modification time
/// with a durable ledger (an SQLite table keyed by key), reporting files created, modified and
/// deleted since the last scan.
///
/// - Files still being written are left for a later scan: a file modified less than
///   ``Options/settleTime`` ago (injected clock against the file's mtime) is not reported, and
///   not reported deleted either.
/// - Temporary and hidden files (``isIgnored(name:)``) and names that are not valid keys are
///   ignored; so are hidden directories.
/// - ``scan()`` records what it reports in the ledger in one transaction at its end: a scan
///   that fails or crashes before then reports the same changes again next time.
///   ``scan(handling:)`` records them only after its handler succeeded, which makes the whole
///   path at-least-once.
/// - ``markSeen(_:)`` records objects `lake ingest` wrote itself, so they are not reported.
/// - A scan with nothing changed costs one `stat` per file; the ledger is read from the
///   database only when another scan or `markSeen` changed it (a generation counter says so).
public final class RawDirectoryWatcher: Sendable {
    /// Settings of the watcher.
    public struct Options: Sendable {
        /// How long a file must go unmodified before it is reported.
        public var settleTime: Duration
        /// Name endings of temporary files to ignore, besides hidden (`.`-prefixed) names.
        public var ignoredSuffixes: [String]
        /// Creates options.
        public init(
            settleTime: Duration = .seconds(1),
            ignoredSuffixes: [String] = ["~", ".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".swp", ".swx"]
        ) {
            self.settleTime = settleTime
            self.ignoredSuffixes = ignoredSuffixes
        }
    }

    /// One ledger row: what a file looked like when last reported or marked seen.
    struct Seen: Sendable, Equatable {
        var size: Int64
        var modifiedAt: Double
    }

    let objects: FileObjectStore
    let store: SQLiteStore
    let clock: any LakeClock
    let options: Options
    /// The ledger as last read, with the generation it was read at.
    let cache = Mutex<(generation: Int64, rows: [String: Seen])?>(nil)

    /// A watcher of `objects`' raw zone, keeping its ledger in the SQLite file at `ledger`.
    public init(objects: FileObjectStore, ledger: URL, clock: any LakeClock, options: Options = Options()) throws {
        self.objects = objects
        self.store = try SQLiteStore(url: ledger, code: .storage, label: "raw watcher ledger", migrator: Self.migrator, synchronous: .normal)
        self.clock = clock
        self.options = options
    }

    /// Reports the changes since the last scan and records them in the ledger before returning.
    public func scan() async throws -> [RawChange] {
        let (changes, _) = try await pendingChanges()
        try await record(changes)
        return changes
    }

    /// Reports the changes since the last scan to `handler` and records them only when it
    /// returns: if it throws or the process dies first, the next scan reports them again.
    /// Returns the changes handled.
    @discardableResult
    public func scan(handling handler: @Sendable ([RawChange]) async throws -> Void) async throws -> [RawChange] {
        let (changes, _) = try await pendingChanges()
        guard !changes.isEmpty else { return [] }
        try await handler(changes)
        try await record(changes)
        return changes
    }

    /// Records objects written to the raw zone by SwiftLake itself, so scans do not report them.
    /// Objects of other zones are ignored.
    public func markSeen(_ infos: [ObjectInfo]) async throws {
        let rows = infos.filter { $0.location.zone == .raw }.map {
            ($0.location.key.rawValue, Seen(size: $0.size, modifiedAt: SQLiteValues.time($0.modifiedAt)))
        }
        guard !rows.isEmpty else { return }
        try await write(upserts: rows, deletes: [])
    }

    /// Records objects SwiftLake deleted from the raw zone itself, so scans do not report them.
    public func markDeleted(_ locations: [ObjectLocation]) async throws {
        let keys = locations.filter { $0.zone == .raw }.map(\.key.rawValue)
        guard !keys.isEmpty else { return }
        try await write(upserts: [], deletes: keys)
    }

    /// How long a file must go unmodified before it is reported.
    public var settleTime: Duration { options.settleTime }

    /// Whether a file name is a temporary or hidden file the watcher ignores.
    public func isIgnored(name: String) -> Bool {
        Self.isIgnored(name: name, suffixes: options.ignoredSuffixes)
    }

    static func isIgnored(name: String, suffixes: [String]) -> Bool {
        name.hasPrefix(".") || suffixes.contains { name.hasSuffix($0) }
    }

    /// Records reported changes in the ledger.
    func record(_ changes: [RawChange]) async throws {
        guard !changes.isEmpty else { return }
        var upserts: [(String, Seen)] = []
        var deletes: [String] = []
        for change in changes {
            if let info = change.info {
                upserts.append((change.location.key.rawValue, Seen(size: info.size, modifiedAt: SQLiteValues.time(info.modifiedAt))))
            } else {
                deletes.append(change.location.key.rawValue)
            }
        }
        try await write(upserts: upserts, deletes: deletes)
    }
}
