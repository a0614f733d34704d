#!/usr/bin/env bash
# SIGKILL during a conversion onto an existing output, at random moments (issue 11). Two outputs of one input differ
# (with and without --bom); each round converts to the other one and is killed at a random moment within the time a
# whole conversion takes. After every kill the path must hold exactly one of the two complete outputs, and after the
# next run to the same folder no temporary file may remain.
# Usage: [MUSUBI=path/to/musubi] scripts/fuzz/sigkill.sh [ROWS] [KILLS]   (default 2000000 rows, 20 kills)
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-2000000}
kills=${2:-20}
work=${KILL_DIR:-$(mktemp -d -t musubi-kill-XXXXXX)}
mkdir -p "$work/out"
if [[ -z ${MUSUBI:-} ]]; then
  dotnet publish src/Musubi.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/publish" -v q -nologo >/dev/null
  MUSUBI=$work/publish/musubi
fi
input=$work/111007_aed_$rows.csv
if [[ ! -f $input ]]; then
  dotnet build -c Release bench/Musubi.Bench -v q -nologo >/dev/null
  dotnet bench/Musubi.Bench/bin/Release/net10.0/Musubi.Bench.dll generate-aed "$rows" "$input"
fi
export MUSUBI_DATA=$work/data
out=$work/out/aed.csv
s=$(date +%s.%N)
"$MUSUBI" convert "$input" --out "$out" --report "$work/out/aed.json" --quiet || [[ $? == 1 ]]
plain=$(sha256sum <"$out" | cut -d' ' -f1)
full=$(echo "$(date +%s.%N) - $s" | bc)
"$MUSUBI" convert "$input" --out "$out" --report "$work/out/aed.json" --bom --quiet || [[ $? == 1 ]]
bom=$(sha256sum <"$out" | cut -d' ' -f1)
[[ $plain != "$bom" ]]
echo "rows $rows, a whole conversion takes ${full} s; killing $kills times at random moments" >&2
fail=0
state=bom
for k in $(seq "$kills"); do
  flag=(); [[ $state == plain ]] && flag=(--bom)
  "$MUSUBI" convert "$input" --out "$out" --report "$work/out/aed.json" --quiet "${flag[@]}" &
  pid=$!
  at=$(python3 -c "import random; print(round(random.uniform(0.05, $full * 1.1), 2))")
  sleep "$at"
  kill -KILL "$pid" 2>/dev/null && killed=yes || killed="no (finished first)"
  wait "$pid" 2>/dev/null || true
  now=$(sha256sum <"$out" | cut -d' ' -f1)
  if [[ $now == "$plain" ]]; then state=plain; elif [[ $now == "$bom" ]]; then state=bom; else state=BROKEN; fi
  temps=$(find "$work/out" -name '*.musubi-tmp-*' | wc -l)
  # The next run to the folder (a small one) removes what the killed run left.
  printf 'a,b\n1,2\n' >"$work/small.csv"
  "$MUSUBI" convert "$work/small.csv" --out "$work/out/small.csv" --schema aed --quiet >/dev/null 2>&1 || true
  after=$(find "$work/out" -name '*.musubi-tmp-*' | wc -l)
  echo "kill $k at ${at} s (killed: $killed): path holds the $state output; temporary files $temps, after the next run $after"
  [[ $state == BROKEN || $after != 0 ]] && fail=1
done
[[ $fail == 0 ]] && echo "PASS: every kill left a complete old or new output, and no temporary file after the next run" || echo "FAIL"
exit $fail
