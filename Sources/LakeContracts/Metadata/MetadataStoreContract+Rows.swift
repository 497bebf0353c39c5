import Foundation
import LakeCore

extension MetadataStoreContract {
    /// `ObjectRecord.rows`: kept by upserts and queries, replaced (also by nil) like every field.
    static func rowCountChecks() -> [Check] {
        [
            Check("object-row-counts-round-trip") { f in
                let t0 = wholeSecond(f.time.now())
                var record = object(f, .analytics, "team/ds/events/dt=2026-11-22/part-1.parquet", at: t0)
                record.rows = 1_234_567_890_123
                try await f.subject.upsertObjects([record])
                try ensureEqual(try await f.subject.object(id: record.id)?.rows, 1_234_567_890_123, "rows read back by id")
                let listed = try await f.subject.objects(matching: ObjectQuery(zone: .analytics, keyPrefix: prefix(f) + "team/ds/events/"))
                try ensureEqual(listed.map(\.rows), [1_234_567_890_123], "rows read back by a prefix query")
                record.rows = nil
                try await f.subject.upsertObjects([record])
                try ensureEqual(try await f.subject.object(id: record.id).map { $0.rows == nil }, true, "rows after an upsert without them")
            },
        ]
    }
}
