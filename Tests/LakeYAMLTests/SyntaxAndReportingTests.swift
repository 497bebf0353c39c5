import Foundation
import LakeCore
import Testing
@testable import LakeYAML

@Suite("YAML syntax errors and reporting")
struct SyntaxAndReportingTests {
    @Test("a tab in the indentation gives its line, column and a hint")
    func tabs() throws {
        let issues = Fixture.issues("teams:\n\tdemoteam:\n")
        #expect(issues.count == 1)
        #expect(issues[0].line == 2)
        #expect(issues[0].column == 1)
        #expect(issues[0].message.hasPrefix("YAML syntax error: "))
        #expect(issues[0].hint == "indent with spaces; YAML does not allow tabs")
    }

    @Test("a misplaced colon gives its line and column")
    func badMapping() throws {
        let issues = Fixture.issues("teams:\n  demoteam:\ndatasets:\n  legislators: team: demoteam\n")
        #expect(issues.count == 1)
        #expect(issues[0].line == 4)
        #expect(issues[0].column == 20)
        #expect(issues[0].message.contains("mapping values are not allowed"))
    }

    @Test("an unclosed flow list is reported")
    func unclosed() throws {
        let issues = Fixture.issues("teams: [demoteam\npipelines:\n  main:\n")
        #expect(issues.count == 1)
        #expect(issues[0].line != nil)
        #expect(issues[0].path == "")
    }

    @Test("a key written twice points at the repetition")
    func duplicateKey() throws {
        let yaml = "teams:\n  demoteam:\npipelines:\n  main:\nteams:\n  other:\n"
        let issues = Fixture.issues(yaml)
        #expect(issues.count == 1)
        #expect(issues[0].line == 5)
        #expect(issues[0].column == 1)
        #expect(issues[0].message == "key 'teams' appears more than once in the same mapping (first at line 1)")
        let nested = Fixture.issues(Fixture.minimal + "    team: other\n")
        #expect(nested.first?.line == 11)
        #expect(nested.first?.column == 5)
    }

    @Test("every problem is reported at once, in file order, one per line")
    func manyProblems() throws {
        let yaml = """
            environment: Production
            storage: {backend: embedded, region: us-east-1}
            teams: [demoteam]
            pipelines:
              main:
                stage_a: {transform: parquet, concurrency: 0}
                stage_b: {min_items: 10, max_items: 5, trigger: hourly}
            datasets:
              legislators:
                team: nobody
                pipeline: mian
                default_priority: URGENT
                tables:
                  persons: {schema: {id: int64}, partition_by: [party]}
            wlm: {levels: [HIGH, LOW], default: MEDIUM}
            """
        let errors = try #require(throws: ConfigErrors.self) {
            try ConfigLoader.load(yaml: yaml, baseDirectory: Fixture.base, registry: .builtIn)
        }
        #expect(errors.issues.map(\.path) == [
            "environment", "storage.region",
            "pipelines.main.stage_a.transform", "pipelines.main.stage_a.concurrency",
            "pipelines.main.stage_b.max_items", "pipelines.main.stage_b.trigger",
            "datasets.legislators.team", "datasets.legislators.pipeline", "datasets.legislators.default_priority",
            "datasets.legislators.tables.persons.partition_by[0]", "wlm.default",
        ])
        #expect(errors.issues.map { $0.line ?? 0 } == [1, 2, 6, 6, 7, 7, 10, 11, 12, 14, 15])
        let lines = errors.description.split(separator: "\n")
        #expect(lines.count == 11)
        #expect(lines.allSatisfy { $0.hasPrefix("lake.yaml:") })
        #expect(lines[7] == "lake.yaml:11:5: datasets.legislators.pipeline: pipeline 'mian' is not defined (hint: did you mean 'main'? defined pipelines: main)")
    }

    @Test("ConfigErrors converts to one LakeError with code invalid-config")
    func lakeError() throws {
        let errors = ConfigErrors(issues: [
            ConfigIssue(path: "b", line: 9, column: 1, message: "second"),
            ConfigIssue(path: "a", line: 2, column: 3, message: "first", hint: "fix it"),
            ConfigIssue(path: "c", message: "no position"),
        ], file: "prod.yaml")
        #expect(errors.issues.map(\.path) == ["a", "b", "c"])
        let error = errors.lakeError
        #expect(error.code == .invalidConfig)
        #expect(error.isUsageError)
        #expect(error.context == ["file": "prod.yaml"])
        #expect(error.message == """
            3 problems in prod.yaml:
              prod.yaml:2:3: a: first (hint: fix it)
              prod.yaml:9:1: b: second
              prod.yaml: c: no position
            """)
        let single = ConfigErrors(issues: [ConfigIssue(path: "", line: 1, column: 2, message: "bad")]).lakeError
        #expect(single.message == "lake.yaml:1:2: bad")
    }

    @Test("configs built in code are validated too, with paths but no lines")
    func codeBuilt() throws {
        var config = LakeConfig(teams: [TeamConfig(name: "demoteam")], datasets: [DatasetConfig(name: "x", team: "demoteam", pipeline: "main")])
        config.pipelines = [PipelineConfig(name: "main", stageB: StageBConfig(maxItems: 0))]
        let errors = try #require(throws: ConfigErrors.self) { try ConfigLoader.validate(config, registry: .builtIn) }
        #expect(errors.issues.map(\.path) == ["pipelines.main.stage_b.max_items", "datasets.x"])
        #expect(errors.issues.allSatisfy { $0.line == nil })
    }
}
