import Foundation
import GRDB
import LakeCore
import LakeFormats

/// An ``ExecutionRecord`` as the `execution` table stores it: scalars in columns, keys,
/// history and details as JSON.
struct ExecutionRow: Sendable {
    let record: ExecutionRecord
    let inputKeys: String
    let outputKeys: String
    let history: String
    let details: String?

    init(_ record: ExecutionRecord) throws {
        self.record = record
        // Written by hand: JSONEncoder took ~70 µs a row, most of a stage-A batch's bookkeeping.
        // The text reads back with JSONDecoder like what it wrote (dates as seconds since 2001).
        inputKeys = Self.json(record.inputKeys)
        outputKeys = Self.json(record.outputKeys)
        details = record.details.isEmpty ? nil : Self.json(record.details)
        if record.history.allSatisfy({ $0.at.timeIntervalSinceReferenceDate.isFinite }) {
            history = "[" + record.history.map { entry in
                "{\"at\":\(entry.at.timeIntervalSinceReferenceDate),\"component\":" + RowJSONRenderer.quoted(entry.component)
                    + ",\"status\":" + RowJSONRenderer.quoted(entry.status) + "}"
            }.joined(separator: ",") + "]"
        } else {
            do {
                history = try SQLiteValues.json(record.history)
            } catch {
                throw LakeError(.metadata, "cannot encode the execution record", context: ["execution": record.id], underlying: SendableErrorBox(error))
            }
        }
    }

    /// A JSON array of strings.
    static func json(_ strings: [String]) -> String {
        "[" + strings.map(RowJSONRenderer.quoted).joined(separator: ",") + "]"
    }

    /// A JSON object of strings, keys sorted (equal maps give equal text).
    static func json(_ map: [String: String]) -> String {
        "{" + map.sorted { $0.key < $1.key }.map { RowJSONRenderer.quoted($0.key) + ":" + RowJSONRenderer.quoted($0.value) }
            .joined(separator: ",") + "}"
    }

    /// Inserts or replaces the row.
    func upsert(_ db: Database) throws {
        let r = record
        try db.cachedStatement(
            sql: """
                INSERT INTO execution (id, pipeline, stage, team, dataset, status, started_at, ended_at, updated_at,
                                       input_keys, output_keys, history, comment, error, details, attempt, slot_group, expires_at,
                                       error_code, error_hint, error_component)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    pipeline = excluded.pipeline, stage = excluded.stage, team = excluded.team, dataset = excluded.dataset,
                    status = excluded.status, started_at = excluded.started_at, ended_at = excluded.ended_at,
                    updated_at = excluded.updated_at, input_keys = excluded.input_keys, output_keys = excluded.output_keys,
                    history = excluded.history, comment = excluded.comment, error = excluded.error, details = excluded.details,
                    attempt = excluded.attempt, slot_group = excluded.slot_group, expires_at = excluded.expires_at,
                    error_code = excluded.error_code, error_hint = excluded.error_hint, error_component = excluded.error_component
                """
        ).execute(arguments: [
            r.id, r.pipeline, r.stage.rawValue, r.team, r.dataset, r.status.rawValue, SQLiteValues.time(r.startedAt),
            r.endedAt.map(SQLiteValues.time), SQLiteValues.time(r.updatedAt), inputKeys, outputKeys, history, r.comment,
            r.error, details, r.attempt, r.slotGroup, SQLiteValues.time(r.expiresAt),
            r.errorCode, r.errorHint, r.errorComponent,
        ])
    }

    /// Reads a record back from a `SELECT *` row.
    static func record(_ row: Row) throws -> ExecutionRecord {
        let id: String = row["id"]
        guard let stage = PipelineStage(rawValue: row["stage"]), let status = ExecutionStatus(rawValue: row["status"]) else {
            throw LakeError(.metadata, "an execution row has an unknown stage or status", hint: "the database may be damaged", context: ["execution": id])
        }
        do {
            var record = ExecutionRecord(
                id: id, pipeline: row["pipeline"], stage: stage, team: row["team"], dataset: row["dataset"], status: status,
                startedAt: SQLiteValues.date(row["started_at"] as Double),
                inputKeys: try SQLiteValues.decode([String].self, from: row["input_keys"]), slotGroup: row["slot_group"])
            record.endedAt = SQLiteValues.date(row["ended_at"] as Double?)
            record.updatedAt = SQLiteValues.date(row["updated_at"] as Double)
            record.outputKeys = try SQLiteValues.decode([String].self, from: row["output_keys"])
            record.history = try SQLiteValues.decode([HistoryEntry].self, from: row["history"])
            record.comment = row["comment"]
            record.error = row["error"]
            record.errorCode = row["error_code"]
            record.errorHint = row["error_hint"]
            record.errorComponent = row["error_component"]
            record.details = try SQLiteValues.map(row["details"])
            record.attempt = row["attempt"]
            record.expiresAt = SQLiteValues.date(row["expires_at"] as Double)
            return record
        } catch let error as LakeError {
            throw error
        } catch {
            throw LakeError(
                .metadata, "cannot decode an execution row", hint: "the database may be damaged", context: ["execution": id],
                underlying: SendableErrorBox(error))
        }
    }
}
