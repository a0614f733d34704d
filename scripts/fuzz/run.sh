#!/usr/bin/env bash
# Whole-process fuzzing of the published musubi CLI on generated hostile inputs and mutations of the shared corpus
# (issue 11; docs/fuzzing.md). Each case has a CPU-time limit, a GC heap cap, and checks: exit code 0/1/2, one-line
# error, no stack trace, under 10 s, peak RSS under 500 MB, no lost or stale output, no temporary file left.
# Usage: [MUSUBI=path/to/musubi] [SEED=N] [FUZZ_DIR=dir] scripts/fuzz/run.sh [MINUTES]   (default 2)
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes=${1:-2}
work=${FUZZ_DIR:-$(mktemp -d -t musubi-fuzz-XXXXXX)}
mkdir -p "$work"
if [[ -z ${MUSUBI:-} ]]; then
  dotnet publish src/Musubi.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/publish" -v q -nologo >/dev/null
  MUSUBI=$work/publish/musubi
fi
corpus=${MUSUBI_SHARED:-../shared}/corpus
[[ -d $corpus ]] || { echo "no corpus at $corpus (set MUSUBI_SHARED); generated inputs only" >&2; corpus=$work/no-corpus; mkdir -p "$corpus"; }
echo "fuzzing $MUSUBI for $minutes min, corpus $corpus, results in $work" >&2
exec python3 scripts/fuzz/fuzz.py "$MUSUBI" "$corpus" "$work" "$minutes" ${SEED:-}
