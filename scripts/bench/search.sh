#!/usr/bin/env bash
# Whole-process search benchmark: builds a Lucene index of generated records and datasets in a temporary folder and
# prints build time and size, then in-process latency (p50/p99) and throughput per query class with raw-Lucene
# baselines measured in the same run.
# Usage: scripts/bench/search.sh [records] [datasets] [queries]   (default 1000000 100000 2000)
# KEEP=DIR keeps (and with an existing DIR reuses) the index folder.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
records="${1:-1000000}"
datasets="${2:-100000}"
queries="${3:-2000}"
if [[ -n "${KEEP:-}" ]]; then dir="$KEEP"; reuse=(--reuse); else dir="$(mktemp -d)"; reuse=(); trap 'rm -rf "$dir"' EXIT; fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
dotnet build "$root/bench/Musubi.Bench" -c Release -v quiet -nologo >/dev/null
dll="$root/bench/Musubi.Bench/bin/Release/net10.0/Musubi.Bench.dll"
dotnet "$dll" search --dir "$dir/index" --records "$records" --datasets "$datasets" --queries "$queries" "${reuse[@]}" ${EXTRA:-}
