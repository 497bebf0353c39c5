#!/usr/bin/env python3
"""CSV -> Parquet benchmark of DESIGN §6: SwiftLake against pyarrow and DuckDB.

Generates the standard 14-column CSV (2,000,000 rows by default) once, deterministically, into
a cache directory, then runs every converter N times, alternating, each in its own child
process, and reports the median throughput (MB/s of CSV input), peak RSS of the child, output
size, and SwiftLake's ratio to each peer.

SwiftLake runs as `lake convert IN OUT` when the release binary exists (default
.build/release/lake). Until the CLI exposes it, pass --swift-test-binary (the release test
bundle, e.g. .build/release/SwiftLakePackageTests.xctest): the script then runs the
`convertBenchmark` test with LAKE_BENCH_CSV / LAKE_BENCH_OUT set.

    python3 scripts/bench_convert.py                 # full run, 3 rounds
    python3 scripts/bench_convert.py --rows 200000 --runs 1 --json
    python3 scripts/bench_convert.py --zstd          # also every converter writing ZSTD
    python3 scripts/bench_convert.py --nested        # also nested JSON Lines (~200 MB) -> Parquet

The default runners write SNAPPY (the figures DESIGN §6 tracks); --zstd adds ZSTD runs of
SwiftLake (level 3), single-threaded pyarrow and DuckDB (their default levels), each compared
with SwiftLake's ZSTD run. --nested adds the nested-JSON case: a JSON Lines file of about
200 MB (700,000 records with nested objects, lists of objects and lists of scalars) converted
by `lake convert --nested keep`, pyarrow `read_json` + `write_table` and DuckDB `read_json` ->
COPY, single- and two-threaded; each is compared with SwiftLake's nested run.
"""
import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

COLUMNS = [
    "event_id", "user_id", "session_id", "country", "device", "event_type", "quantity",
    "price", "discount", "score", "event_time", "is_active", "note", "rating",
]
COUNTRIES = ["US", "DE", "FR", "GB", "JP", "BR", "IN", "CA", "ES", "IT", "NL", "SE"]
DEVICES = ["mobile", "desktop", "tablet", "tv", "watch"]
EVENTS = ["view", "click", "add_to_cart", "purchase", "search", "share", "logout", "login"]
WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
         "juliet", "kilo", "lima", "mike", "november", "oscar", "papa"]


def generate(path, rows, seed=42):
    """Writes the standard CSV: strings quoted, nulls as empty unquoted fields."""
    rng = random.Random(seed)
    base = 1_795_000_000  # 2026-11-18
    tmp = path + ".part"
    with open(tmp, "w", newline="") as f:
        f.write(",".join(COLUMNS) + "\n")
        out = []
        for i in range(rows):
            r = rng.random
            session = "%016x%016x" % (rng.getrandbits(64), rng.getrandbits(64))
            t = base + i * 3 + int(r() * 3)
            tm = time.gmtime(t)
            discount = "" if r() < 0.4 else "%.2f" % (r() * 50)
            note = "" if r() < 0.7 else '"%s %s %d"' % (rng.choice(WORDS), rng.choice(WORDS), rng.randrange(1000))
            rating = "" if r() < 0.1 else "%.3f" % (r() * 5)
            out.append(
                '%d,%d,"%s","%s","%s","%s",%d,%.2f,%s,%.6f,%04d-%02d-%02dT%02d:%02d:%02d,%s,%s,%s\n' % (
                    5_000_000_000 + i, rng.randrange(1, 5_000_000_000), session,
                    rng.choice(COUNTRIES), rng.choice(DEVICES), rng.choice(EVENTS),
                    rng.randrange(-1000, 100000), r() * 1000, discount, rng.gauss(0, 1),
                    tm.tm_year, tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                    "true" if r() < 0.5 else "false", note, rating))
            if len(out) >= 50_000:
                f.write("".join(out))
                out = []
        f.write("".join(out))
    os.replace(tmp, path)


PYARROW = r"""
import sys, pyarrow as pa, pyarrow.csv as pc, pyarrow.parquet as pq
threads = sys.argv[3]
if threads == "1":
    pa.set_cpu_count(1); pa.set_io_thread_count(1)
t = pc.read_csv(sys.argv[1], read_options=pc.ReadOptions(use_threads=threads != "1"))
pq.write_table(t, sys.argv[2], compression=sys.argv[4] if len(sys.argv) > 4 else "snappy")
"""

DUCKDB = r"""
import sys, duckdb
con = duckdb.connect()
con.execute("SET threads=%d" % int(sys.argv[3]))
con.execute("SET preserve_insertion_order=true")
con.execute("COPY (SELECT * FROM read_csv('%s')) TO '%s' (FORMAT parquet, COMPRESSION %s)"
            % (sys.argv[1].replace("'", "''"), sys.argv[2].replace("'", "''"),
               sys.argv[4] if len(sys.argv) > 4 else "snappy"))
"""


PYARROW_JSON = r"""
import sys, pyarrow as pa, pyarrow.json as pj, pyarrow.parquet as pq
threads = sys.argv[3]
if threads == "1":
    pa.set_cpu_count(1); pa.set_io_thread_count(1)
t = pj.read_json(sys.argv[1], read_options=pj.ReadOptions(use_threads=threads != "1"))
pq.write_table(t, sys.argv[2], compression="snappy")
"""

DUCKDB_JSON = r"""
import sys, duckdb
con = duckdb.connect()
con.execute("SET threads=%d" % int(sys.argv[3]))
con.execute("SET preserve_insertion_order=true")
con.execute("COPY (SELECT * FROM read_json('%s', format='newline_delimited')) TO '%s' (FORMAT parquet, COMPRESSION snappy)"
            % (sys.argv[1].replace("'", "''"), sys.argv[2].replace("'", "''")))
"""


def generate_nested(path, rows, seed=42):
    """Writes the nested JSON Lines file: a user object with a nested address (absent in 20%),
    a list of 0-3 item objects each with a list of tags, a list of scores, scalars around."""
    rng = random.Random(seed)
    tmp = path + ".part"
    with open(tmp, "w") as f:
        out = []
        for i in range(rows):
            r = rng.random
            user = {"id": rng.randrange(10**6), "name": "%s%d" % (rng.choice(WORDS), rng.randrange(100)),
                    "country": rng.choice(COUNTRIES),
                    "address": {"city": rng.choice(WORDS), "zip": "%05d" % rng.randrange(100000)} if r() < 0.8 else None}
            items = [{"sku": "sku-%d" % rng.randrange(5000), "qty": rng.randrange(1, 5), "price": round(r() * 100, 2),
                      "tags": [rng.choice(WORDS) for _ in range(rng.randrange(3))]} for _ in range(rng.randrange(4))]
            rec = {"id": i, "user": user, "items": items, "scores": [round(r(), 4) for _ in range(rng.randrange(5))],
                   "event_time": "2026-11-%02dT%02d:%02d:%02dZ" % (rng.randrange(1, 29), rng.randrange(24), rng.randrange(60), rng.randrange(60)),
                   "device": rng.choice(DEVICES), "active": r() < 0.5,
                   "note": None if r() < 0.7 else " ".join(rng.choice(WORDS) for _ in range(3))}
            out.append(json.dumps(rec, separators=(",", ":")) + "\n")
            if len(out) >= 10000:
                f.write("".join(out))
                out.clear()
        f.write("".join(out))
    os.rename(tmp, path)


def run_child(cmd, env=None):
    """Runs cmd, returns (seconds, peak RSS bytes, return code, stderr tail)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # Read stderr before waiting so a chatty child cannot block on a full pipe.
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss * 1024, p.returncode, err.decode(errors="replace")[-2000:]


def swift_command(args, csv, out, compression="snappy"):
    if args.swift_test_binary:
        env = dict(os.environ, LAKE_BENCH_CSV=csv, LAKE_BENCH_OUT=out, LAKE_BENCH_COMPRESSION=compression)
        return [args.swift_test_binary, "--testing-library", "swift-testing", "--filter", "convertBenchmark"], env
    return [args.lake, "convert", csv, out, "--compression", compression], None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=2_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--lake", default=".build/release/lake")
    ap.add_argument("--swift-test-binary", default=None,
                    help="release test bundle to run the convertBenchmark test when there is no lake binary")
    ap.add_argument("--cache-dir", default=os.path.join(
        os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "swiftlake-bench"))
    ap.add_argument("--only", default=None, help="comma-separated subset of runner names")
    ap.add_argument("--json", action="store_true", help="print machine-readable results")
    ap.add_argument("--zstd", action="store_true", help="also run every converter writing ZSTD")
    ap.add_argument("--nested", action="store_true", help="also run the nested JSON Lines case")
    ap.add_argument("--nested-rows", type=int, default=700_000, help="records of the nested JSON file")
    args = ap.parse_args()

    os.makedirs(args.cache_dir, exist_ok=True)
    csv = os.path.join(args.cache_dir, "standard-v2-%d.csv" % args.rows)
    if not os.path.exists(csv):
        print("generating %s ..." % csv, file=sys.stderr)
        generate(csv, args.rows)
    csv_bytes = os.path.getsize(csv)
    work = tempfile.mkdtemp(prefix="bench-convert-")
    py = sys.executable

    runners = {}
    inputs = {}
    if not args.swift_test_binary and not os.path.exists(args.lake) and os.path.exists(".build/bench/lake-bench-convert"):
        args.lake = ".build/bench/lake-bench-convert"  # scripts/build_bench_tool.sh, until the CLI has convert
    if args.swift_test_binary or os.path.exists(args.lake):
        runners["swiftlake"] = lambda out: swift_command(args, csv, out)
    else:
        print("no %s and no --swift-test-binary: SwiftLake is skipped" % args.lake, file=sys.stderr)
    runners["pyarrow-1t"] = lambda out: ([py, "-c", PYARROW, csv, out, "1"], None)
    runners["pyarrow"] = lambda out: ([py, "-c", PYARROW, csv, out, "0"], None)
    runners["duckdb-1t"] = lambda out: ([py, "-c", DUCKDB, csv, out, "1"], None)
    runners["duckdb-2t"] = lambda out: ([py, "-c", DUCKDB, csv, out, "2"], None)
    if args.zstd:
        if "swiftlake" in runners:
            runners["swiftlake-zstd"] = lambda out: swift_command(args, csv, out, "zstd")
        runners["pyarrow-1t-zstd"] = lambda out: ([py, "-c", PYARROW, csv, out, "1", "zstd"], None)
        runners["duckdb-1t-zstd"] = lambda out: ([py, "-c", DUCKDB, csv, out, "1", "zstd"], None)
    if args.nested:
        nested = os.path.join(args.cache_dir, "nested-v1-%d.jsonl" % args.nested_rows)
        if not os.path.exists(nested):
            print("generating %s ..." % nested, file=sys.stderr)
            generate_nested(nested, args.nested_rows)
        if args.swift_test_binary is None and os.path.exists(args.lake):
            runners["swiftlake-nested"] = lambda out: ([args.lake, "convert", nested, out, "--nested", "keep"], None)
        runners["pyarrow-1t-nested"] = lambda out: ([py, "-c", PYARROW_JSON, nested, out, "1"], None)
        runners["pyarrow-nested"] = lambda out: ([py, "-c", PYARROW_JSON, nested, out, "0"], None)
        runners["duckdb-1t-nested"] = lambda out: ([py, "-c", DUCKDB_JSON, nested, out, "1"], None)
        runners["duckdb-2t-nested"] = lambda out: ([py, "-c", DUCKDB_JSON, nested, out, "2"], None)
        for name in runners:
            if name.endswith("-nested"):
                inputs[name] = nested
    if args.only:
        keep = set(args.only.split(","))
        runners = {k: v for k, v in runners.items() if k in keep}

    results = {name: {"seconds": [], "rss": [], "bytes": 0} for name in runners}
    for i in range(args.runs):
        for name, make in runners.items():
            out = os.path.join(work, "%s-%d.parquet" % (name, i))
            cmd, env = make(out)
            secs, rss, rc, err = run_child(cmd, env)
            if rc != 0:
                print("%s failed (exit %d):\n%s" % (name, rc, err), file=sys.stderr)
                sys.exit(1)
            results[name]["seconds"].append(secs)
            results[name]["rss"].append(rss)
            results[name]["bytes"] = os.path.getsize(out)
            os.remove(out)
            print("run %d %-15s %6.2fs %6.0f MB RSS" % (i + 1, name, secs, rss / 1e6), file=sys.stderr)

    mb = csv_bytes / 1e6
    table = []
    for name, r in results.items():
        med = statistics.median(r["seconds"])
        input_mb = os.path.getsize(inputs[name]) / 1e6 if name in inputs else mb
        table.append({"name": name, "median_seconds": med, "mb_per_s": input_mb / med, "input_mb": input_mb,
                      "peak_rss_mb": max(r["rss"]) / 1e6, "output_mb": r["bytes"] / 1e6,
                      "runs": r["seconds"]})
    # Each runner is compared with SwiftLake writing the same codec.
    by_name = {t["name"]: t for t in table}
    for t in table:
        if t["name"].endswith("-nested"):
            swift = by_name.get("swiftlake-nested")
        else:
            swift = by_name.get("swiftlake-zstd" if t["name"].endswith("-zstd") else "swiftlake")
        if swift:
            t["swiftlake_ratio"] = swift["mb_per_s"] / t["mb_per_s"]
            t["swiftlake_size_ratio"] = swift["output_mb"] / t["output_mb"] if t["output_mb"] else None
    if args.json:
        print(json.dumps({"rows": args.rows, "csv_mb": mb, "results": table}, indent=2))
        return
    if any(name not in inputs for name in results):
        print("input: %s (%.1f MB, %d rows), %d runs each, medians" % (csv, mb, args.rows, args.runs))
    for path in sorted(set(inputs.values())):
        print("input: %s (%.1f MB, %d records), %d runs each, medians" % (path, os.path.getsize(path) / 1e6, args.nested_rows, args.runs))
    print("%-15s %9s %8s %12s %11s %12s %12s" % ("converter", "MB/s", "seconds", "peak RSS MB", "output MB",
                                                "SwiftLake x", "size ratio"))
    for t in table:
        ratio = "%.2f" % t["swiftlake_ratio"] if "swiftlake_ratio" in t else "-"
        size = "%.3f" % t["swiftlake_size_ratio"] if t.get("swiftlake_size_ratio") else "-"
        print("%-15s %9.1f %8.2f %12.0f %11.1f %12s %12s" % (t["name"], t["mb_per_s"], t["median_seconds"],
                                                            t["peak_rss_mb"], t["output_mb"], ratio, size))


if __name__ == "__main__":
    main()
