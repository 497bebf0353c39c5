import LakeCore

extension ConfigParser {
    static let tableKeys = ["priority", "schema", "partition_by", "raw", "quality"]
    static let columnKeys = ["name", "type", "nullable"]
    static let timePartitionKeys = ["time", "granularity"]
    static let rawKeys = ["format", "partitions"]
    /// Defaults of a `raw:` section.
    static let defaultRawFormat = "json"
    static let defaultRawPartitions = "discover"

    /// `tables:` — `name: {priority, schema, partition_by, raw}`; a name with no value is a
    /// table with no settings of its own.
    func parseTables(_ value: YAMLValue) -> [TableConfig] {
        namedEntries(value).compactMap { name, item in
            guard let fields = reader.fields(item, allowed: Self.tableKeys) else { return nil }
            var table = TableConfig(name: name)
            if let level = fields.value("priority") { table.priority = reader.string(level) }
            if let schema = fields.value("schema") { table.schema = parseSchema(schema) }
            if let partitions = fields.value("partition_by") { table.partitionBy = parsePartitions(partitions) }
            if let raw = fields.raw("raw") { table.raw = parseRaw(raw) }
            if let quality = fields.value("quality") { table.quality = parseQuality(quality, columns: table.schema.map(\.name)) }
            return table
        }
    }

    /// `schema:` — `{column: type}` (nullable), `{column: {type, nullable}}`, or a list of
    /// `{name, type, nullable}`. Columns are recorded at `schema.<column>`.
    private func parseSchema(_ value: YAMLValue) -> [ColumnSpec] {
        if case .sequence = value.node {
            return (reader.list(value) ?? []).compactMap { item in
                guard let fields = reader.fields(item, allowed: Self.columnKeys) else { return nil }
                guard let nameValue = fields.value("name"), let name = reader.string(nameValue) else {
                    reader.fail(item, "a schema column needs a name", hint: "write `- {name: id, type: int64}`")
                    return nil
                }
                reader.record("\(value.path).\(name)", item.position)
                return column(name, fields: fields, at: item)
            }
        }
        return namedEntries(value).compactMap { name, item in
            if case .mapping = item.node {
                guard let fields = reader.fields(item, allowed: Self.columnKeys.filter { $0 != "name" }) else { return nil }
                return column(name, fields: fields, at: item)
            }
            guard let type = reader.string(item) else { return nil }
            return ColumnSpec(name: name, type: type)
        }
    }

    private func column(_ name: String, fields: YAMLFields, at item: YAMLValue) -> ColumnSpec? {
        guard let typeValue = fields.value("type"), let type = reader.string(typeValue) else {
            reader.fail(item, "column '\(name)' needs a type", hint: "e.g. `type: string`; types: " + Self.typeExamples)
            return nil
        }
        let nullable = fields.value("nullable").flatMap(reader.bool) ?? true
        return ColumnSpec(name: name, type: type, nullable: nullable)
    }

    /// Examples of column types, for hints.
    static let typeExamples = "bool, int32, int64, float, double, string, binary, date, timestamp[ms], timestamp[us], decimal(12,2)"

    /// `partition_by:` — a list of column names and `{time: column, granularity: day}` items
    /// (granularity defaults to day); a single name is accepted too.
    private func parsePartitions(_ value: YAMLValue) -> [TablePartition] {
        let items: [YAMLValue]
        if case .sequence = value.node {
            items = reader.list(value) ?? []
        } else {
            items = [value]
        }
        return items.compactMap { item in
            guard case .mapping = item.node else {
                return reader.string(item).map(TablePartition.column)
            }
            guard let fields = reader.fields(item, allowed: Self.timePartitionKeys) else { return nil }
            guard let columnValue = fields.value("time"), let column = reader.string(columnValue) else {
                reader.fail(item, "a time partition needs `time: <column>`", hint: "e.g. `{time: updated_at, granularity: day}`")
                return nil
            }
            var granularity = TimeGranularity.day
            if let granularityValue = fields.value("granularity") {
                let names = TimeGranularity.allCases.map(\.rawValue)
                guard let chosen = reader.choice(granularityValue, names, what: "granularity").flatMap(TimeGranularity.init(rawValue:))
                else { return nil }
                granularity = chosen
            }
            return .time(column: column, granularity: granularity)
        }
    }

    /// `raw:` — `{format: json, partitions: discover}` (those are the defaults).
    private func parseRaw(_ value: YAMLValue) -> RawTableConfig? {
        guard let fields = reader.fields(value, allowed: Self.rawKeys) else { return nil }
        var raw = RawTableConfig(format: Self.defaultRawFormat, partitionScheme: Self.defaultRawPartitions)
        if let format = fields.value("format"), let text = reader.string(format) { raw.format = text }
        if let scheme = fields.value("partitions"), let text = reader.string(scheme) { raw.partitionScheme = text }
        return raw
    }
}
