import Foundation
import LakeCore
import Testing
@testable import LakeYAML

@Suite("Validation: pipelines and transforms")
struct PipelineValidationTests {
    /// A config whose `main` pipeline is given by `pipeline` (indented under `main:`).
    private func config(pipeline: String, extra: String = "") -> String {
        """
        teams: [demoteam]
        pipelines:
          main:
        \(pipeline)
        datasets:
          legislators: {team: demoteam, pipeline: main}
        \(extra)
        """
    }

    @Test("a heavy transform cannot run in stage A, and the reverse")
    func wrongStage() throws {
        let yaml = config(pipeline: "    stage_a: {transform: parquet}\n    stage_b: {transform: json-flatten}")
        let issues = Fixture.issues(yaml)
        #expect(issues.map(\.path) == ["pipelines.main.stage_a.transform", "pipelines.main.stage_b.transform"])
        #expect(issues.map(\.line) == [4, 5])
        #expect(issues.map(\.column) == [15, 15])
        #expect(issues[0].message == "'parquet' is a heavy (stage B) transform and cannot run in stage A")
        #expect(issues[0].hint == "light transforms: auto, csv-normalize, json-flatten, passthrough")
    }

    @Test("an unknown transform's hint shows how to define it under transforms:")
    func unknownTransform() throws {
        let yaml = config(pipeline: "    stage_b: {transform: sdlf_heavy}")
        let issue = try #require(Fixture.issue(at: "pipelines.main.stage_b.transform", in: yaml))
        #expect(issue.message == "transform 'sdlf_heavy' is not defined")
        let hint = try #require(issue.hint)
        #expect(hint.contains("transforms: {sdlf_heavy: {stage: b, uses: command, options: {command: [python3, sdlf_heavy.py]}}}"))
        #expect(hint.contains("register a Swift transform named 'sdlf_heavy'"))
        #expect(hint.hasSuffix("known heavy transforms: command, concat, parquet"))
        let typo = try #require(Fixture.issue(at: "pipelines.main.stage_b.transform", in: config(pipeline: "    stage_b: {transform: parqet}")))
        #expect(typo.hint?.hasPrefix("did you mean 'parquet'?") == true)
    }

    @Test("transforms registered in Swift count once the CLI passes them")
    func registeredTransform() throws {
        let yaml = config(pipeline: "    stage_b: {transform: sdlf_heavy}")
        var registry = TransformCatalog.builtIn
        registry.heavy.insert("sdlf_heavy")
        #expect(Fixture.issues(yaml, registry: registry).isEmpty)
    }

    @Test("named transforms: stage must match where they are used, uses must be registered for that stage")
    func namedTransforms() throws {
        let yaml = config(pipeline: "    stage_a: {transform: enrich}\n    stage_b: {transform: enrich}", extra: """
            transforms:
              enrich: {stage: b, uses: command}
              clean: {stage: a, uses: parquet}
              tidy: {stage: a, uses: tidier}
              parquet: {uses: concat}
              layered: {stage: b, uses: enrich}
              guess: {uses: json-flatten}
            """)
        let issues = Fixture.issues(yaml)
        #expect(issues.map(\.path) == [
            "pipelines.main.stage_a.transform",
            "transforms.clean.uses", "transforms.tidy.uses", "transforms.parquet", "transforms.layered.uses",
        ])
        #expect(issues[0].message == "transform 'enrich' is a stage b transform, but this is stage a")
        #expect(issues[1].message == "'parquet' is a heavy (stage b) transform, but this one is stage a")
        #expect(issues[2].message == "'tidier' is not a registered light (stage a) transform")
        #expect(issues[3].message == "'parquet' is already a registered transform")
        #expect(issues[4].message == "'enrich' is a named transform; `uses` must name a registered transform")
        #expect(issues.map(\.line) == [4, 10, 11, 12, 13])
    }

    @Test("a named transform without stage takes it from `uses` when unambiguous")
    func inferredStage() throws {
        var registry = TransformCatalog.builtIn
        registry.light.insert("both")
        registry.heavy.insert("both")
        let yaml = config(pipeline: "    stage_a: {transform: guess}", extra: "transforms:\n  guess: {uses: json-flatten}\n  either: {uses: both}\n")
        let issues = Fixture.issues(yaml, registry: registry)
        #expect(issues.map(\.path) == ["transforms.either.stage"])
        #expect(issues.first?.line == 9)
        let loaded = try #require(Fixture.load(yaml.replacingOccurrences(of: "  either: {uses: both}\n", with: "")))
        #expect(loaded.namedTransform("guess")?.stage == .a)
    }

    @Test("a custom pipeline has no stage B, and its datasets cannot override one")
    func customPipeline() throws {
        let yaml = """
            teams: [demoteam]
            pipelines:
              light:
                type: custom
                stage_b: {transform: parquet}
            datasets:
              legislators:
                pipeline: light
                stage_b: {transform: parquet}
            """
        let issues = Fixture.issues(yaml)
        #expect(issues.map(\.path) == ["pipelines.light.stage_b", "datasets.legislators.stage_b"])
        #expect(issues.map(\.line) == [5, 9])
        #expect(issues[0].message == "a custom pipeline runs stage A only and cannot have stage_b")
    }

    @Test("batch limits, concurrency and timeouts", arguments: [
        ("    stage_b: {min_items: 5, max_items: 2}", "pipelines.main.stage_b.max_items", "max_items (2) is smaller than min_items (5)"),
        ("    stage_b: {max_items: 10001}", "pipelines.main.stage_b.max_items", "max_items must be at most 10000, not 10001"),
        ("    stage_b: {min_items: 0}", "pipelines.main.stage_b.min_items", "min_items must be at least 1, not 0"),
        ("    stage_b: {max_concurrent: 0}", "pipelines.main.stage_b.max_concurrent", "max_concurrent must be at least 1, not 0"),
        ("    stage_a: {concurrency: 0}", "pipelines.main.stage_a.concurrency", "concurrency must be at least 1, not 0"),
        ("    stage_b: {timeout: 500ms}", "pipelines.main.stage_b.timeout", "timeout must be at least 1s, not 500ms"),
        ("    stage_b: {timeout: soon}", "pipelines.main.stage_b.timeout", "'soon' is not a duration"),
        ("    stage_b: {trigger: every 0s}", "pipelines.main.stage_b.trigger", "a scheduled trigger needs an interval of at least 1s, not 0ms"),
        ("    stage_b: {trigger: every fortnight}", "pipelines.main.stage_b.trigger", "'fortnight' is not a duration"),
        ("    stage_b: {trigger: sometimes}", "pipelines.main.stage_b.trigger", "unknown trigger 'sometimes'"),
        ("    stage_b: {trigger: {every: never}}", "pipelines.main.stage_b.trigger.every", "'never' is not a duration"),
        ("    stage_b: {max_items: lots}", "pipelines.main.stage_b.max_items", "expected a whole number, found 'lots'"),
        ("    type: streaming", "pipelines.main.type", "unknown pipeline type 'streaming'"),
    ])
    func limits(pipeline: String, path: String, message: String) throws {
        let issues = Fixture.issues(config(pipeline: pipeline))
        #expect(issues.map(\.path) == [path])
        #expect(issues.first?.message == message)
        #expect(issues.first?.line == 4)
    }

    @Test("triggers: event, every <duration>, {every: <duration>}")
    func triggers() throws {
        for (text, expected) in [("event", StageBTrigger.event), ("every 5m", .every(.seconds(300))), ("{every: 90s}", .every(.seconds(90)))] {
            let loaded = try #require(Fixture.load(config(pipeline: "    stage_b: {trigger: \(text)}")))
            #expect(loaded.pipelines[0].stageB?.trigger == expected)
        }
    }
}

@Suite struct TeamNotifyValidationTests {
    @Test func notifySettingsAreChecked() {
        let yaml = """
            teams:
              sales:
                notify: {webhook: "ftp://x", sns_topic_arn: "arn:aws:s3:::bucket", on: [failed]}
              ops:
                notify: {on: [explode]}
              data:
                notify: {webhook: "https://hooks.example.com/lake", sns_topic_arn: "arn:aws:sns:us-east-1:123456789012:lake"}
            """
        let issues = Fixture.issues(yaml)
        let paths = issues.map(\.path)
        #expect(paths.contains("teams.sales.notify.webhook"))
        #expect(paths.contains("teams.sales.notify.sns_topic_arn"))
        #expect(paths.contains { $0.hasPrefix("teams.ops.notify") }, "\(paths)")
        #expect(!paths.contains { $0.hasPrefix("teams.data") }, "\(paths)")
    }
}
