#!/usr/bin/env bash
# make bench: release build, then every benchmark; results go to bench-results/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product syncro-fusion-bench
"$(swift build -c release --show-bin-path)/syncro-fusion-bench"
