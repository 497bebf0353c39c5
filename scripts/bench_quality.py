#!/usr/bin/env python3
"""Data-quality benchmark (issue 12): a 12-rule DQDL suite checked by `lake dq check` on the
standard Parquet file (the 2M-row benchmark CSV of bench_convert.py, converted once by
`lake convert`), against DuckDB computing the same metrics in one SQL query with 2 threads.
Each runner is a child process, alternating, N rounds; the script reports median seconds,
peak RSS and SwiftLake's speed ratio to DuckDB (>1: SwiftLake faster).

    python3 scripts/bench_quality.py                  # 2M rows, 3 rounds
    python3 scripts/bench_quality.py --rows 200000 --runs 1 --json
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_convert import generate, run_child  # noqa: E402

RULES = """Rules = [
    RowCount > 0,
    IsComplete "event_id",
    IsUnique "event_id",
    Completeness "discount" > 0.5,
    ColumnValues "country" in ["US", "DE", "FR", "GB", "JP", "BR", "IN", "CA", "ES", "IT", "NL", "SE"],
    ColumnValues "quantity" between -1001 and 100000,
    Mean "price" between 400 and 600,
    StandardDeviation "score" between 0.9 and 1.1,
    Sum "quantity" > 0,
    DistinctValuesCount "device" = 5,
    ColumnLength "session_id" = 32,
    ColumnValues "event_type" matches "[a-z_]+"
]
"""

DUCKDB = r"""
import sys, duckdb
c = duckdb.connect()
c.execute("SET threads TO 2")
r = c.execute('''
  SELECT count(*), count(event_id), count(DISTINCT event_id), count(discount),
         count(*) FILTER (WHERE country IN ('US','DE','FR','GB','JP','BR','IN','CA','ES','IT','NL','SE')),
         count(*) FILTER (WHERE quantity > -1001 AND quantity < 100000),
         avg(price), stddev_pop(score), sum(quantity), count(DISTINCT device),
         count(*) FILTER (WHERE length(session_id) = 32),
         count(*) FILTER (WHERE regexp_full_match(event_type, '[a-z_]+'))
  FROM read_parquet(?)''', [sys.argv[1]]).fetchone()
print(r)
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=2_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--lake", default=".build/release/lake")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--cache-dir", default=os.path.join(
        os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "swiftlake-bench"))
    args = ap.parse_args()
    if not os.path.exists(args.lake):
        sys.exit(f"{args.lake} is missing: build it with `swift build -c release --product lake`")
    os.makedirs(args.cache_dir, exist_ok=True)
    csv = os.path.join(args.cache_dir, "standard-v2-%d.csv" % args.rows)
    if not os.path.exists(csv):
        print(f"generating {csv} ...", file=sys.stderr)
        generate(csv, args.rows)
    parquet = os.path.join(args.cache_dir, "standard-v2-%d.parquet" % args.rows)
    if not os.path.exists(parquet):
        subprocess.run([args.lake, "convert", csv, parquet], check=True, stdout=subprocess.DEVNULL)
    rules = os.path.join(args.cache_dir, "bench-quality.dqdl")
    with open(rules, "w") as f:
        f.write(RULES)

    runners = {
        "swiftlake": [args.lake, "dq", "check", parquet, "--rules", rules, "--json"],
        "duckdb-2t": [sys.executable, "-c", DUCKDB, parquet],
    }
    results = {name: [] for name in runners}
    for _ in range(args.runs):
        for name, cmd in runners.items():
            seconds, rss, code, err = run_child(cmd)
            if code not in (0, 1):
                sys.exit(f"{name} failed ({code}): {err}")
            results[name].append((seconds, rss))
    summary = {}
    for name, runs in results.items():
        summary[name] = {
            "seconds": statistics.median(s for s, _ in runs),
            "peak_rss_mb": max(r for _, r in runs) / (1 << 20),
        }
    ratio = summary["duckdb-2t"]["seconds"] / summary["swiftlake"]["seconds"]
    report = {"rows": args.rows, "rules": 12, "runs": args.runs, "runners": summary, "swiftlake_speed_vs_duckdb_2t": ratio}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"12-rule quality check, {args.rows:,} rows ({os.path.getsize(parquet) / 1e6:.0f} MB Parquet), median of {args.runs}")
    for name, s in summary.items():
        print(f"  {name:10s} {s['seconds']:7.3f} s   peak RSS {s['peak_rss_mb']:6.0f} MB")
    print(f"  SwiftLake is {ratio:.2f}x DuckDB-2T's speed (>1 is faster); target >= 1, RSS < 256 MB")


if __name__ == "__main__":
    main()
