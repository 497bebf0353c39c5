#!/usr/bin/env bash
# Runs moto's server (the AWS emulator the LakeAWS tests use) on 127.0.0.1:PORT until this
# script's stdin closes. The tests start it with a pipe on stdin, so the server goes away when
# the test process exits, even when it crashes or is killed.
#
# By default the server handles one request at a time (scripts/moto_serialized_server.py):
# moto's handlers race under moto_server's threads, and the contract suites check atomicity
# AWS really has. MOTO_THREADED=1 runs plain `moto_server` instead.
#
#   scripts/moto-server.sh PORT        (MOTO_LOG=file keeps the server's log)
set -euo pipefail
port=${1:?usage: scripts/moto-server.sh PORT}
if ! command -v moto_server >/dev/null 2>&1; then
  echo "moto-server.sh: moto_server is not installed; run scripts/ensure-test-deps.sh" >&2
  exit 127
fi
here=$(cd "$(dirname "$0")" && pwd)
exec 3<&0
if [ "${MOTO_THREADED:-0}" = 1 ]; then
  moto_server -H 127.0.0.1 -p "$port" <&- >"${MOTO_LOG:-/dev/null}" 2>&1 &
else
  "${PYTHON:-python3}" "$here/moto_serialized_server.py" 127.0.0.1 "$port" <&- >"${MOTO_LOG:-/dev/null}" 2>&1 &
fi
pid=$!
# SIGKILL: a test runner may start us with SIGTERM ignored or blocked, which moto inherits.
trap 'kill -KILL "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
# Returns when the parent closes the pipe (or dies), or when the server itself stops.
# (Our stdin is kept on fd 3 first: a background job's stdin is /dev/null.)
( cat <&3 >/dev/null; kill -KILL "$pid" 2>/dev/null || true ) &
wait "$pid"
