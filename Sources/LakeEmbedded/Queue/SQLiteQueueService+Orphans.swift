import Foundation
import GRDB
import LakeCore

extension SQLiteQueueService {
    /// Makes every message leased by a process of this host that no longer runs visible again
    /// at once, and returns how many. `lake run` calls it at start, so work leased by a worker
    /// killed with `kill -9` comes back without waiting for its leases to expire.
    ///
    /// A lease owner is dead when no process has its pid, or the process with its pid started
    /// at another time (the pid was reused). Leases held on other hosts are left alone.
    public func reclaimOrphanedLeases() async throws -> Int {
        let now = SQLiteValues.time(clock.now())
        let owners = try await store.read("list lease owners") { db in
            try String.fetchAll(
                db, sql: "SELECT DISTINCT lease_owner FROM message WHERE lease_owner IS NOT NULL AND visible_at > ?",
                arguments: [now])
        }
        let dead = owners.filter { LeaseOwner(parsing: $0)?.isDeadOnThisHost ?? false }
        guard !dead.isEmpty else { return 0 }
        let reclaimed = try await store.write("reclaim orphaned leases") { db in
            var total = 0
            let statement = try db.cachedStatement(
                sql: "UPDATE message SET visible_at = ?, receipt = NULL, lease_owner = NULL WHERE lease_owner = ? AND visible_at > ?")
            for owner in dead {
                try statement.execute(arguments: [now, owner, now])
                total += db.changesCount
            }
            return total
        }
        if reclaimed > 0 { activity.signal() }
        return reclaimed
    }
}
