#!/usr/bin/env bash
# Installs what the test suite needs beyond the Swift toolchain, only when it is missing:
# pyarrow and duckdb (Parquet interop), moto's server (the AWS emulator), the AWS CLI.
set -euo pipefail
PY=${PYTHON:-python3}
missing=()
$PY -c 'import pyarrow' 2>/dev/null || missing+=(pyarrow)
$PY -c 'import duckdb' 2>/dev/null || missing+=(duckdb)
$PY -c 'import moto.server, flask, flask_cors' 2>/dev/null || missing+=("moto[server]")
command -v aws >/dev/null 2>&1 || missing+=(awscli)
if [ ${#missing[@]} -gt 0 ]; then
  echo "ensure-test-deps: installing ${missing[*]}" >&2
  $PY -m pip install --quiet --disable-pip-version-check "${missing[@]}"
fi
