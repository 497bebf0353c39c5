import Foundation
import LakeCore
import Testing
@testable import LakeYAML

@Suite("DDK parameters.json import")
struct DDKImportTests {
    private let base = URL(fileURLWithPath: "/tmp/ddk-import")

    private func importing(_ json: String, environment: String = "dev") throws -> (config: LakeConfig, yaml: String, notes: [String]) {
        try DDKImporter.importParameters(data: Data(json.utf8), environment: environment, baseDirectory: base)
    }

    /// The issues `lake config validate` would print for the imported text.
    private func validationIssues(_ yaml: String) -> [ConfigIssue] {
        do {
            _ = try ConfigLoader.load(yaml: yaml, baseDirectory: base, registry: .builtIn)
            return []
        } catch {
            return error.issues
        }
    }

    @Test("an entry with only team and dataset gets every DDK default")
    func defaultsOnly() throws {
        let result = try importing(#"{"dev": [{"team": "demoteam", "dataset": "legislators"}]}"#)
        #expect(result.config.teams == [TeamConfig(name: "demoteam")])
        #expect(result.config.pipelines == [PipelineConfig(
            name: "main", stageA: StageAConfig(transform: "json-flatten"), stageB: StageBConfig(transform: "parquet", trigger: .event))])
        #expect(result.config.datasets == [DatasetConfig(name: "legislators", team: "demoteam", pipeline: "main")])
        #expect(result.config.environment == "dev")
        #expect(result.notes.contains("entry 1 (demoteam/legislators): no pipeline given, using standard (the DDK default)"))
        #expect(result.notes.contains("entry 1 (demoteam/legislators): no stage_a_transform given, using sdlf_light_transform (the DDK default)"))
        #expect(result.notes.contains("entry 1 (demoteam/legislators): no stage_b_transform given, using sdlf_heavy_transform (the DDK default)"))
        #expect(result.notes.contains("sdlf_light_transform is SwiftLake's json-flatten and sdlf_heavy_transform is parquet"))
        #expect(!result.yaml.contains("# transforms:"))
        #expect(validationIssues(result.yaml).isEmpty)
        let loaded = try ConfigLoader.load(yaml: result.yaml, baseDirectory: base, registry: .builtIn)
        #expect(loaded == result.config)
    }

    @Test("custom transform names stay on the dataset; validation reports exactly those as undefined")
    func customNames() throws {
        let json = """
            {"dev": [
              {"team": "demoteam", "pipeline": "standard", "dataset": "legislators",
               "config": {"stage_a_transform": "sdlf_light_transform", "stage_b_transform": "legislators_heavy"}},
              {"team": "engineering", "dataset": "clicks",
               "config": {"stage_a_transform": "clicks_light", "stage_b_transform": "sdlf_heavy_transform"}},
              {"team": "engineering", "dataset": "orders",
               "config": {"stage_a_transform": "clicks_light", "stage_b_transform": "parquet"}}
            ],
             "prod": []}
            """
        let result = try importing(json)
        #expect(result.config.teams.map(\.name) == ["demoteam", "engineering"])
        #expect(result.config.datasets.map(\.stageA.transform) == [nil, "clicks_light", "clicks_light"])
        #expect(result.config.datasets.map(\.stageB.transform) == ["legislators_heavy", nil, nil])
        #expect(result.yaml.contains("# transforms:\n#   legislators_heavy:\n#     stage: b\n#     uses: command"))
        #expect(result.yaml.contains("#   clicks_light:\n#     stage: a\n"))
        #expect(result.notes.contains("other environments in the file, not imported: prod"))
        #expect(result.notes.contains { $0.hasPrefix("transform 'clicks_light' (stage A of engineering/clicks, engineering/orders) is not known") })

        let issues = validationIssues(result.yaml)
        #expect(issues.map(\.message).sorted() == ["transform 'clicks_light' is not defined", "transform 'clicks_light' is not defined",
                                                    "transform 'legislators_heavy' is not defined"])
        #expect(issues.map(\.path) == ["datasets.legislators.stage_b.transform", "datasets.clicks.stage_a.transform", "datasets.orders.stage_a.transform"])
        #expect(issues.allSatisfy { $0.line != nil && $0.hint?.contains("define it under transforms:") == true })

        // Uncommenting the stubs makes the file valid.
        let bound = result.yaml.replacingOccurrences(of: "\n# transforms:", with: "\ntransforms:")
            .replacingOccurrences(of: "\n#   ", with: "\n  ")
        #expect(validationIssues(bound).isEmpty)
    }

    @Test("a custom pipeline is stage A only and gets its own pipeline definition")
    func customPipeline() throws {
        let json = """
            {"dev": [
              {"team": "demoteam", "pipeline": "custom", "dataset": "light", "config": {"stage_b_transform": "ignored_heavy"}},
              {"team": "demoteam", "pipeline": "standard", "dataset": "main"}
            ]}
            """
        let result = try importing(json)
        #expect(result.config.pipelines.map(\.name) == ["standard", "custom"])
        #expect(result.config.pipelines.map(\.type) == ["standard", "custom"])
        #expect(result.config.pipelines[1].stageB == nil)
        #expect(result.config.datasets.map(\.pipeline) == ["custom", "standard"])
        #expect(result.notes.contains("entry 1 (demoteam/light): ignored stage_b_transform 'ignored_heavy', a custom pipeline runs stage A only"))
        #expect(validationIssues(result.yaml).isEmpty)
    }

    @Test("a missing environment lists those present")
    func missingEnvironment() throws {
        let error = try #require(throws: LakeError.self) {
            try importing(#"{"dev": [], "prod": []}"#, environment: "test")
        }
        #expect(error.code == .invalidConfig)
        #expect(error.message == "environment 'test' is not in parameters.json")
        #expect(error.hint == "environments present: dev, prod")
        let typo = try #require(throws: LakeError.self) { try importing(#"{"prod": []}"#, environment: "prd") }
        #expect(typo.hint == "did you mean 'prod'? environments present: prod")
        let invalid = try #require(throws: LakeError.self) { try importing(#"{"Dev": []}"#, environment: "Dev") }
        #expect(invalid.message == "'Dev' is not a valid environment name")
    }

    @Test("every unusable entry is reported at once")
    func badEntries() throws {
        let json = """
            {"dev": [
              {"dataset": "orphan"},
              {"team": "Demo-Team", "dataset": "x"},
              {"team": "demoteam", "dataset": "legislators", "pipeline": "streaming"},
              {"team": "demoteam", "dataset": "ok"},
              {"team": "demoteam", "dataset": "ok"},
              42
            ]}
            """
        let error = try #require(throws: LakeError.self) { try importing(json) }
        let lines = error.message.split(separator: "\n").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines == [
            "entry 1 (?/orphan): no team given; every entry needs \"team\"",
            "entry 2 (Demo-Team/x): team 'Demo-Team' is not a valid team name: use 2-12 lowercase letters or digits (no capitals, '-', '_' or spaces), e.g. 'demoteam'",
            "entry 2 (Demo-Team/x): dataset 'x' is not a valid dataset name: use 2-14 lowercase letters or digits (no capitals, '-', '_' or spaces)",
            "entry 3 (demoteam/legislators): pipeline 'streaming' is not a pipeline type; use one of \"custom\", \"standard\"",
            "entry 5 (demoteam/ok): this dataset is already listed; each team/dataset pair must appear once",
        ])
    }

    @Test("older shapes: one entry object, or entries keyed by dataset; ignored keys are noted")
    func olderShapes() throws {
        let single = try importing(#"{"dev": {"team": "demoteam", "dataset": "legislators", "org": "acme", "config": {"min_items_process": 5}}}"#)
        #expect(single.config.datasets.map(\.ref.description) == ["demoteam/legislators"])
        #expect(single.notes.contains("environment 'dev' holds a single entry object instead of a list (older form); read it as one entry"))
        #expect(single.notes.contains("entry 1 (demoteam/legislators): ignored key 'org'"))
        #expect(single.notes.contains("entry 1 (demoteam/legislators): ignored config key 'min_items_process'"))

        let keyed = try importing(#"{"dev": {"persons": {"team": "demoteam"}, "areas": {"team": "demoteam", "dataset": "regions"}}}"#)
        #expect(keyed.config.datasets.map(\.name) == ["regions", "persons"])
        #expect(keyed.notes.contains("entry 2: no dataset given, using its key 'persons'"))
    }

    @Test("pipeline names avoid dataset names")
    func pipelineNames() throws {
        #expect(DDKConfigBuilder.pipelineName(for: "standard", avoiding: ["main"]) == "standard")
        #expect(DDKConfigBuilder.pipelineName(for: "standard", avoiding: ["main", "standard", "std", "stdpipe"]) == "main2")
        #expect(DDKConfigBuilder.pipelineName(for: "custom", avoiding: []) == "light")
    }

    @Test("not JSON, or not an object of environments")
    func notJSON() throws {
        let broken = try #require(throws: LakeError.self) { try importing("{not json") }
        #expect(broken.message == "parameters.json is not valid JSON")
        let list = try #require(throws: LakeError.self) { try importing("[]") }
        #expect(list.message.hasPrefix("parameters.json must be an object keyed by environment"))
        let empty = try #require(throws: LakeError.self) { try importing(#"{"dev": []}"#) }
        #expect(empty.message.contains("environment 'dev' lists no datasets"))
    }
}
