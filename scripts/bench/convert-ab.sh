#!/usr/bin/env bash
# A/B of two musubi builds on the generated messy CP932 AED file, interleaved with `iconv` of the same file, so that a
# slow stretch of a shared machine hits all three alike. Prints each one's median time and its ratio to iconv's median.
# Usage: [ROUNDS=7] [ROWS=1000000] scripts/bench/convert-ab.sh OLD_MUSUBI NEW_MUSUBI
#   e.g. publish the two builds (see README: dotnet publish … -o DIR) and pass DIR/musubi for each.
set -euo pipefail
cd "$(dirname "$0")/../.."
old=$1
new=$2
rows=${ROWS:-1000000}
work=${BENCH_DIR:-$(mktemp -d)}
input="$work/111007_aed_${rows}.csv"
if [[ ! -f $input ]]; then
  dotnet build -c Release bench/Musubi.Bench -v q -nologo >/dev/null
  dotnet bench/Musubi.Bench/bin/Release/net10.0/Musubi.Bench.dll generate-aed "$rows" "$input"
fi
data=$(mktemp -d)
cat "$input" >/dev/null
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }
: >"$work/ab.txt"
for _ in $(seq "${ROUNDS:-7}"); do
  echo "iconv $(t iconv -f CP932 -t UTF-8 "$input")" >>"$work/ab.txt"
  echo "old $(t "$old" convert "$input" --data "$data" --out "$work/old.csv" --report "$work/old.json" --quiet)" >>"$work/ab.txt"
  echo "new $(t "$new" convert "$input" --data "$data" --out "$work/new.csv" --report "$work/new.json" --quiet)" >>"$work/ab.txt"
done
median() { grep "^$1 " "$work/ab.txt" | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
base=$(median iconv)
echo "rows $rows, $(nproc) cores, rounds ${ROUNDS:-7}, load $(cut -d' ' -f1-3 /proc/loadavg)"
for c in iconv old new; do
  m=$(median "$c")
  printf '%-6s median %6.2f s  ratio to iconv %5.2f  (%s rows/s)\n' "$c" "$m" "$(echo "$m / $base" | bc -l)" "$(echo "$rows / $m" | bc)"
done
cmp -s "$work/old.csv" "$work/new.csv" && echo "outputs identical" || echo "outputs DIFFER"
rm -rf "$data"
