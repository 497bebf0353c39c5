import LakeCore
import LakeFormats

extension ConfigValidator {
    /// Datasets: names, team and pipeline references, stage overrides, priorities, tables.
    mutating func checkDatasets() {
        var seen: Set<DatasetRef> = []
        for (index, dataset) in config.datasets.enumerated() {
            let path = datasetPath(index)
            if !LakeNames.isValidDataset(dataset.name) {
                report(path, "dataset name '\(dataset.name)' is invalid", hint: NameRules.hint(for: dataset.name, length: 2...14))
            }
            if !seen.insert(dataset.ref).inserted {
                report(path, "dataset \(dataset.ref) is defined more than once", hint: "each team/dataset pair must be unique")
            }
            if config.team(named: dataset.team) == nil {
                report("\(path).team", "team '\(dataset.team)' is not defined",
                    hint: Self.referenceHint(dataset.team, among: config.teams.map(\.name), things: "teams"))
            }
            let pipeline = config.pipeline(named: dataset.pipeline)
            if pipeline == nil {
                report("\(path).pipeline", "pipeline '\(dataset.pipeline)' is not defined",
                    hint: Self.referenceHint(dataset.pipeline, among: config.pipelines.map(\.name), things: "pipelines"))
            } else if dataset.pipeline == dataset.name {
                report(path, "dataset '\(dataset.name)' has the same name as its pipeline",
                    hint: "a dataset's name must differ from its pipeline's; rename one of them")
            }
            checkOverrides(dataset, pipeline: pipeline, path: path)
            if let level = dataset.defaultPriority { checkPriority(level, path: "\(path).default_priority") }
            checkTables(dataset.tables, path: "\(path).tables")
        }
    }

    private mutating func checkOverrides(_ dataset: DatasetConfig, pipeline: PipelineConfig?, path: String) {
        if let transform = dataset.stageA.transform { checkTransform(transform, stage: .a, path: "\(path).stage_a.transform") }
        let overridesStageB = dataset.stageB.transform != nil || !dataset.stageB.options.isEmpty
        if let pipeline, pipeline.stageB == nil, overridesStageB {
            report("\(path).stage_b", "pipeline '\(pipeline.name)' is of type \(pipeline.type) (stage A only), so stage_b settings have no effect",
                hint: "remove stage_b from the dataset, or use a pipeline whose type runs stage B (e.g. standard)")
        } else if let transform = dataset.stageB.transform {
            checkTransform(transform, stage: .b, path: "\(path).stage_b.transform")
        }
    }

    private mutating func checkTables(_ tables: [TableConfig], path: String) {
        for table in tables {
            let tablePath = "\(path).\(table.name)"
            if !LakeNames.isValidTable(table.name) {
                report(tablePath, "table name '\(table.name)' is invalid",
                    hint: "use 1-64 lowercase letters, digits or '_', starting with a letter or digit")
            }
            if let level = table.priority { checkPriority(level, path: "\(tablePath).priority") }
            let types = checkSchema(table.schema, path: "\(tablePath).schema")
            checkPartitions(table.partitionBy, schema: table.schema, types: types, path: "\(tablePath).partition_by")
            if let raw = table.raw { checkRaw(raw, path: "\(tablePath).raw") }
        }
        checkDuplicates(tables.map(\.name), what: "table") { "\(path).\($0)" }
    }

    /// Checks column names and types; returns the parsed type of each column that has one.
    private mutating func checkSchema(_ schema: [ColumnSpec], path: String) -> [String: ColumnType] {
        var types: [String: ColumnType] = [:]
        var seen: Set<String> = []
        for column in schema {
            let columnPath = "\(path).\(column.name)"
            if column.name.trimmingCharacters(in: .whitespaces).isEmpty {
                report(columnPath, "a column name is empty")
            } else if !seen.insert(column.name.lowercased()).inserted {
                report(columnPath, "column '\(column.name)' is listed more than once",
                    hint: "column names are compared without case (catalogs lower-case them)", repeated: true)
            }
            guard let kind = ColumnType(parsing: column.type) else {
                let suggestion = Suggestions.didYouMean(column.type, in: Self.columnTypeNames).map { $0 + " " } ?? ""
                report(columnPath, "unknown column type '\(column.type)'", hint: suggestion + "types: " + ConfigParser.typeExamples)
                continue
            }
            types[column.name] = kind
        }
        return types
    }

    private mutating func checkPartitions(_ partitions: [TablePartition], schema: [ColumnSpec], types: [String: ColumnType], path: String) {
        var seen: Set<String> = []
        for (index, spec) in partitions.enumerated() {
            let itemPath = "\(path)[\(index)]"
            let column: String
            switch spec {
            case .column(let name): column = name
            case .time(let name, _): column = name
            }
            if !seen.insert(column).inserted {
                report(itemPath, "table is partitioned by '\(column)' twice")
            }
            guard !schema.isEmpty else { continue }
            guard schema.contains(where: { $0.name == column }) else {
                let names = schema.map(\.name)
                let suggestion = Suggestions.didYouMean(column, in: names).map { $0 + " " } ?? ""
                report(itemPath, "partition column '\(column)' is not in the table's schema",
                    hint: suggestion + "schema columns: " + names.joined(separator: ", "))
                continue
            }
            if case .time = spec, let kind = types[column], !Self.isTemporal(kind) {
                report(itemPath, "time partition column '\(column)' has type \(kind.description)",
                    hint: "time partitions need a timestamp or date column; partition by the value with `- \(column)`")
            }
        }
    }

    private mutating func checkRaw(_ raw: RawTableConfig, path: String) {
        let formats = ["parquet", "json", "csv"]
        if !formats.contains(raw.format) {
            let suggestion = Suggestions.didYouMean(raw.format, in: formats).map { $0 + " " } ?? ""
            report("\(path).format", "unknown raw format '\(raw.format)'", hint: suggestion + "use one of: " + formats.joined(separator: ", "))
        }
        if case .failure(let problem) = RawPartitionScheme.parse(raw.partitionScheme) {
            report("\(path).partitions", "partition layout '\(raw.partitionScheme)' is invalid: \(problem.message)",
                hint: "use dt={yyyy-MM-dd}, year={yyyy}/month={MM}/day={dd}[/hour={HH}], or discover")
        }
    }

    /// Canonical type names, for suggestions.
    static let columnTypeNames = [
        "bool", "int32", "int64", "float", "double", "string", "binary", "date", "timestamp", "timestamp[ms]", "timestamp[us]",
    ]

    private static func isTemporal(_ type: ColumnType) -> Bool {
        switch type {
        case .date, .timestamp: return true
        default: return false
        }
    }
}
