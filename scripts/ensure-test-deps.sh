#!/usr/bin/env bash
# Installs what the test suite needs beyond the Swift toolchain, only when it is missing:
# pyarrow and duckdb (Parquet interop), moto's server (the AWS emulator), the AWS CLI,
# schemathesis (checks the HTTP API against its OpenAPI document), cfn-lint (checks the
# CloudFormation `lake aws template` writes), selenium with Debian's
# chromium and chromium-driver (the dashboard in a headless browser).
set -euo pipefail
PY=${PYTHON:-python3}
missing=()
$PY -c 'import pyarrow' 2>/dev/null || missing+=(pyarrow)
$PY -c 'import duckdb' 2>/dev/null || missing+=(duckdb)
$PY -c 'import moto.server, flask, flask_cors' 2>/dev/null || missing+=("moto[server]")
command -v aws >/dev/null 2>&1 || missing+=(awscli)
command -v schemathesis >/dev/null 2>&1 || missing+=(schemathesis)
command -v cfn-lint >/dev/null 2>&1 || missing+=(cfn-lint)
$PY -c 'import selenium' 2>/dev/null || missing+=(selenium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "ensure-test-deps: installing ${missing[*]}" >&2
  $PY -m pip install --quiet --disable-pip-version-check "${missing[@]}"
fi
debs=()
command -v chromium >/dev/null 2>&1 || debs+=(chromium)
command -v chromedriver >/dev/null 2>&1 || debs+=(chromium-driver)
if [ ${#debs[@]} -gt 0 ]; then
  echo "ensure-test-deps: installing ${debs[*]} (Debian)" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${debs[@]}" >/dev/null
fi
