#!/usr/bin/env bash
# Whole-process harvest benchmark: a loopback server (Musubi.Bench harvest-serve) of SOURCES simulated municipalities,
# each a `urls` list of RESOURCES small AED-like CP932 tables with ETag/Last-Modified; `musubi harvest --all` into a
# fresh SQLite store, first and unchanged re-harvest, wall time, items/s and peak RSS (/usr/bin/time -v); then the
# baseline in the same run: a plain HttpClient loop of the same fetches, unconditional and conditional; then the same
# harvest in process (Musubi.Bench harvest-run) with the per-host minimum interval at INTERVAL_MS (default 0).
# Usage: scripts/bench/harvest.sh [sources] [resources]   (default 2000 20)
# Source i is served on port PORT+i (PORT default 18790), so each is its own host for the harvester's per-host politeness.
# PARALLEL=N (default 4) is passed to --parallel and used by the baseline; AT_ONCE=N is passed to --sources (default:
# the harvester's own default); KEEP=DIR keeps the store; SKIP_INPROCESS=1 skips the in-process runs.
# DB=CONNECTION harvests into that PostgreSQL database instead of a SQLite file (its catalog tables are emptied first:
# give a database of your own, e.g. "Host=127.0.0.1;Username=postgres;Password=postgres;Database=musubi_bench").
# Besides wall time and peak RSS, each run prints its CPU time (user + sys), which is less noisy on a shared machine.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
sources="${1:-2000}"
resources="${2:-20}"
parallel="${PARALLEL:-4}"
at_once=()
[[ -n "${AT_ONCE:-}" ]] && at_once=(--sources "$AT_ONCE")
db=()
[[ -n "${DB:-}" ]] && db=(--db "$DB")
port="${PORT:-18790}"
if [[ -n "${KEEP:-}" ]]; then work="$KEEP"; mkdir -p "$work"; else work="$(mktemp -d)"; fi
server=""
cleanup() { [[ -n "$server" ]] && kill "$server" 2>/dev/null; [[ -z "${KEEP:-}" ]] && rm -rf "$work"; return 0; }
trap cleanup EXIT
cd "$root"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
echo "input: $sources sources x $resources resources = $((sources * resources)) tables, --parallel $parallel ${at_once[*]}, store: $([[ -n "${DB:-}" ]] && echo PostgreSQL || echo SQLite)"
dotnet build -c Release src/Musubi.Cli -v q -nologo >/dev/null
dotnet build -c Release bench/Musubi.Bench -v q -nologo >/dev/null
bench=(dotnet bench/Musubi.Bench/bin/Release/net10.0/Musubi.Bench.dll)
musubi=(dotnet src/Musubi.Cli/bin/Release/net10.0/musubi.dll)
base="http://127.0.0.1:$port"

"${bench[@]}" harvest-serve "$port" "$sources" "$resources" > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q ready "$work/server.log" 2>/dev/null && break; sleep 0.1; done
grep -q ready "$work/server.log" || { echo "server did not start: $(cat "$work/server.log")" >&2; exit 2; }
echo "one table: $(curl -s "$base/s/0/r0.csv" | wc -c) bytes, $(curl -s "$base/s/0/r0.csv" | wc -l) lines"

rm -rf "$work/data" "$work/data0"
if [[ -n "${DB:-}" ]]; then
  [[ "$DB" == *Database=musubi_test* ]] && { echo "DB: give a database of your own, not the shared test database" >&2; exit 2; }
  # A fresh catalog in the given database: the migrations create the tables again.
  psql "$(echo "$DB" | sed -E 's/Host=([^;]*)/host=\1/; s/Username=([^;]*)/user=\1/; s/Password=([^;]*)/password=\1/; s/Database=([^;]*)/dbname=\1/; s/;/ /g')" -q -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;' >/dev/null
fi
"${bench[@]}" harvest-add "$work/data" "$port" "$sources" ${DB:+"$DB"}

# Runs a command under /usr/bin/time -v; prints wall seconds, items/s for $items, peak RSS.
measure() {
  local label="$1" items="$2"; shift 2
  local start end rc=0
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$work/time.txt" "$@" > "$work/$label.out" 2> "$work/$label.err" || rc=$?
  end=$(date +%s.%N)
  local wall rss cpu
  wall=$(echo "$end - $start" | bc)
  rss=$(awk '/Maximum resident set size/{print int($6/1024)}' "$work/time.txt")
  cpu=$(awk -F': ' '/User time|System time/{s+=$2} END{print s}' "$work/time.txt")
  printf '%-28s %8.2f s  %8.0f items/s  cpu %7.1f s  peak RSS %5d MB  exit %d  (load %s)\n' "$label" "$wall" "$(echo "$items / $wall" | bc -l)" "$cpu" "$rss" "$rc" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

items=$((sources * resources))
measure "baseline HttpClient" "$items" "${bench[@]}" harvest-fetch "$port" "$sources" "$resources" "$parallel"
measure "harvest first" "$items" "${musubi[@]}" harvest --all --allow-private-addresses --parallel "$parallel" "${at_once[@]}" "${db[@]}" --data "$work/data"
measure "baseline conditional" "$items" "${bench[@]}" harvest-fetch "$port" "$sources" "$resources" "$parallel" --conditional
measure "harvest unchanged" "$items" "${musubi[@]}" harvest --all --allow-private-addresses --parallel "$parallel" "${at_once[@]}" "${db[@]}" --data "$work/data"
# Where the time goes: the same harvest in process with the per-host interval at 0 (INTERVAL_MS), on a second store.
if [[ -z "${SKIP_INPROCESS:-}" ]]; then
"${bench[@]}" harvest-add "$work/data0" "$port" "$sources" >/dev/null
measure "harvest first, interval ${INTERVAL_MS:-0}" "$items" "${bench[@]}" harvest-run "$work/data0" "$parallel" "${INTERVAL_MS:-0}" "${AT_ONCE:-512}"
measure "harvest unchanged, interval ${INTERVAL_MS:-0}" "$items" "${bench[@]}" harvest-run "$work/data0" "$parallel" "${INTERVAL_MS:-0}" "${AT_ONCE:-512}"
for f in "harvest first, interval ${INTERVAL_MS:-0}" "harvest unchanged, interval ${INTERVAL_MS:-0}"; do echo "$f: $(tail -1 "$work/$f.out")"; done
fi
for f in "baseline HttpClient" "baseline conditional"; do echo "$f: $(tail -1 "$work/$f.out")"; done
# The summary table's totals (fetched, unchanged, converted, failed) of each harvest.
for f in "harvest first" "harvest unchanged"; do
  echo "$f: $(grep -c 'bench-' "$work/$f.out" || true) job rows; last stderr: $(tail -1 "$work/$f.err" | cut -c1-200)"
  # Totals of the summary table's columns (fetched, unchanged, converted, failed) over every job row.
  awk -F'│' '/bench-/{f+=$7; u+=$8; c+=$9; x+=$13} END{printf "  totals: fetched %d, unchanged %d, converted %d, failed %d\n", f, u, c, x}' "$work/$f.out"
done
if [[ -n "${DB:-}" ]]; then echo "store: PostgreSQL, blobs $(du -sh "$work/data" | cut -f1)"; else echo "store: $(du -sh "$work/data" | cut -f1)"; fi
