#!/usr/bin/env bash
# Coverage-guided fuzzing of the readers with SharpFuzz and afl-fuzz (issue 11; docs/fuzzing.md). Publishes
# fuzz/Musubi.Fuzz, instruments Musubi.Core.dll (and Sep.dll, the CSV parser) with the sharpfuzz tool, seeds each target
# from the project's own fixtures and samples (and $MUSUBI_SHARED/corpus when set), runs afl-fuzz on each target in turn,
# then replays every crash and hang and prints a summary. Not part of the test run (minutes per target).
# Needs afl++ (apt-get install afl++) and the tool (dotnet tool install -g SharpFuzz.CommandLine --version 2.3.0; or
# SHARPFUZZ=path/to/sharpfuzz).
# Usage: [FUZZ_DIR=dir] [MUSUBI_SHARED=dir] [PREBUILT=dir] scripts/fuzz/sharpfuzz.sh [MINUTES per target, default 3] [TARGET...]
#   TARGET: csv, xlsx, xlsx-parts, encoding (default: all four). Exit 1 when a crash or hang was found.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
minutes=${1:-3}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(csv xlsx xlsx-parts encoding)
work=${FUZZ_DIR:-/tmp/musubi-sharpfuzz}
mkdir -p "$work"
work=$(cd "$work" && pwd)
dotnet=$(command -v dotnet)
sharpfuzz=${SHARPFUZZ:-$(command -v sharpfuzz || echo "$HOME/.dotnet/tools/sharpfuzz")}
command -v afl-fuzz >/dev/null || { echo "error: afl-fuzz not found (apt-get install afl++)" >&2; exit 2; }
[[ -x $sharpfuzz ]] || { echo "error: sharpfuzz not found (dotnet tool install -g SharpFuzz.CommandLine --version 2.3.0, or set SHARPFUZZ)" >&2; exit 2; }

# 1. Build and instrument (a fresh publish each run: sharpfuzz refuses an assembly it has already instrumented), or
# PREBUILT=dir: the bin and bin-plain of an earlier run's FUZZ_DIR (to fuzz several targets side by side).
if [[ -n ${PREBUILT:-} ]]; then
  bin=$PREBUILT/bin plain=$PREBUILT/bin-plain
else
  bin=$work/bin plain=$work/bin-plain
  rm -rf "$bin" "$plain"
  dotnet publish fuzz/Musubi.Fuzz -c Release -o "$bin" -v q -nologo >/dev/null
  # Instrumented code runs only under afl-fuzz: crashes are replayed with an uninstrumented copy.
  cp -r "$bin" "$plain"
  for dll in Musubi.Core.dll Sep.dll; do "$sharpfuzz" "$bin/$dll" >/dev/null; done
fi

# 2. Seeds: small files only (afl-fuzz slows down on large seeds), at most 40 per target.
shared=${MUSUBI_SHARED:+$MUSUBI_SHARED/corpus}
seed_files() { # EXT...
  local dirs=(tests/Musubi.Tests/Fixtures samples)
  [[ -n $shared && -d $shared ]] && dirs+=("$shared")
  local expr=()
  for e in "$@"; do expr+=(${expr:+-o} -iname "*.$e"); done
  find "${dirs[@]}" -type f \( "${expr[@]}" \) -size +0 -size -96k 2>/dev/null | sort | awk 'NR <= 40'
}
seed() { # TARGET
  local in=$work/in/$1
  rm -rf "$in"; mkdir -p "$in"
  case $1 in
    csv) seed_files csv tsv txt | while read -r f; do cp "$f" "$in/$(echo "$f" | md5sum | cut -c1-8).csv"; done ;;
    encoding) seed_files csv tsv | while read -r f; do head -c 4096 "$f" >"$in/$(echo "$f" | md5sum | cut -c1-8)"; done ;;
    xlsx) seed_files xlsx | while read -r f; do cp "$f" "$in/$(echo "$f" | md5sum | cut -c1-8).xlsx"; done ;;
    xlsx-parts) seed_files xlsx | python3 scripts/fuzz/xlsx_parts.py "$in" ;;
  esac
  [[ -n $(ls -A "$in") ]] || printf 'a,b\n1,2\n' >"$in/minimal"
}

# 3. Fuzz each target in turn (the machine is shared: one afl-fuzz at a time).
export AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1
export AFL_FORKSRV_INIT_TMOUT=120000 AFL_AUTORESUME=1
# A real memory blow-up becomes an OutOfMemoryException (a crash) instead of swapping a shared machine.
export DOTNET_GCHeapHardLimit=0x30000000 DOTNET_TieredPGO=0
summary=$work/summary.txt
: >"$summary"
found=0
for t in "${targets[@]}"; do
  seed "$t"
  out=$work/out/$t
  rm -rf "$out"; mkdir -p "$work/out"
  dict=()
  [[ -f scripts/fuzz/$t.dict ]] && dict=(-x "scripts/fuzz/$t.dict")
  echo "fuzzing $t for $minutes min ($(ls "$work/in/$t" | wc -l) seeds), results in $out" >&2
  # -t 10000: a case over 10 s is a hang (the issue's bound); -m none: memory is bounded by the heap limit above.
  afl-fuzz -i "$work/in/$t" -o "$out" -t 10000 -m none -V $((minutes * 60)) "${dict[@]}" -- "$dotnet" "$bin/Musubi.Fuzz.dll" "$t" \
    >"$work/afl-$t.log" 2>&1 || { echo "afl-fuzz failed for $t; see $work/afl-$t.log" >&2; tail -20 "$work/afl-$t.log" >&2; exit 2; }
  stats=$out/default/fuzzer_stats
  get() { awk -F' *: *' -v k="$1" '$1==k {print $2}' "$stats"; }
  crashes=$(find "$out/default/crashes" -type f -name 'id:*' | wc -l)
  hangs=$(find "$out/default/hangs" -type f -name 'id:*' | wc -l)
  line="$t: $(get run_time) s, $(get execs_done) execs ($(get execs_per_sec)/s), $(get corpus_count) paths, $(get bitmap_cvg) map, crashes $crashes, hangs $hangs"
  echo "$line" | tee -a "$summary"
  for f in "$out"/default/crashes/id:* "$out"/default/hangs/id:*; do
    [[ -f $f ]] || continue
    found=1
    timeout 60 "$dotnet" "$plain/Musubi.Fuzz.dll" "$t" "$f" 2>&1 | head -5 | sed 's/^/    /' | tee -a "$summary" || true
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); results in $work" | tee -a "$summary"
exit $found
