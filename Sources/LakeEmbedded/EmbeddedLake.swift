import Foundation
import LakeCore

/// Every embedded adapter, opened on one lake directory. `lake demo` and `lake run` use this.
///
/// Layout of a lake directory:
///
/// ```
/// <dir>/raw/ stage/ analytics/ artifacts/   one directory per zone; objects are files at their keys
/// <dir>/.tmp/                               temporary files of puts in progress (never listed)
/// <dir>/state/queues.sqlite                 queues and messages (SQLiteQueueService)
/// <dir>/state/octagon.sqlite                object metadata, registry, executions (SQLiteMetadataStore)
/// <dir>/state/catalog.sqlite                databases, tables, partitions (SQLiteTableCatalog)
/// <dir>/state/watcher.sqlite                ledger of files seen in raw (RawDirectoryWatcher)
/// <dir>/state/wfm.sqlite                    the workflow manager's stores (SQLiteWorkflowStore), opened when used
/// <dir>/state/quality.sqlite                data-quality metrics and rule outcomes (SQLiteQualityStore)
/// ```
///
/// Each port has its own SQLite file so their writers never wait for one another. Every file
/// may be opened by several processes at once. After a restart, call
/// ``SQLiteQueueService/reclaimOrphanedLeases()`` so the work of a killed process comes back
/// at once.
public struct EmbeddedLake: Sendable {
    /// Where the parts of a lake directory are.
    public struct Layout: Sendable, Hashable {
        /// The lake directory.
        public let directory: URL
        /// Creates the layout of `directory`.
        public init(directory: URL) { self.directory = directory.standardizedFileURL }
        /// The directory of the SQLite files.
        public var state: URL { directory.appendingPathComponent("state", isDirectory: true) }
        /// The queue database.
        public var queues: URL { state.appendingPathComponent("queues.sqlite") }
        /// The Octagon metadata database.
        public var octagon: URL { state.appendingPathComponent("octagon.sqlite") }
        /// The catalog database.
        public var catalog: URL { state.appendingPathComponent("catalog.sqlite") }
        /// The raw watcher's ledger.
        public var watcher: URL { state.appendingPathComponent("watcher.sqlite") }
        /// The workflow manager's database.
        public var workflows: URL { state.appendingPathComponent("wfm.sqlite") }
        /// The data-quality metrics repository.
        public var quality: URL { state.appendingPathComponent("quality.sqlite") }
        /// Where provisioned WFM tenants drop their results (`landing/<customerId>/`), routed
        /// into raw under the tenant's team and dataset.
        public func landing(tenant: String) -> URL {
            directory.appendingPathComponent("landing", isDirectory: true).appendingPathComponent(tenant, isDirectory: true)
        }
        /// The directory of a zone.
        public func zone(_ zone: Zone) -> URL { directory.appendingPathComponent(zone.rawValue, isDirectory: true) }
    }

    /// Settings of the adapters.
    public struct Options: Sendable {
        /// Object store settings.
        public var objectStore: FileObjectStore.Options
        /// Raw watcher settings.
        public var watcher: RawDirectoryWatcher.Options
        /// Creates options.
        public init(objectStore: FileObjectStore.Options = .init(), watcher: RawDirectoryWatcher.Options = .init()) {
            self.objectStore = objectStore
            self.watcher = watcher
        }
    }

    /// Where everything is.
    public let layout: Layout
    /// Zones as directories.
    public let objectStore: FileObjectStore
    /// Queues.
    public let queues: SQLiteQueueService
    /// Octagon.
    public let metadata: SQLiteMetadataStore
    /// The table catalog.
    public let catalog: SQLiteTableCatalog
    /// Watches the raw zone for files dropped by hand.
    public let watcher: RawDirectoryWatcher

    /// Opens the lake in `directory`, creating its layout when needed (the zone directories
    /// too, so files can be dropped into `raw` at once) and clearing temporary files that
    /// crashed puts left more than an hour ago.
    public static func open(directory: URL, clock: any LakeClock, options: Options = Options()) throws -> EmbeddedLake {
        let layout = Layout(directory: directory)
        do {
            // Before the zones exist, so they are spread over the disk (``TopDirectoryHint``).
            try FileManager.default.createDirectory(at: layout.directory, withIntermediateDirectories: true)
            TopDirectoryHint.mark(layout.directory.path)
            for zone in Zone.allCases { try TopDirectoryHint.createSpread(layout.zone(zone)) }
            try TopDirectoryHint.createSpread(layout.state)
            try TopDirectoryHint.createSpread(layout.directory.appendingPathComponent(".tmp", isDirectory: true))
        } catch {
            throw LakeError(
                .storage, "cannot create the lake directory", hint: "check that the path is a writable directory",
                context: ["path": layout.directory.path], underlying: SendableErrorBox(error))
        }
        let objectStore = FileObjectStore(root: layout.directory, options: options.objectStore)
        try objectStore.removeStaleTemporaryFiles()
        return try adapters(layout: layout, objectStore: objectStore, clock: clock, options: options)
    }

    /// Opens a lake that exists (its Octagon database is there) without creating or removing
    /// anything: for commands that only look. A lake that does not exist is a `.notFound` error.
    public static func openExisting(directory: URL, clock: any LakeClock, options: Options = Options()) throws -> EmbeddedLake {
        let layout = Layout(directory: directory)
        guard FileManager.default.fileExists(atPath: layout.octagon.path) else {
            throw LakeError(.notFound, "no lake at \(layout.directory.path)", context: ["path": layout.directory.path])
        }
        let objectStore = FileObjectStore(root: layout.directory, options: options.objectStore)
        return try adapters(layout: layout, objectStore: objectStore, clock: clock, options: options)
    }

    private static func adapters(layout: Layout, objectStore: FileObjectStore, clock: any LakeClock, options: Options) throws -> EmbeddedLake {
        EmbeddedLake(
            layout: layout, objectStore: objectStore,
            queues: try SQLiteQueueService(url: layout.queues, clock: clock),
            metadata: try SQLiteMetadataStore(url: layout.octagon, clock: clock),
            catalog: try SQLiteTableCatalog(url: layout.catalog, clock: clock),
            watcher: try RawDirectoryWatcher(objects: objectStore, ledger: layout.watcher, clock: clock, options: options.watcher))
    }
}
