import Foundation
import LakeTestSupport
import Testing

@testable import LakeFormats

@Suite("JSON reader against Python's json module", .blocking)
struct JSONFuzzTests {
    static let generate = #"""
    import json, random, sys
    rng = random.Random(int(sys.argv[2]))
    def value(depth):
        k = rng.randrange(9 if depth < 3 else 6)
        if k == 0: return None
        if k == 1: return rng.random() < 0.5
        if k == 2: return rng.randrange(-10**20, 10**20)
        if k == 3: return rng.uniform(-1e6, 1e6)
        if k in (4, 5): return "".join(rng.choice(['a', '"', '\\', '\n', 'é', '😀', '\u0001', ' ', '/']) for _ in range(rng.randrange(6)))
        if k in (6, 7): return {"k%d" % i: value(depth + 1) for i in range(rng.randrange(3))}
        return [value(depth + 1) for _ in range(rng.randrange(3))]
    recs = [{"id": i, **{"f%d" % j: value(0) for j in range(rng.randrange(1, 5))}} for i in range(200)]
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        if sys.argv[3] == "lines":
            for r in recs: f.write(json.dumps(r, ensure_ascii=rng.random() < 0.5) + "\n")
        else:
            json.dump(recs, f, indent=rng.choice([None, 1]))
    """#

    static let compare = #"""
    import json, sys
    recs = json.load(open(sys.argv[1])) if sys.argv[3] == "array" else [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
    ours = json.load(open(sys.argv[2]))
    names, rows = ours["names"], ours["rows"]
    def flat(obj, prefix, out):
        for k, v in obj.items():
            if isinstance(v, dict) and v: flat(v, prefix + k + ".", out)
            elif isinstance(v, dict): pass
            else: out[prefix + k] = v
        return out
    problems = []
    if len(rows) != len(recs): problems.append("rows %d vs %d" % (len(rows), len(recs)))
    for i, (rec, row) in enumerate(zip(recs, rows)):
        f = flat(rec, "", {})
        got = {n: row[j] for j, n in enumerate(names) if j < len(row) and row[j] is not None}
        for k, v in f.items():
            if v is None:
                if k in got: problems.append("row %d %s: expected null" % (i, k))
                continue
            g = got.get(k)
            if g is None: problems.append("row %d %s missing" % (i, k)); continue
            if isinstance(v, bool): ok = g == ("true" if v else "false")
            elif isinstance(v, (int, float)): ok = float(g) == float(v)
            elif isinstance(v, str): ok = g == v
            else: ok = json.loads(g) == v
            if not ok: problems.append("row %d %s: %r vs %r" % (i, k, g, v))
    print("\n".join(problems[:10]))
    """#

    @Test("random records: values, escapes, nesting, numbers", arguments: ["lines", "array"])
    func matchesPython(_ layout: String) throws {
        let d = TempDir()
        for seed in [1, 2] {
            let input = d.path("in-\(seed).json")
            _ = try python(Self.generate, [input.path, "\(seed)", layout])
            for block in [64, 1000, 1 << 20] {
                let reader = try JSONReader(url: input, options: JSONOptions(blockSize: block, batchRows: 17))
                var rows: [[String?]] = []
                while let batch = try reader.nextTextRows() { rows += batch.rows }
                let ours = ["names": reader.columnNames, "rows": rows.map { $0.map { $0 as Any? ?? NSNull() } }] as [String: Any]
                let out = d.path("ours.json")
                try JSONSerialization.data(withJSONObject: ours).write(to: out)
                let problems = try python(Self.compare, [input.path, out.path, layout])
                #expect(problems.trimmingCharacters(in: .whitespacesAndNewlines) == "", "seed \(seed) block \(block)")
            }
        }
    }
}
