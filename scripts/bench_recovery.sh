#!/usr/bin/env bash
# Crash recovery on the embedded backend: lands FILES small files, starts `lake run`, kills it
# with SIGKILL after a random 0.5-3 s, then times `lake process --until-idle` and checks that
# every row reached analytics exactly once. Repeats TRIALS times.
#
# usage: scripts/bench_recovery.sh [FILES] [TRIALS]
set -euo pipefail
cd "$(dirname "$0")/.."
FILES=${1:-2000}
TRIALS=${2:-3}
swift build -c release --product lake >/dev/null
LAKE="$(swift build -c release --show-bin-path)/lake"
for trial in $(seq 1 "$TRIALS"); do
  DIR=$(mktemp -d /tmp/swiftlake-bench-recovery-XXXXXX)
  cat > "$DIR/lake.yaml" <<YAML
environment: bench
storage: {backend: embedded, path: .lake}
teams: {sales: {}}
pipelines:
  main:
    type: standard
    stage_a: {transform: json-flatten}
    stage_b: {transform: concat, trigger: event, max_items: 100, max_concurrent: 2}
datasets:
  orders: {team: sales, pipeline: main}
YAML
  mkdir -p "$DIR/in"
  python3 - "$DIR/in" "$FILES" <<'PY'
import sys, os
d, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    with open(os.path.join(d, f"f{i:06d}.jsonl"), "w") as f:
        f.write('{"id": %d, "v": "x%d"}\n' % (i, i))
PY
  (cd "$DIR" && "$LAKE" ingest in --team sales --dataset orders --table events >/dev/null)
  (cd "$DIR" && exec "$LAKE" run >/dev/null 2>&1) &
  RUN_PID=$!
  DELAY=$(python3 -c "import random; print(round(random.uniform(0.5, 3.0), 2))")
  sleep "$DELAY"
  kill -9 "$RUN_PID" 2>/dev/null || true
  wait "$RUN_PID" 2>/dev/null || true
  START=$(date +%s.%N)
  (cd "$DIR" && "$LAKE" process --until-idle >/dev/null)
  END=$(date +%s.%N)
  python3 - "$DIR" "$FILES" "$DELAY" "$START" "$END" <<'PY'
import sys, os, json, glob
d, n, delay, start, end = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
ids = []
for path in glob.glob(os.path.join(d, ".lake/analytics/sales/orders/events/**/*"), recursive=True):
    if os.path.isfile(path):
        ids += [json.loads(line)["id"] for line in open(path) if line.strip()]
ok = len(ids) == n and len(set(ids)) == n
print(f"killed after {delay}s; restart idle in {end - start:.2f}s; rows {len(ids)} (distinct {len(set(ids))}) of {n}: {'OK' if ok else 'WRONG'}")
sys.exit(0 if ok else 1)
PY
  rm -rf "$DIR"
done
