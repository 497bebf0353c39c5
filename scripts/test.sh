#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what the tests need beyond Swift
# (pyarrow, duckdb, moto's server, the AWS CLI — only when missing), builds once, and runs
# every test. CLI tests run the `lake` binary built here (LAKE_BIN).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-test-deps.sh
swift build --build-tests
LAKE_BIN="$(swift build --show-bin-path)/lake"
export LAKE_BIN
swift test --skip-build "$@"
