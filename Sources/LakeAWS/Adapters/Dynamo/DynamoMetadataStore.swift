import Foundation
import LakeCore

/// Octagon on DynamoDB: SDLF's tables (``DynamoMetadataTables``), upserts keyed as SDLF keys
/// them, strongly consistent reads.
///
/// Slot limits hold across processes through one lease item per slot group in
/// `octagon-ExecutionSlots-<env>`: a map from execution id to its heartbeat (`updatedAt`),
/// changed only by read-modify-write with a version condition inside the same
/// TransactWriteItems that writes the execution row. A start counts the holders whose heartbeat
/// is at or after `staleBefore`, so a crashed holder stops counting once its heartbeat is older
/// than the engine's lease timeout, without anyone cleaning up; saving an execution that left
/// RUNNING releases its lease; leases more than a day past stale are dropped on later starts.
/// Claims are conditional puts (`attribute_not_exists(id) OR owner = :me`).
///
/// Queries over objects, executions and events scan the table (strongly consistent) and filter;
/// fine for the thousands of rows a lake keeps within the 120-day TTL, not for millions.
public struct DynamoMetadataStore: MetadataStore {
    /// The DynamoDB client.
    public let client: DynamoDBClient
    /// The table names.
    public let tables: DynamoMetadataTables

    /// Creates the store over existing tables (``createTables()`` or `lake aws bootstrap` makes them).
    public init(client: DynamoDBClient, tables: DynamoMetadataTables) {
        self.client = client
        self.tables = tables
    }

    /// Creates the tables that are missing, waits until they are active and turns on TTL;
    /// returns the names of those created.
    @discardableResult
    public func createTables() async throws -> [String] {
        let created = try await client.createTables(tables.specs)
        for spec in tables.specs {
            if let ttl = spec.ttlAttribute { try await client.enableTimeToLive(table: spec.name, attribute: ttl) }
        }
        return created
    }

    /// Runs a DynamoDB call, turning a missing table into a `.metadata` error that says how to fix it.
    func guarded<T: Sendable>(_ table: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as LakeError where DynamoDBClient.isMissingResource(error) {
            throw LakeError(
                .metadata, "the DynamoDB table \(table) does not exist", hint: "run `lake aws bootstrap` to create the lake's tables",
                context: ["table": table], underlying: error)
        }
    }

    // MARK: Objects

    /// Upserts object rows in BatchWriteItem calls of 25.
    public func upsertObjects(_ records: [ObjectRecord]) async throws {
        // A batch may not name one key twice; the last row for an id wins, as with single puts.
        var latest: [String: ObjectRecord] = [:]
        var order: [String] = []
        for record in records where latest.updateValue(record, forKey: record.id) == nil { order.append(record.id) }
        try await guarded(tables.objects) {
            try await client.batchWrite(table: tables.objects, order.compactMap { latest[$0] }.map { .put(OctagonItems.item($0)) })
        }
    }

    /// Deletes an object row; a missing row is fine.
    public func deleteObject(id: String) async throws {
        try await guarded(tables.objects) { _ = try await client.deleteItem(table: tables.objects, key: ["id": .s(id)]) }
    }

    /// The object row `id` (its URI), strongly consistent.
    public func object(id: String) async throws -> ObjectRecord? {
        let item = try await guarded(tables.objects) { try await client.getItem(table: tables.objects, key: ["id": .s(id)]) }
        return try item.map { item throws(LakeError) in try OctagonItems.object(item, table: tables.objects) }
    }

    /// Object rows matching `query`, in key byte order (a filtered, consistent scan).
    public func objects(matching query: ObjectQuery) async throws -> [ObjectRecord] {
        var clauses: [String] = []
        var names: [String: String] = [:]
        var values: [String: AttributeValue] = [:]
        if let zone = query.zone {
            clauses.append("#stage = :stage")
            names["#stage"] = "stage"
            values[":stage"] = .s(zone.rawValue)
        }
        if let dataset = query.dataset {
            clauses.append("#team = :team AND #dataset = :dataset")
            names["#team"] = "team"
            names["#dataset"] = "dataset"
            values[":team"] = .s(dataset.team)
            values[":dataset"] = .s(dataset.dataset)
        }
        if let prefix = query.keyPrefix, !prefix.isEmpty {
            clauses.append("begins_with(#key, :prefix)")
            names["#key"] = "key"
            values[":prefix"] = .s(prefix)
        }
        let filter = clauses.isEmpty ? nil : DynamoExpression(clauses.joined(separator: " AND "), names: names, values: values)
        let items = try await scan(tables.objects, filter: filter, limit: query.limit)
        return try items.map { item throws(LakeError) in try OctagonItems.object(item, table: tables.objects) }
            .sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
    }

    /// Object rows per zone (a consistent scan).
    public func objectCounts() async throws -> [Zone: Int] {
        var counts: [Zone: Int] = [:]
        for item in try await scan(tables.objects, filter: nil, limit: nil) {
            if let zone = item["stage"]?.string.flatMap(Zone.init(rawValue:)) { counts[zone, default: 0] += 1 }
        }
        return counts
    }

    /// Scans `table` (strongly consistent), stopping once `limit` items matched.
    func scan(_ table: String, filter: DynamoExpression?, limit: Int?) async throws -> [DynamoItem] {
        try await guarded(table) {
            var items: [DynamoItem] = []
            var start: DynamoItem?
            repeat {
                let page = try await client.scan(table: table, filter: filter, startKey: start, consistent: true)
                items += page.items
                start = page.lastEvaluatedKey
                if let limit, items.count >= limit { return Array(items.prefix(limit)) }
            } while start != nil
            return items
        }
    }

    // MARK: Registry

    /// Upserts a Datasets row keyed `<team>-<dataset>`.
    public func upsertDataset(_ record: DatasetRecord) async throws {
        try await guarded(tables.datasets) { try await client.putItem(table: tables.datasets, item: OctagonItems.item(record)) }
    }

    /// The Datasets row `id`.
    public func dataset(id: String) async throws -> DatasetRecord? {
        let item = try await guarded(tables.datasets) { try await client.getItem(table: tables.datasets, key: ["name": .s(id)]) }
        return try item.map { item throws(LakeError) in try OctagonItems.dataset(item, table: tables.datasets) }
    }

    /// Every Datasets row, by id.
    public func datasets() async throws -> [DatasetRecord] {
        try await scan(tables.datasets, filter: nil, limit: nil)
            .map { item throws(LakeError) in try OctagonItems.dataset(item, table: tables.datasets) }
            .sorted { $0.id < $1.id }
    }

    /// Upserts a Pipelines row keyed `<team>-<pipeline>-stage-a|b`.
    public func upsertPipeline(_ record: PipelineRecord) async throws {
        try await guarded(tables.pipelines) { try await client.putItem(table: tables.pipelines, item: OctagonItems.item(record)) }
    }

    /// The Pipelines row `id`.
    public func pipeline(id: String) async throws -> PipelineRecord? {
        let item = try await guarded(tables.pipelines) { try await client.getItem(table: tables.pipelines, key: ["name": .s(id)]) }
        return try item.map { item throws(LakeError) in try OctagonItems.pipeline(item, table: tables.pipelines) }
    }

    /// Every Pipelines row, by id.
    public func pipelines() async throws -> [PipelineRecord] {
        try await scan(tables.pipelines, filter: nil, limit: nil)
            .map { item throws(LakeError) in try OctagonItems.pipeline(item, table: tables.pipelines) }
            .sorted { $0.id < $1.id }
    }

    // MARK: Events

    /// Upserts an Events row.
    public func recordEvent(_ event: EventRecord) async throws {
        try await guarded(tables.events) { try await client.putItem(table: tables.events, item: OctagonItems.item(event)) }
    }

    /// The newest `limit` events, of `kind` when given.
    public func events(kind: String?, limit: Int) async throws -> [EventRecord] {
        let filter = kind.map { DynamoExpression("#kind = :kind", names: ["#kind": "kind"], values: [":kind": .s($0)]) }
        return try await scan(tables.events, filter: filter, limit: nil)
            .map { item throws(LakeError) in try OctagonItems.event(item, table: tables.events) }
            .sorted { $0.at != $1.at ? $0.at > $1.at : $0.id > $1.id }
            .prefix(max(0, limit)).map { $0 }
    }
}
