#!/usr/bin/env bash
# The HTTP API under load while the lake works: builds a lake with EXECUTIONS executions
# (default 100,000, through `lake bench pipeline`), starts `lake run --http` on it, then
#   1. drains FILES more files with no HTTP load (the pipeline's own rate),
#   2. runs wrk for DURATION seconds with 8 connections on /api/v1/status and on
#      /api/v1/executions?limit=50 while the daemon drains another FILES files,
# and prints requests per second, p50/p99 latency, and the pipeline's files/s with and without
# the load. Needs wrk (Debian's package; installed when missing).
#
# usage: scripts/bench_http.sh [EXECUTIONS] [FILES] [DURATION]
set -euo pipefail
cd "$(dirname "$0")/.."
EXECUTIONS=${1:-100000}
FILES=${2:-5000}
DURATION=${3:-30}
if ! command -v wrk >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi
swift build -c release --product lake >/dev/null
LAKE="$(swift build -c release --show-bin-path)/lake"
DIR=$(mktemp -d /tmp/swiftlake-bench-http-XXXXXX)
trap 'kill "${RUN_PID:-}" 2>/dev/null || true; rm -rf "$DIR"' EXIT

echo "building a lake with about $EXECUTIONS executions..." >&2
"$LAKE" bench pipeline --files "$EXECUTIONS" --samples 0 --dir "$DIR" >/dev/null
cat > "$DIR/lake.yaml" <<YAML
environment: bench
storage: {backend: embedded, path: .lake}
teams: {bench: {}}
pipelines:
  main:
    stage_a: {transform: json-flatten, concurrency: 8}
    stage_b: {transform: concat, trigger: event, max_items: 100, max_concurrent: 2}
datasets:
  events: {team: bench, pipeline: main}
YAML
export LAKE_API_TOKEN=bench-token
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$DIR" && exec "$LAKE" run --http "127.0.0.1:$PORT" 2>"$DIR/run.log") &
RUN_PID=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
TOTAL=$(curl -sf -H "Authorization: Bearer $LAKE_API_TOKEN" "http://127.0.0.1:$PORT/api/v1/status" | python3 -c 'import json,sys; print(sum(json.load(sys.stdin)["executions"].values()))')
echo "lake: $TOTAL executions" >&2

# Writes FILES small JSON files under $1.
make_files() {
  mkdir -p "$1"
  python3 - "$1" "$FILES" <<'PY'
import sys, os
d, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    with open(os.path.join(d, f"h-{os.path.basename(d)}-{i:06d}.json"), "w") as f:
        f.write('{"id": %d, "user": "u%d", "kind": "click", "amount": %d.5, "note": "%s"}\n' % (i, i % 500, i % 1000, "x" * 200))
PY
}
# Lands FILES files and waits until every queue is empty; prints files per second.
drain() {
  make_files "$DIR/in-$1"
  local start end
  start=$(date +%s.%N)
  (cd "$DIR" && "$LAKE" ingest "in-$1" --team bench --dataset events --table events >/dev/null 2>&1)
  while :; do
    busy=$(curl -sf -H "Authorization: Bearer $LAKE_API_TOKEN" "http://127.0.0.1:$PORT/api/v1/status" \
      | python3 -c 'import json,sys; print(sum(q["visible"]+q["inFlight"]+q["delayed"] for q in json.load(sys.stdin)["queues"]))')
    [ "$busy" = "0" ] && break
    sleep 0.2
  done
  end=$(date +%s.%N)
  python3 -c "print(f'{$FILES / ($end - $start):.0f}')"
}

QUIET=$(drain quiet)
echo "pipeline without HTTP load: $QUIET files/s" >&2
drain loaded > "$DIR/loaded.txt" &
DRAIN_PID=$!
wrk -t2 -c8 -d"$((DURATION / 2))s" --latency -H "Authorization: Bearer $LAKE_API_TOKEN" "http://127.0.0.1:$PORT/api/v1/status" > "$DIR/status.txt"
wrk -t2 -c8 -d"$((DURATION / 2))s" --latency -H "Authorization: Bearer $LAKE_API_TOKEN" "http://127.0.0.1:$PORT/api/v1/executions?limit=50" > "$DIR/executions.txt"
wait "$DRAIN_PID"
LOADED=$(cat "$DIR/loaded.txt")
summary() { # file label target
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$1")
  p50=$(awk '$1=="50%" {print $2}' "$1")
  p99=$(awk '$1=="99%" {print $2}' "$1")
  echo "$2: $rps requests/s, p50 $p50, p99 $p99 (target p99 < $3)"
}
echo "HTTP API, 8 connections, $TOTAL executions, while the daemon drains $FILES files:"
summary "$DIR/status.txt" "  GET /api/v1/status" "50 ms"
summary "$DIR/executions.txt" "  GET /api/v1/executions?limit=50" "100 ms"
echo "pipeline: $QUIET files/s without HTTP load, $LOADED files/s under it"
