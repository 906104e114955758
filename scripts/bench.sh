#!/usr/bin/env bash
# make bench: release build of the tool and the benchmark runner, then every benchmark (sizes: see BenchMain.swift);
# results go to bench-results/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product syncro-fusion
swift build -c release --product syncro-fusion-bench
"$(swift build -c release --show-bin-path)/syncro-fusion-bench"
