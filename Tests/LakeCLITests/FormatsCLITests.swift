import Foundation
import LakeTestSupport
import Testing

@Suite(.blocking) struct FormatsCLITests {
    @Test func convertSchemaCatAndMetaWorkTogether() throws {
        let dir = try TempDir()
        try dir.write("in.csv", "id;name;price;day\n1;\"Ada; L\";2.5;2026-11-22\n2;Zoë;;2026-11-23\n3;\"say \"\"hi\"\"\";-1e3;2026-11-24\n")
        let schema = try LakeBinary.run(["schema", "in.csv"], in: dir.url)
        #expect(schema.status == 0, "\(schema.stderr)")
        #expect(schema.stdout.contains(#""name": "price", "type": "double""#))
        try dir.write("schema.json", schema.stdout.replacingOccurrences(of: #""name": "id", "type": "int32""#, with: #""name": "id", "type": "int64""#))

        let convert = try LakeBinary.run(["convert", "in.csv", "out.parquet", "--schema", "schema.json", "--compression", "gzip", "--json"], in: dir.url)
        #expect(convert.status == 0, "\(convert.stderr)")
        let summary = try #require(convert.json as? [String: Any])
        #expect(summary["rows"] as? Int == 3)

        let cat = try LakeBinary.run(["cat", "out.parquet", "--limit", "2"], in: dir.url)
        let lines = cat.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first == #"{"id":1,"name":"Ada; L","price":2.5,"day":"2026-11-22"}"#)

        let meta = try LakeBinary.run(["parquet-meta", "out.parquet", "--json"], in: dir.url)
        #expect(meta.status == 0)
        #expect(meta.stdout.contains("GZIP"))

        // pyarrow reads the same values.
        let out = try Python.run("""
        import pyarrow.parquet as pq, sys
        t = pq.read_table(sys.argv[1])
        print(t.schema.field('id').type, t.column('name').to_pylist(), t.column('price').to_pylist())
        """, [dir.url.appendingPathComponent("out.parquet").path])
        #expect(out.contains(#"int64 ['Ada; L', 'Zoë', 'say "hi"'] [2.5, None, -1000.0]"#))
    }

    /// Nested JSON Lines large enough to be read in chunks with whole records decoded while
    /// reading; a value deep in the input widens the inferred schema.
    @Test func nestedJSONLinesWidenThroughTheCLI() throws {
        let dir = try TempDir()
        var lines: [String] = []
        for i in 0..<30_000 {
            let score = i == 25_000 ? #""n/a""# : String(Double(i) / 8)
            lines.append(#"{"id":\#(i),"user":{"name":"u\#(i % 100)","tags":["a","b\#(i % 3)"]},"score":\#(score)}"#)
        }
        try dir.write("in.jsonl", lines.joined(separator: "\n") + "\n")
        let text = try LakeBinary.run(["convert", "in.jsonl", "out.parquet", "--nested", "keep"], in: dir.url)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stderr.contains("note: column 'score' widened from double to string"), "\(text.stderr)")
        #expect(text.stderr.contains("converted 2 times"), "\(text.stderr)")
        let json = try LakeBinary.run(["convert", "in.jsonl", "out.parquet", "--nested", "keep", "--json"], in: dir.url)
        let summary = try #require(json.json as? [String: Any])
        #expect(summary["passes"] as? Int == 2 && summary["rows"] as? Int == 30_000)
        let widenings = try #require(summary["widenings"] as? [[String: Any]])
        #expect(widenings.count == 1 && widenings.first?["column"] as? String == "score")
        #expect(widenings.first?["from"] as? String == "double" && widenings.first?["to"] as? String == "string")
        let out = try Python.run("""
        import pyarrow.parquet as pq, sys
        t = pq.read_table(sys.argv[1])
        print(t.num_rows, t.column('score')[25000], t.column('score')[24999], t.column('user')[29999].as_py())
        """, [dir.url.appendingPathComponent("out.parquet").path])
        #expect(out.contains("30000 n/a 3124.875 {'name': 'u99', 'tags': ['a', 'b2']}"), "\(out)")
    }

    @Test func invalidUTF8StopsOrIsReplaced() throws {
        let dir = try TempDir()
        let bytes: [UInt8] = Array(#"{"id":1,"u":{"name":"ok"}}"#.utf8) + [10] + Array(#"{"id":2,"u":{"name":"bad"#.utf8) + [0x80] + Array(#""}}"#.utf8) + [10]
        try Data(bytes).write(to: dir.url.appendingPathComponent("in.jsonl"))
        let stopped = try LakeBinary.run(["convert", "in.jsonl", "out.parquet", "--nested", "keep"], in: dir.url)
        #expect(stopped.status != 0)
        #expect(stopped.stderr.contains("not valid UTF-8") && stopped.stderr.contains("line=2") && stopped.stderr.contains("--invalid-utf8 replace"), "\(stopped.stderr)")
        let replaced = try LakeBinary.run(["convert", "in.jsonl", "out.parquet", "--nested", "keep", "--invalid-utf8", "replace"], in: dir.url)
        #expect(replaced.status == 0, "\(replaced.stderr)")
        let out = try Python.run("""
        import pyarrow.parquet as pq, sys
        print(pq.read_table(sys.argv[1]).column('u').to_pylist())
        """, [dir.url.appendingPathComponent("out.parquet").path])
        #expect(out.contains("[{'name': 'ok'}, {'name': 'bad\u{FFFD}'}]"), "\(out)")
        let bad = try LakeBinary.run(["convert", "in.jsonl", "out.parquet", "--invalid-utf8", "drop"], in: dir.url)
        #expect(bad.status != 0 && bad.stderr.contains("--invalid-utf8 takes error or replace"), "\(bad.stderr)")
    }

    @Test func badInputsGiveClearErrorsAndExitCodes() throws {
        let dir = try TempDir()
        try dir.write("not.parquet", "hello world, not parquet at all")
        let cat = try LakeBinary.run(["cat", "not.parquet"], in: dir.url)
        #expect(cat.status == 1)
        #expect(cat.stderr.contains("not.parquet"))
        let missing = try LakeBinary.run(["convert", "missing.csv", "x.parquet"], in: dir.url)
        #expect(missing.status == 2)
        let badCodec = try LakeBinary.run(["convert", "not.parquet", "x.parquet", "--compression", "lz5"], in: dir.url)
        #expect(badCodec.status == 2)
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("x.parquet").path))
    }
}

@Suite(.serialized, .blocking) struct WLMCLITests {
    let config = """
    environment: dev
    teams:
      tm: {}
    pipelines:
      main:
        stage_a: {transform: json-flatten}
        stage_b: {transform: parquet, trigger: event, max_items: 20, max_concurrent: 2}
    datasets:
      sales:
        team: tm
        pipeline: main
        tables:
          backlog: {priority: LOW}
          urgent: {priority: HIGH}
    wlm:
      levels: [HIGH, LOW]
      default: LOW

    """

    @Test func highBurstOvertakesLowBacklogAndCapHolds() throws {
        let dir = try TempDir()
        try dir.write("lake.yaml", config)
        for i in 0..<300 { try dir.write("low/l\(i).json", #"{"id":\#(i),"v":"low"}"#) }
        for i in 0..<40 { try dir.write("high/h\(i).json", #"{"id":\#(i),"v":"high"}"#) }
        #expect(try LakeBinary.run(["ingest", "low", "--team", "tm", "--dataset", "sales", "--table", "backlog"], in: dir.url).status == 0)
        #expect(try LakeBinary.run(["ingest", "high", "--team", "tm", "--dataset", "sales", "--table", "urgent"], in: dir.url).status == 0)
        let processed = try LakeBinary.run(["process", "--until-idle"], in: dir.url)
        #expect(processed.status == 0, "\(processed.stderr)")
        let rows = try #require(try LakeBinary.run(["executions", "--json", "--stage", "b", "--limit", "1000"], in: dir.url).json as? [[String: Any]])
        struct Run { var start: String; var end: String; var high: Bool; var keys: Int }
        let runs = rows.compactMap { r -> Run? in
            guard let s = r["startedAt"] as? String, let e = r["endedAt"] as? String, let keys = r["inputKeys"] as? [String] else { return nil }
            return Run(start: s, end: e, high: keys.first?.contains("/urgent/") == true, keys: keys.count)
        }.sorted { $0.start < $1.start }
        #expect(runs.filter(\.high).reduce(0) { $0 + $1.keys } == 40)
        #expect(runs.filter { !$0.high }.reduce(0) { $0 + $1.keys } == 300)
        // HIGH work starts before most of the older LOW backlog.
        let lowKeysBeforeHigh = runs.prefix { !$0.high }.reduce(0) { $0 + $1.keys }
        #expect(lowKeysBeforeHigh < 150, "\(lowKeysBeforeHigh) LOW keys started before the first HIGH batch")
        let lastHigh = try #require(runs.lastIndex { $0.high })
        #expect(runs[(lastHigh + 1)...].reduce(0) { $0 + $1.keys } >= 150, "most of the LOW backlog runs after the HIGH burst")
        // At no instant more than 2 stage-B executions.
        var events = runs.flatMap { [($0.start, 1), ($0.end, -1)] }
        events.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var current = 0
        var peak = 0
        for (_, d) in events {
            current += d
            peak = max(peak, current)
        }
        #expect(peak <= 2)

        let status = try LakeBinary.run(["wlm", "status", "--json"], in: dir.url)
        let doc = try #require(status.json as? [String: Any])
        let levels = try #require(doc["levels"] as? [[String: Any]])
        #expect(levels.contains { $0["level"] as? String == "HIGH" && ($0["startedLastHour"] as? Int ?? 0) >= 2 })
    }

    @Test func prioritiesAreManagedAndImported() throws {
        let dir = try TempDir()
        try dir.write("lake.yaml", config)
        try dir.write("wlm.json", #"{"sales": [{"table_name": "regions", "priority": "HIGH"}, {"table_name": "backlog", "priority": "HIGH"}]}"#)
        #expect(try LakeBinary.run(["wlm", "import", "wlm.json", "--team", "tm"], in: dir.url).status == 0)
        let regions = try LakeBinary.run(["wlm", "get", "tm/sales/regions", "--json"], in: dir.url)
        #expect((regions.json as? [String: String])?["level"] == "HIGH")
        #expect((regions.json as? [String: String])?["source"] == "import")
        #expect(try LakeBinary.run(["wlm", "set", "tm/sales/regions", "LOW"], in: dir.url).status == 0)
        let after = try LakeBinary.run(["wlm", "get", "tm/sales/regions", "--json"], in: dir.url)
        #expect((after.json as? [String: String])?["level"] == "LOW")
        let unknown = try LakeBinary.run(["wlm", "get", "tm/sales/nosuch", "--json"], in: dir.url)
        #expect((unknown.json as? [String: String])?["level"] == "LOW")
        #expect((unknown.json as? [String: String])?["source"] == "default")
        let bad = try LakeBinary.run(["wlm", "set", "tm/sales/regions", "URGENT"], in: dir.url)
        #expect(bad.status == 2)
        let list = try LakeBinary.run(["wlm", "list", "--json"], in: dir.url)
        let rows = try #require(list.json as? [[String: Any]])
        #expect(rows.count == 3)
    }
}
