import Foundation
import LakeTestSupport
import Testing

@Suite(.blocking) struct LandingCLITests {
    @Test func filesDroppedIntoRawAreFoundAndDeletionsForgotten() throws {
        let dir = try TempDir()
        try dir.write("lake.yaml", twoTeamsConfig)
        // `lake process` creates the lake (`lake status` only looks); then files are dropped in
        // by hand, no `lake ingest`.
        #expect(try LakeBinary.run(["process", "--until-idle"], in: dir.url).status == 0)
        try dir.write(".lake/raw/sales/orders/events/dropped-1.jsonl", #"{"id":1}"# + "\n" + #"{"id":2}"# + "\n")
        try dir.write(".lake/raw/sales/orders/events/dropped-2.json", #"[{"id":3}]"#)
        // The watcher leaves files modified within the last second alone (they may still be written).
        Thread.sleep(forTimeInterval: 1.2)
        let processed = try LakeBinary.run(["process", "--until-idle"], in: dir.url)
        #expect(processed.status == 0, "\(processed.stderr)")
        let raw = try #require(try LakeBinary.run(["objects", "--zone", "raw", "--json"], in: dir.url).json as? [[String: Any]])
        #expect(raw.count == 2)
        let a = try #require(try LakeBinary.run(["executions", "--json", "--stage", "a"], in: dir.url).json as? [[String: Any]])
        #expect(a.count == 2)
        #expect(a.allSatisfy { $0["status"] as? String == "COMPLETED" })

        // A second run finds nothing new.
        #expect(try LakeBinary.run(["process", "--until-idle"], in: dir.url).status == 0)
        #expect((try LakeBinary.run(["executions", "--json", "--stage", "a"], in: dir.url).json as? [[String: Any]])?.count == 2)

        // Deleting a raw object by hand removes its metadata row.
        try FileManager.default.removeItem(at: dir.url.appendingPathComponent(".lake/raw/sales/orders/events/dropped-1.jsonl"))
        #expect(try LakeBinary.run(["process", "--until-idle"], in: dir.url).status == 0)
        let after = try #require(try LakeBinary.run(["objects", "--zone", "raw", "--json"], in: dir.url).json as? [[String: Any]])
        #expect(after.map { $0["key"] as? String } == ["sales/orders/events/dropped-2.json"])
    }

    @Test func customTransformBinaryRegistersItsTransform() throws {
        let dir = try TempDir()
        let example = LakeBinary.url.deletingLastPathComponent().appendingPathComponent("lake-example")
        try #require(FileManager.default.isExecutableFile(atPath: example.path), "build the lake-example target")
        try dir.write("lake.yaml", twoTeamsConfig.replacingOccurrences(of: "  orders: {team: sales, pipeline: main}", with: """
          orders:
            team: sales
            pipeline: main
            stage_a: {transform: uppercase-names}
            stage_b: {transform: concat}
        """))
        try dir.write("in/p.jsonl", #"{"id":1,"name":"ada"}"# + "\n")
        // The stock binary does not know the transform: a config error (exit 2).
        let stock = try LakeBinary.run(["config", "validate"], in: dir.url)
        #expect(stock.status == 2)
        #expect(stock.stderr.contains("uppercase-names"))
        // The example binary does.
        func run(_ args: [String]) throws -> Subprocess.Result { try Subprocess.run(example, args, directory: dir.url) }
        #expect(try run(["config", "validate"]).status == 0)
        #expect(try run(["ingest", "in", "--team", "sales", "--dataset", "orders", "--table", "people"]).status == 0)
        #expect(try run(["process", "--until-idle"]).status == 0)
        let stage = try String(contentsOf: dir.url.appendingPathComponent(".lake/stage/sales/orders/people/p.jsonl"), encoding: .utf8)
        #expect(stage.contains(#""name":"ADA""#))
    }
}
