import Foundation
import GRDB
import LakeCore

extension SQLiteMetadataStore {
    /// Upserts a Datasets row (`<team>-<dataset>`).
    public func upsertDataset(_ record: DatasetRecord) async throws {
        try await store.write("record dataset", context: ["dataset": record.id]) { db in
            try db.cachedStatement(
                sql: """
                    INSERT INTO dataset (id, team, name, pipeline, stage_a_transform, stage_b_transform, min_items, max_items,
                                         version, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET
                        team = excluded.team, name = excluded.name, pipeline = excluded.pipeline,
                        stage_a_transform = excluded.stage_a_transform, stage_b_transform = excluded.stage_b_transform,
                        min_items = excluded.min_items, max_items = excluded.max_items, version = excluded.version,
                        updated_at = excluded.updated_at
                    """
            ).execute(arguments: [
                record.id, record.team, record.name, record.pipeline, record.stageATransform, record.stageBTransform,
                record.minItems, record.maxItems, record.version, SQLiteValues.time(record.updatedAt),
            ])
        }
    }

    /// The Datasets row with this id.
    public func dataset(id: String) async throws -> DatasetRecord? {
        try await store.read("read dataset", context: ["dataset": id]) { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM dataset WHERE id = ?"), arguments: [id]).map(Self.datasetRecord)
        }
    }

    /// Every Datasets row, by id.
    public func datasets() async throws -> [DatasetRecord] {
        try await store.read("list datasets") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM dataset ORDER BY id").map(Self.datasetRecord)
        }
    }

    /// Upserts a Pipelines row (`<team>-<pipeline>-stage-a|b`).
    public func upsertPipeline(_ record: PipelineRecord) async throws {
        try await store.write("record pipeline", context: ["pipeline": record.id]) { db in
            try db.cachedStatement(
                sql: """
                    INSERT INTO pipeline (id, team, pipeline, stage, status, last_execution_id, last_execution_date,
                                          last_execution_status, last_execution_duration, version, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET
                        team = excluded.team, pipeline = excluded.pipeline, stage = excluded.stage, status = excluded.status,
                        last_execution_id = excluded.last_execution_id, last_execution_date = excluded.last_execution_date,
                        last_execution_status = excluded.last_execution_status,
                        last_execution_duration = excluded.last_execution_duration, version = excluded.version,
                        updated_at = excluded.updated_at
                    """
            ).execute(arguments: [
                record.id, record.team, record.pipeline, record.stage.rawValue, record.status.rawValue, record.lastExecutionId,
                record.lastExecutionDate.map(SQLiteValues.time), record.lastExecutionStatus?.rawValue,
                record.lastExecutionDurationSeconds, record.version, SQLiteValues.time(record.updatedAt),
            ])
        }
    }

    /// The Pipelines row with this id.
    public func pipeline(id: String) async throws -> PipelineRecord? {
        try await store.read("read pipeline", context: ["pipeline": id]) { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM pipeline WHERE id = ?"), arguments: [id]).map(Self.pipelineRecord)
        }
    }

    /// Every Pipelines row, by id.
    public func pipelines() async throws -> [PipelineRecord] {
        try await store.read("list pipelines") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM pipeline ORDER BY id").map(Self.pipelineRecord)
        }
    }

    static func datasetRecord(_ row: Row) -> DatasetRecord {
        var record = DatasetRecord(
            team: row["team"], name: row["name"], pipeline: row["pipeline"], stageATransform: row["stage_a_transform"],
            stageBTransform: row["stage_b_transform"], minItems: row["min_items"], maxItems: row["max_items"],
            version: row["version"], updatedAt: SQLiteValues.date(row["updated_at"] as Double))
        record.id = row["id"]
        return record
    }

    static func pipelineRecord(_ row: Row) throws -> PipelineRecord {
        let id: String = row["id"]
        guard let stage = PipelineStage(rawValue: row["stage"]), let status = PipelineStatus(rawValue: row["status"]) else {
            throw LakeError(.metadata, "a pipeline row has an unknown stage or status", hint: "the database may be damaged", context: ["pipeline": id])
        }
        var record = PipelineRecord(
            team: row["team"], pipeline: row["pipeline"], stage: stage, status: status, version: row["version"],
            updatedAt: SQLiteValues.date(row["updated_at"] as Double))
        record.id = id
        record.lastExecutionId = row["last_execution_id"]
        record.lastExecutionDate = SQLiteValues.date(row["last_execution_date"] as Double?)
        record.lastExecutionStatus = (row["last_execution_status"] as String?).flatMap(ExecutionStatus.init(rawValue:))
        record.lastExecutionDurationSeconds = row["last_execution_duration"]
        return record
    }
}
