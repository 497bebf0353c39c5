import Foundation
import LakeCore
import Testing
@testable import LakeYAML

/// Shared helpers for the LakeYAML tests.
enum Fixture {
    static let base = URL(fileURLWithPath: "/tmp/swiftlake-config-tests", isDirectory: true)
    static let registry = TransformCatalog.builtIn

    /// Loads `yaml`, failing the test with every issue if it does not load.
    static func load(_ yaml: String, registry: TransformCatalog = registry, sourceLocation: SourceLocation = #_sourceLocation) -> LakeConfig? {
        do {
            return try ConfigLoader.load(yaml: yaml, baseDirectory: base, registry: registry)
        } catch {
            Issue.record("expected the config to load, got:\n\(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// The issues loading `yaml` reports (empty when it loads).
    static func issues(_ yaml: String, registry: TransformCatalog = registry) -> [ConfigIssue] {
        do {
            _ = try ConfigLoader.load(yaml: yaml, baseDirectory: base, registry: registry)
            return []
        } catch {
            return error.issues
        }
    }

    /// The one issue at `path`, failing the test when there is not exactly one.
    static func issue(at path: String, in yaml: String, sourceLocation: SourceLocation = #_sourceLocation) -> ConfigIssue? {
        let all = issues(yaml)
        let matching = all.filter { $0.path == path }
        guard matching.count == 1 else {
            let listing = all.map(\.description).joined(separator: "\n")
            Issue.record("expected one issue at \(path), got:\n\(listing)", sourceLocation: sourceLocation)
            return nil
        }
        return matching[0]
    }

    /// A small valid config that tests extend by appending or replacing lines.
    static let minimal = """
        teams:
          demoteam:
        pipelines:
          main:
            stage_a: {transform: json-flatten}
            stage_b: {transform: parquet}
        datasets:
          legislators:
            team: demoteam
            pipeline: main

        """

    /// The example from the lake.yaml reference: every section used.
    static let full = """
        environment: dev
        org: acme
        app: datalake
        storage:
          backend: embedded
          path: .lake
        teams:
          demoteam: {description: "Demo team"}
          other:
        pipelines:
          main:
            type: standard
            stage_a: {transform: json-flatten, concurrency: 4, options: {drop_nested: true}}
            stage_b:
              transform: parquet
              trigger: event
              min_items: 1
              max_items: 100
              max_concurrent: 3
              timeout: 1h
              options: {compression: snappy}
          raw:
            type: custom
            stage_a: {transform: passthrough}
        datasets:
          legislators:
            team: demoteam
            pipeline: main
            stage_b: {transform: enrich, options: {extra: 1}}
            default_priority: LOW
            schema_policy: fail
            tables:
              persons:
                priority: HIGH
                schema: {id: int64, name: string, born: date, party: string, updated_at: "timestamp[ms]"}
                partition_by: [party, {time: updated_at, granularity: day}]
                raw: {format: json, partitions: "year={yyyy}/month={MM}/day={dd}"}
              memberships:
          other/legislators:
            pipeline: raw
        wlm:
          levels: [HIGH, LOW]
          default: LOW
          max_wait: {LOW: 10m}
          global_max_concurrent: 4
        transforms:
          enrich: {stage: b, uses: command, options: {command: [python3, enrich.py], timeout: 10m}}

        """
}
