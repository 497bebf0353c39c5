import Foundation
import LakeCore

/// Octagon records as DynamoDB items, with SDLF's attribute names where SDLF has them.
enum OctagonItems {
    static func item(_ r: ObjectRecord) -> DynamoItem {
        var w = DynamoItemWriter()
        w.string("id", r.id)
        w.string("stage", r.zone.rawValue)
        w.string("key", r.key)
        w.string("bucket", r.bucket)
        w.number("size", r.size)
        w.date("last_modified_date", r.lastModified)
        w.date("timestamp", r.timestamp)
        w.string("content_hash", r.contentHash)
        w.string("team", r.team)
        w.string("dataset", r.dataset)
        w.string("table", r.table)
        w.string("pipeline", r.pipeline)
        w.string("pipeline_stage", r.pipelineStage)
        w.string("execution_id", r.executionId)
        w.number("row_count", r.rows)
        return w.item
    }

    static func object(_ item: DynamoItem, table: String) throws(LakeError) -> ObjectRecord {
        let r = DynamoItemReader(item: item, table: table)
        guard let zone = Zone(rawValue: try r.string("stage")) else {
            throw LakeError(.metadata, "a row of \(table) has an unknown stage", context: ["table": table])
        }
        return ObjectRecord(
            id: try r.string("id"), zone: zone, key: try r.string("key"), bucket: try r.string("bucket"), size: try r.int64("size"),
            lastModified: try r.date("last_modified_date"), timestamp: try r.date("timestamp"),
            contentHash: r.optionalString("content_hash") ?? "", team: r.optionalString("team"), dataset: r.optionalString("dataset"),
            table: r.optionalString("table"), pipeline: r.optionalString("pipeline"), pipelineStage: r.optionalString("pipeline_stage"),
            executionId: r.optionalString("execution_id"), rows: r.optionalInt64("row_count"))
    }

    static func item(_ r: DatasetRecord) -> DynamoItem {
        var w = DynamoItemWriter()
        w.string("name", r.id)
        w.string("team", r.team)
        w.string("dataset", r.name)
        w.string("pipeline", r.pipeline)
        var transforms: DynamoItem = ["stage_a_transform": .s(r.stageATransform)]
        if let b = r.stageBTransform { transforms["stage_b_transform"] = .s(b) }
        w.raw("transforms", .m(transforms))
        w.number("min_items_process", r.minItems)
        w.number("max_items_process", r.maxItems)
        w.number("version", r.version)
        w.date("updated_at", r.updatedAt)
        return w.item
    }

    static func dataset(_ item: DynamoItem, table: String) throws(LakeError) -> DatasetRecord {
        let r = DynamoItemReader(item: item, table: table)
        let transforms = DynamoItemReader(item: item["transforms"]?.map ?? [:], table: table)
        return DatasetRecord(
            team: try r.string("team"), name: try r.string("dataset"), pipeline: try r.string("pipeline"),
            stageATransform: try transforms.string("stage_a_transform"), stageBTransform: transforms.optionalString("stage_b_transform"),
            minItems: try r.int("min_items_process"), maxItems: try r.int("max_items_process"), version: try r.int("version"),
            updatedAt: try r.date("updated_at"))
    }

    static func item(_ r: PipelineRecord) -> DynamoItem {
        var w = DynamoItemWriter()
        w.string("name", r.id)
        w.string("team", r.team)
        w.string("pipeline", r.pipeline)
        w.string("stage", r.stage.rawValue)
        w.string("status", r.status.rawValue)
        w.string("last_execution_id", r.lastExecutionId)
        w.date("last_execution_date", r.lastExecutionDate)
        w.string("last_execution_status", r.lastExecutionStatus?.rawValue)
        w.double("last_execution_duration_in_seconds", r.lastExecutionDurationSeconds)
        w.number("version", r.version)
        w.date("last_updated_timestamp", r.updatedAt)
        return w.item
    }

    static func pipeline(_ item: DynamoItem, table: String) throws(LakeError) -> PipelineRecord {
        let r = DynamoItemReader(item: item, table: table)
        guard let stage = PipelineStage(rawValue: try r.string("stage")), let status = PipelineStatus(rawValue: try r.string("status")) else {
            throw LakeError(.metadata, "a row of \(table) has an unknown stage or status", context: ["table": table])
        }
        var record = PipelineRecord(
            team: try r.string("team"), pipeline: try r.string("pipeline"), stage: stage, status: status, version: try r.int("version"),
            updatedAt: try r.date("last_updated_timestamp"))
        record.lastExecutionId = r.optionalString("last_execution_id")
        record.lastExecutionDate = r.optionalDate("last_execution_date")
        record.lastExecutionStatus = r.optionalString("last_execution_status").flatMap(ExecutionStatus.init(rawValue:))
        record.lastExecutionDurationSeconds = r.optionalDouble("last_execution_duration_in_seconds")
        return record
    }

    static func item(_ r: ExecutionRecord) -> DynamoItem {
        var w = DynamoItemWriter()
        w.string("id", r.id)
        w.string("pipeline", r.pipeline)
        w.string("stage", r.stage.rawValue)
        w.string("team", r.team)
        w.string("dataset", r.dataset)
        w.string("status", r.status.rawValue)
        w.bool("active", r.status == .running)
        if r.status != .running { w.bool("success", r.status == .completed) }
        w.string("execution_date", String(AWSDateFormat.formatISO8601(r.startedAt).prefix(10)))
        w.date("start_timestamp", r.startedAt)
        w.date("end_timestamp", r.endedAt)
        w.date("last_updated_timestamp", r.updatedAt)
        w.double("duration_in_seconds", r.durationSeconds)
        w.strings("input_keys", r.inputKeys)
        w.strings("output_keys", r.outputKeys)
        w.raw(
            "history",
            .l(r.history.map {
                .m(["status": .s($0.status), "component": .s($0.component), "timestamp": .s(AWSDateFormat.formatISO8601($0.at))])
            }))
        w.string("comment", r.comment)
        w.string("issue_comment", r.error)
        w.string("error_code", r.errorCode)
        w.string("error_hint", r.errorHint)
        w.string("error_component", r.errorComponent)
        w.map("details", r.details)
        w.number("attempt", r.attempt)
        w.string("slot_group", r.slotGroup)
        w.date("expires_at", r.expiresAt)
        w.number("ttl", Int64(r.expiresAt.timeIntervalSince1970.rounded(.up)))
        return w.item
    }

    static func execution(_ item: DynamoItem, table: String) throws(LakeError) -> ExecutionRecord {
        let r = DynamoItemReader(item: item, table: table)
        guard let stage = PipelineStage(rawValue: try r.string("stage")),
              let status = ExecutionStatus(rawValue: try r.string("status"))
        else {
            throw LakeError(.metadata, "a row of \(table) has an unknown stage or status", context: ["table": table])
        }
        var record = ExecutionRecord(
            id: try r.string("id"), pipeline: try r.string("pipeline"), stage: stage, team: try r.string("team"),
            dataset: try r.string("dataset"), status: status, startedAt: try r.date("start_timestamp"), inputKeys: r.strings("input_keys"),
            slotGroup: r.optionalString("slot_group"))
        record.endedAt = r.optionalDate("end_timestamp")
        record.updatedAt = try r.date("last_updated_timestamp")
        record.outputKeys = r.strings("output_keys")
        record.history = (item["history"]?.list ?? []).compactMap { entry in
            let e = DynamoItemReader(item: entry.map ?? [:], table: table)
            guard let status = e.optionalString("status"), let component = e.optionalString("component"),
                  let at = e.optionalDate("timestamp")
            else { return nil }
            return HistoryEntry(status: status, component: component, at: at)
        }
        record.comment = r.optionalString("comment")
        record.error = r.optionalString("issue_comment")
        record.errorCode = r.optionalString("error_code")
        record.errorHint = r.optionalString("error_hint")
        record.errorComponent = r.optionalString("error_component")
        record.details = r.map("details")
        record.attempt = try r.int("attempt")
        record.expiresAt = try r.date("expires_at")
        return record
    }

    static func item(_ e: EventRecord) -> DynamoItem {
        var w = DynamoItemWriter()
        w.string("id", e.id)
        w.date("at", e.at)
        w.string("kind", e.kind)
        w.string("message", e.message)
        w.map("details", e.details)
        return w.item
    }

    static func event(_ item: DynamoItem, table: String) throws(LakeError) -> EventRecord {
        let r = DynamoItemReader(item: item, table: table)
        return EventRecord(
            id: try r.string("id"), at: try r.date("at"), kind: try r.string("kind"), message: try r.string("message"),
            details: r.map("details"))
    }
}
