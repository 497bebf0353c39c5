import Foundation
import LakeCore
import Testing
@testable import LakeYAML

@Suite("Validation: names and references")
struct ReferenceValidationTests {
    @Test("an undefined pipeline is reported at the dataset's pipeline key, with a suggestion")
    func undefinedPipeline() throws {
        let yaml = """
            teams:
              demoteam:
            pipelines:
              main:
                stage_a: {transform: json-flatten}
              raw:
                type: custom
            datasets:
              legislators:
                team: demoteam
                pipeline: mian
            """
        let issue = try #require(Fixture.issue(at: "datasets.legislators.pipeline", in: yaml))
        #expect(issue.line == 11)
        #expect(issue.column == 5)
        #expect(issue.message == "pipeline 'mian' is not defined")
        #expect(issue.hint == "did you mean 'main'? defined pipelines: main, raw")
        let errors = ConfigErrors(issues: [issue])
        #expect(errors.description
            == "lake.yaml:11:5: datasets.legislators.pipeline: pipeline 'mian' is not defined (hint: did you mean 'main'? defined pipelines: main, raw)")
    }

    @Test("an undefined team is reported with the defined teams")
    func undefinedTeam() throws {
        let yaml = Fixture.minimal.replacingOccurrences(of: "team: demoteam", with: "team: demotaem")
        let issue = try #require(Fixture.issue(at: "datasets.legislators.team", in: yaml))
        #expect(issue.line == 9)
        #expect(issue.column == 5)
        #expect(issue.message == "team 'demotaem' is not defined")
        #expect(issue.hint == "did you mean 'demoteam'? defined teams: demoteam")
    }

    @Test("names follow DESIGN §2", arguments: [
        ("environment: Dev\n", "environment", 1),
        ("org: a\n", "org", 1),
        ("app: data-lake\n", "app", 1),
    ])
    func identityNames(line: String, path: String, expectedLine: Int) throws {
        let issue = try #require(Fixture.issue(at: path, in: line + Fixture.minimal))
        #expect(issue.line == expectedLine)
        #expect(issue.message.contains("is invalid"))
    }

    @Test("team, pipeline, dataset and table names are checked where they are written")
    func entityNames() throws {
        let yaml = """
            teams:
              Demo_Team:
            pipelines:
              mainpipeline:
                stage_a: {transform: json-flatten}
            datasets:
              legislators-2024:
                team: Demo_Team
                pipeline: mainpipeline
                tables:
                  Persons:
            """
        let issues = Fixture.issues(yaml)
        let byPath = Dictionary(grouping: issues, by: \.path)
        #expect(byPath.keys.sorted() == [
            "datasets.legislators-2024", "datasets.legislators-2024.tables.Persons", "pipelines.mainpipeline", "teams.Demo_Team",
        ])
        let team = try #require(byPath["teams.Demo_Team"]?.first)
        #expect(team.line == 2)
        #expect(team.column == 3)
        #expect(team.hint?.contains("e.g. 'demoteam'") == true)
        #expect(byPath["pipelines.mainpipeline"]?.first?.line == 4)
        #expect(byPath["datasets.legislators-2024"]?.first?.line == 7)
        #expect(byPath["datasets.legislators-2024.tables.Persons"]?.first?.line == 11)
        #expect(byPath["datasets.legislators-2024.tables.Persons"]?.first?.column == 7)
    }

    @Test("a dataset may not share its pipeline's name")
    func datasetNamedLikePipeline() throws {
        let yaml = Fixture.minimal
            .replacingOccurrences(of: "  legislators:", with: "  main:")
        let issue = try #require(Fixture.issue(at: "datasets.main", in: yaml))
        #expect(issue.line == 8)
        #expect(issue.message == "dataset 'main' has the same name as its pipeline")
    }

    @Test("priorities, the default level and max_wait keys must name WLM levels")
    func priorities() throws {
        let yaml = Fixture.minimal + """
                default_priority: MEDIUM
                tables:
                  persons: {priority: high}
            wlm:
              levels: [HIGH, LOW]
              default: NORMAL
              max_wait: {LOWER: 10m, HIGH: 1m}

            """
        let issues = Fixture.issues(yaml)
        #expect(issues.map(\.path) == [
            "datasets.legislators.default_priority", "datasets.legislators.tables.persons.priority",
            "wlm.default", "wlm.max_wait.LOWER", "wlm.max_wait.HIGH",
        ])
        #expect(issues.map(\.line) == [11, 13, 16, 17, 17])
        #expect(issues[1].hint == "did you mean 'HIGH'? defined levels (wlm.levels): HIGH, LOW")
        #expect(issues[4].message == "'HIGH' is the highest level, so it cannot age into a higher one")
    }

    @Test("wlm levels must be present, valid and unique")
    func levels() throws {
        let issues = Fixture.issues(Fixture.minimal + "wlm:\n  levels: [HIGH, LOW, HIGH, \"NOT OK\"]\n  default: LOW\n")
        #expect(issues.map(\.path) == ["wlm.levels[2]", "wlm.levels[3]"])
        #expect(issues.map(\.column) == [23, 29])
        #expect(issues.allSatisfy { $0.line == 12 })
        let empty = Fixture.issues(Fixture.minimal + "wlm:\n  levels: []\n  default: LOW\n")
        #expect(empty.map(\.path) == ["wlm.levels"])
    }

    @Test("duplicate names are errors")
    func duplicates() throws {
        let yaml = """
            teams: [demoteam, other, demoteam]
            pipelines:
              main:
                stage_a: {transform: json-flatten}
            datasets:
              legislators:
                team: demoteam
              demoteam/legislators:
                pipeline: main

            """
        let issues = Fixture.issues(yaml)
        #expect(issues.map(\.path) == ["teams.demoteam", "datasets.demoteam/legislators"])
        #expect(issues[0].message == "team 'demoteam' is defined more than once")
        #expect(issues[0].column == 26)
        #expect(issues[1].line == 8)
        #expect(issues[1].message == "dataset demoteam/legislators is defined more than once")
    }

    @Test("datasets of the same name in two teams are keyed team/name")
    func sharedDatasetNames() throws {
        let yaml = """
            teams: [alpha, beta]
            pipelines:
              main:
            datasets:
              alpha/orders: {}
              beta/orders:
                team: alpha
            """
        let issue = try #require(Fixture.issue(at: "datasets.beta/orders.team", in: yaml))
        #expect(issue.line == 7)
        #expect(issue.message == "team 'alpha' does not match the key's team 'beta'")
        let fixed = try #require(Fixture.load(yaml.replacingOccurrences(of: "    team: alpha", with: "")))
        #expect(fixed.datasets.map(\.ref.description) == ["alpha/orders", "beta/orders"])
    }

    @Test("team and pipeline default to the only one defined, and are required otherwise")
    func teamAndPipelineDefaults() throws {
        let single = try #require(Fixture.load("teams: [demoteam]\npipelines: {main: }\ndatasets: {legislators: }\n"))
        #expect(single.datasets == [DatasetConfig(name: "legislators", team: "demoteam", pipeline: "main")])
        let issues = Fixture.issues("teams: [aa, bb]\npipelines: {main: , other: }\ndatasets:\n  legislators: {}\n")
        #expect(issues.map(\.path) == ["datasets.legislators.team", "datasets.legislators.pipeline"])
        #expect(issues.map(\.line) == [4, 4])
        #expect(issues[0].hint == "add `team: <name>` (defined teams: aa, bb)")
    }
}
