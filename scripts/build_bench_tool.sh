#!/usr/bin/env bash
# Builds .build/bench/lake-bench-convert: the LakeFormats sources plus scripts/bench_tool/main.swift,
# optimized whole-module, for scripts/bench_convert.py --lake .build/bench/lake-bench-convert.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .build/bench
swiftc -O -wmo -module-name LakeBench -swift-version 6 -I Sources/CZlib -lz \
  $(find Sources/LakeFormats -name '*.swift') scripts/bench_tool/main.swift \
  -o .build/bench/lake-bench-convert "$@"
echo .build/bench/lake-bench-convert
