#!/usr/bin/env bash
# make bench: release build of the tool and the benchmark runner, then every benchmark (sizes: see BenchMain.swift);
# results go to bench-results/results.md.
#
# BENCH_SCRATCH_PATH selects the build directory (default .build), so a benchmark can be built beside another
# build of the same tree. For the diff benchmark, datacompy is installed into a virtual environment under it when
# PyPI can be reached; without it the diff runs alone.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${BENCH_SCRATCH_PATH:-.build}"
swift build -c release --scratch-path "$scratch" --product syncro-fusion
swift build -c release --scratch-path "$scratch" --product syncro-fusion-bench

if [[ -z "${BENCH_PYTHON:-}" && ( -z "${BENCH_ONLY:-}" || ",${BENCH_ONLY}," == *",diff,"* ) ]]; then
    venv="$scratch/bench-venv"
    if [[ -x "$venv/bin/python" ]] && "$venv/bin/python" -c 'import datacompy' 2>/dev/null; then
        export BENCH_PYTHON="$venv/bin/python"
    elif python3 -m venv "$venv" >/dev/null 2>&1 && "$venv/bin/pip" install --quiet datacompy >/dev/null 2>&1; then
        export BENCH_PYTHON="$venv/bin/python"
    else
        echo "bench: datacompy could not be installed; the diff benchmark runs without it" >&2
    fi
fi

"$(swift build -c release --scratch-path "$scratch" --show-bin-path)/syncro-fusion-bench"
