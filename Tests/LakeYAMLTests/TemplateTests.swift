import Foundation
import LakeCore
import Testing
@testable import LakeYAML

@Suite("Templates")
struct TemplateTests {
    @Test("the starter file is valid and names one team, one standard pipeline, one dataset", arguments: ["my-lake", "Sales Data 2026", "x", "a\nb"])
    func starter(directoryName: String) throws {
        let text = ConfigTemplates.starter(directoryName: directoryName)
        let config = try #require(Fixture.load(text))
        #expect(config.teams.map(\.name) == ["myteam"])
        #expect(config.pipelines.count == 1)
        #expect(config.pipelines[0].stageA.transform == "json-flatten")
        #expect(config.pipelines[0].stageB?.transform == "parquet")
        #expect(config.datasets.map(\.ref.description) == ["myteam/events"])
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("#") }.count > 10)
    }

    @Test("the starter's app name comes from the directory when it can")
    func starterApp() throws {
        #expect(ConfigTemplates.appName(from: "my-lake") == "mylake")
        #expect(ConfigTemplates.appName(from: "Sales Data 2026") == "salesdata2026")
        #expect(ConfigTemplates.appName(from: "x") == "datalake")
        #expect(ConfigTemplates.appName(from: "données") == "donnes")
    }

    @Test("the demo config is valid and survives write -> load")
    func demo() throws {
        let base = URL(fileURLWithPath: "/tmp/lake-demo")
        let config = ConfigTemplates.demo(baseDirectory: base)
        try ConfigLoader.validate(config, registry: .builtIn)
        #expect(config.storage == .embedded(EmbeddedStorageConfig(path: "/tmp/lake-demo/.lake")))
        let dataset = try #require(config.dataset(DatasetRef(team: "demoteam", dataset: "legislators")))
        #expect(dataset.pipeline == "main")
        #expect(dataset.tables.map(\.name) == ["persons", "memberships", "organizations"])
        let main = try #require(config.pipeline(named: "main"))
        #expect(main.stageA.transform == "auto")
        #expect(main.stageB?.transform == "parquet")
        #expect(main.stageB?.trigger == .event)
        let text = ConfigWriter.write(config)
        let loaded = try ConfigLoader.load(yaml: text, baseDirectory: base, registry: .builtIn)
        #expect(loaded == config)
        #expect(text.contains("  path: .lake\n"))
    }
}

@Suite("docs/CONFIG.md")
struct DocsTests {
    @Test("the complete example in the reference loads")
    func example() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/CONFIG.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let start = try #require(text.range(of: "## A complete example\n\n```yaml\n"))
        let end = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
        let config = try #require(Fixture.load(String(text[start.upperBound..<end.lowerBound])))
        #expect(config.datasets.first?.tables.count == 3)
    }
}
