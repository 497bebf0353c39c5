import Foundation
import LakeCore

/// Ready-made configurations: the commented starter file `lake init` writes, and the demo
/// lake `lake demo` runs (DESIGN §3.2's `demoteam/legislators`).
public enum ConfigTemplates {
    /// A valid, commented lake.yaml for a new lake in a directory called `directoryName`: one
    /// team, one standard pipeline (`json-flatten` then `parquet`), one dataset. The app name
    /// comes from the directory name when that makes a valid name.
    public static func starter(directoryName: String) -> String {
        let app = appName(from: directoryName)
        let title = String(directoryName.unicodeScalars.filter { $0.properties.generalCategory != .control }.map(Character.init))
        return """
            # lake.yaml: the single source of truth for this SwiftLake lake (\(title)).
            # Every key and its default: docs/CONFIG.md. Check this file with `lake config validate`.

            # Deployment environment, part of every resource name: 1-10 lowercase letters or digits.
            environment: dev
            # Organisation and application: part of bucket and catalog database names.
            org: swiftlake
            app: \(app)

            # Where the lake keeps its data and state. `embedded` keeps everything in one local
            # directory (relative paths start at this file's directory). For AWS write e.g.
            #   storage: {backend: aws, region: us-east-1, buckets: 3}
            storage:
              backend: embedded
              path: .lake

            # Teams own pipelines and datasets. Files land in the raw zone under <team>/<dataset>/.
            teams:
              myteam:
                description: Rename me to your team's name (2-12 lowercase letters or digits)

            # A pipeline runs stage A (a light transform per object, raw -> stage) and, when its type
            # is standard, stage B (a heavy transform per batch, stage -> analytics as Parquet).
            pipelines:
              main:
                type: standard
                stage_a:
                  transform: json-flatten   # passthrough, json-flatten, csv-normalize, auto, or a named transform
                  concurrency: 8            # objects transformed at once per worker
                stage_b:
                  transform: parquet        # parquet, concat, command, or a named transform
                  trigger: event            # as soon as stage A sends work; or e.g. `every 5m`
                  min_items: 1              # fewer waiting items: wait
                  max_items: 100            # at most this many items per execution
                  max_concurrent: 3         # stage-B executions running at once
                  timeout: 1h

            # Datasets: the tables of one source, owned by a team and run by a pipeline.
            # Land files as raw/myteam/events/<table>/<file>.json (or directly under events/).
            datasets:
              events:
                team: myteam
                pipeline: main
                # tables:                   # optional: priority, explicit schema, partitions
                #   clicks:
                #     priority: HIGH
                #     schema: {id: int64, user: string, at: timestamp}
                #     partition_by: [{time: at, granularity: day}]

            # Workload management: which work runs first when stage-B slots are short.
            wlm:
              levels: [HIGH, LOW]           # highest first
              default: LOW                  # for tables without a priority
              max_wait: {LOW: 30m}          # LOW work waiting longer than this moves up a level

            # Named transforms bind a name to a registered transform with preset options, e.g.
            # transforms:
            #   enrich: {stage: b, uses: command, options: {command: [python3, enrich.py], timeout: 10m}}

            """
    }

    /// The demo lake: team `demoteam`, pipeline `main` (stage A `auto`: json-flatten for JSON,
    /// csv-normalize for CSV; stage B `parquet`, event trigger) and dataset `legislators` with the
    /// persons, memberships (partitioned by organisation, like the DDK demo's history table) and
    /// organizations tables (persons at HIGH priority, the rest LOW, so WLM has work to order).
    /// The lake directory is `.lake` under `baseDirectory`.
    public static func demo(baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) -> LakeConfig {
        LakeConfig(
            storage: .embedded(EmbeddedStorageConfig(path: baseDirectory.appendingPathComponent(".lake").standardizedFileURL.path)),
            pipelines: [
                PipelineConfig(
                    name: "main", kind: .standard, stageA: StageAConfig(transform: "auto", concurrency: 8),
                    stageB: StageBConfig(transform: "parquet", trigger: .event, minItems: 1, maxItems: 100, maxConcurrent: 3))
            ],
            teams: [TeamConfig(name: "demoteam", description: "Demo team: US legislators, as in the DDK SDLF demo")],
            datasets: [
                DatasetConfig(
                    name: "legislators", team: "demoteam", pipeline: "main",
                    tables: [
                        TableConfig(name: "persons", priority: "HIGH"),
                        TableConfig(name: "memberships", partitionBy: [.column("organization_name")]),
                        TableConfig(name: "organizations"),
                    ],
                    defaultPriority: "LOW")
            ],
            wlm: WLMConfig(levels: ["HIGH", "LOW"], maxWait: ["LOW": .seconds(600)], defaultLevel: "LOW"),
            baseDirectory: baseDirectory)
    }

    /// `directoryName` lower-cased without other characters, when that is a valid app name.
    static func appName(from directoryName: String) -> String {
        let cleaned = String(directoryName.lowercased().unicodeScalars.filter { $0.isASCII && NameRules.lowerAlnum(UInt8($0.value)) }
            .prefix(20).map(Character.init))
        return NameRules.matches(cleaned, NameRules.lowerAlnum, length: 2...20) ? cleaned : "datalake"
    }
}
