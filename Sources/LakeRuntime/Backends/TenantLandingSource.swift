import Foundation
import LakeCore
import LakeEmbedded
import LakeEngine
import Logging
import Synchronization

/// The landing route of provisioned WFM tenants on the embedded backend: files dropped in
/// `<lake>/landing/<customerId>/` (at `<table>/<name>`, or directly, named by the SDLF table
/// rule) are moved into raw as `<team>/<dataset>/<same path>` under the tenant's `amcTeamName`
/// and `amcDatasetName`, then announced like any landing.
///
/// Files still being written (modified within the raw watcher's settle time), hidden and
/// temporary names are left for a later poll. A file is moved (renamed, durable) before its
/// event is sent; if the process dies in between, the raw watcher reports the moved file, so
/// nothing is lost. A name that is not a valid key is set aside in `.rejected/` and logged.
/// Tenants whose dataset this process's configuration does not route (provisioned after it
/// started) wait, with one log line, until the next start.
struct TenantLandingSource: LandingSource {
    let layout: EmbeddedLake.Layout
    let tenants: any TenantStore
    let objects: any ObjectStore
    let watcher: RawDirectoryWatcher
    let config: LakeConfig
    let clock: any LakeClock
    let logger: Logger
    let warned = WarnedOnce()

    func poll(deliver: @escaping @Sendable ([LandingEvent]) async throws -> Void) async throws -> Int {
        let root = layout.directory.appendingPathComponent("landing", isDirectory: true)
        guard FileManager.default.fileExists(atPath: root.path) else { return 0 }
        var delivered = 0
        for tenant in try await tenants.tenants() {
            let directory = layout.landing(tenant: tenant.id)
            let files = settledFiles(in: directory)
            guard !files.isEmpty else { continue }
            let ref = tenant.landingRef
            guard config.dataset(ref) != nil else {
                if warned.first(tenant.id) {
                    logger.warning("tenant \(tenant.id): files wait in \(directory.path) until lake restarts (its dataset \(ref) was provisioned after this process started)")
                }
                continue
            }
            for (file, relative) in files {
                guard let key = try? ObjectKey("\(ref.team)/\(ref.dataset)/\(relative)") else {
                    setAside(file, relative: relative, in: directory)
                    continue
                }
                let info = try await objects.putFile(file, at: ObjectLocation(.raw, key), consume: true)
                try await deliver([LandingEvent(kind: .created, key: key.rawValue, size: info.size, contentHash: info.contentHash, at: clock.now())])
                try await watcher.markSeen([info])
                delivered += 1
            }
        }
        return delivered
    }

    /// Regular files under `directory` unmodified for the settle time, with their paths
    /// relative to it, in path order; hidden and temporary names and hidden directories skipped.
    private func settledFiles(in directory: URL) -> [(URL, String)] {
        guard let walker = FileManager.default.enumerator(
            at: directory, includingPropertiesForKeys: [.isRegularFileKey, .contentModificationDateKey], options: [.skipsHiddenFiles])
        else { return [] }
        let cutoff = clock.now().addingTimeInterval(-watcher.settleTime.seconds)
        let base = directory.standardizedFileURL.path
        var files: [(URL, String)] = []
        for case let url as URL in walker {
            guard let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .contentModificationDateKey]), values.isRegularFile == true,
                  !watcher.isIgnored(name: url.lastPathComponent), (values.contentModificationDate ?? .distantFuture) <= cutoff
            else { continue }
            var relative = url.standardizedFileURL.path
            if relative.hasPrefix(base) { relative.removeFirst(base.count) }
            files.append((url, String(relative.drop { $0 == "/" })))
        }
        return files.sorted { $0.1 < $1.1 }
    }

    private func setAside(_ file: URL, relative: String, in directory: URL) {
        let rejected = directory.appendingPathComponent(".rejected", isDirectory: true)
        let target = rejected.appendingPathComponent(relative.replacingOccurrences(of: "/", with: "__"))
        do {
            try FileManager.default.createDirectory(at: rejected, withIntermediateDirectories: true)
            try FileManager.default.moveItem(at: file, to: target)
            logger.error("landing file \(file.path) has a name that cannot be a raw key; set aside in \(target.path) (rename it with lower-case letters, digits, '_', '-' or '.' and move it back)")
        } catch {
            logger.error("landing file \(file.path) has a name that cannot be a raw key and could not be set aside: \(error)")
        }
    }
}

/// Remembers which keys were already warned about, so a log line is written once.
final class WarnedOnce: Sendable {
    private let seen = Mutex<Set<String>>([])
    /// True the first time `key` is asked about.
    func first(_ key: String) -> Bool { seen.withLock { $0.insert(key).inserted } }
}
