#!/usr/bin/env bash
# Whole-process portal benchmark: fills an embedded (SQLite) store with generated datasets and AED records
# (Musubi.Bench portal-store), starts `musubi serve` on 127.0.0.1 (the search index is built by its normal catch-up on
# the first request), then measures with wrk from this machine: /health (the baseline), a keyword+facet search and a
# near= query (req/s, p50/p99), and the national CSV download (MB/s with curl, the server's peak RSS).
# Usage: scripts/bench/portal.sh [records] [datasets]   (default 1000000 100000)
# KEEP=DIR keeps (and with an existing DIR/data reuses) the store; DURATION=10s, CONNECTIONS=32, THREADS=1;
# NO_CSV=1 skips the downloads.
# DB=CONNECTION: the same store copied into that (empty, your own) PostgreSQL database, served with --db (the search
# index then lives in DIR/pgdata); a database that holds datasets already is used as it is.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
records="${1:-1000000}"
datasets="${2:-100000}"
duration="${DURATION:-10s}"
conns="${CONNECTIONS:-32}"
threads="${THREADS:-1}"
port="${PORT:-5391}"
if [[ -n "${KEEP:-}" ]]; then dir="$KEEP"; else dir="$(mktemp -d)"; fi
url="http://127.0.0.1:$port"
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB; load average $(load)"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
dotnet build "$root/bench/Musubi.Bench" -c Release -v quiet -nologo >/dev/null
dotnet build "$root/src/Musubi.Cli" -c Release -v quiet -nologo >/dev/null
if [[ ! -f "$dir/data/musubi.db" || -n "${DB:-}" ]]; then
  dotnet "$root/bench/Musubi.Bench/bin/Release/net10.0/Musubi.Bench.dll" portal-store --data "$dir/data" --records "$records" --datasets "$datasets" ${DB:+--db "$DB"}
fi
if [[ -n "${DB:-}" ]]; then store=(--db "$DB" --data "$dir/pgdata"); echo "store: PostgreSQL"; else store=(--data "$dir/data"); echo "store: SQLite"; fi
"$root/src/Musubi.Cli/bin/Release/net10.0/musubi" serve "${store[@]}" --urls "$url" --no-rate-limit >"$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; [[ -n "${KEEP:-}" ]] || rm -rf "$dir"' EXIT
for _ in $(seq 300); do curl -fs "$url/health" >/dev/null && break; sleep 0.2; done
rss() { awk '/VmRSS/{print int($2/1024)}' "/proc/$server/status"; }
cpu() { awk '{print $14+$15}' "/proc/$server/stat"; }   # user+system, in clock ticks (1/100 s)
hwm() { awk '/VmHWM/{print int($2/1024)}' "/proc/$server/status"; }
echo "server up, RSS $(rss) MB; building the search index (first search) ..."
t0=$(date +%s.%N)
curl -fs -o /dev/null "$url/api/v1/search?q=AED&size=1"
echo "index catch-up: $(echo "$(date +%s.%N) - $t0" | bc) s, RSS $(rss) MB, peak $(hwm) MB"

# One wrk run: prints "name req/s p50 p99 non2xx" from wrk's --latency output. A path ending in .lua is a wrk script
# (a different request each time: cache misses), run with one thread so that its request counter is one sequence.
bench() {
  local name="$1" path="$2" out
  if [[ "$path" == *.lua ]]; then
    out="$(wrk -t1 -c"$conns" -d"$duration" --latency -s "$path" "$url")"
  else
    wrk -t1 -c4 -d2s "$url$path" >/dev/null   # warm-up
    out="$(wrk -t"$threads" -c"$conns" -d"$duration" --latency "$url$path")"
  fi
  local rps p50 p99 bad
  rps="$(awk '/Requests\/sec/{print $2}' <<<"$out")"
  p50="$(awk '$1=="50%"{print $2}' <<<"$out")"
  p99="$(awk '$1=="99%"{print $2}' <<<"$out")"
  bad="$(awk '/Non-2xx/{print $5}' <<<"$out")"
  printf '%-44s %10s req/s  p50 %8s  p99 %8s  non-2xx %s  load %s\n' "$name" "$rps" "$p50" "$p99" "${bad:-0}" "$(load)"
}
q1='/api/v1/search?q=%E5%85%AC%E6%B0%91%E9%A4%A8&pref=130001&kind=record'   # 公民館, 東京都, records
q2='/api/v1/search?q=AED&kind=dataset&cat=%E9%98%B2%E7%81%BD'          # AED datasets in 防災
q3='/api/v1/standards/aed/records?near=35.69,139.69&radius=1000&limit=20'
echo "wrk: $threads thread(s), $conns connections, $duration each"
for round in 1 2; do
  bench "baseline /health" /health
  bench "search 公民館 + pref=13 + kind=record (facets)" "$q1"
  bench "search AED + kind=dataset + cat=防災 (facets)" "$q2"
  bench "near= 1 km, aed records, limit 20" "$q3"
  # Cache misses: every request a query the answer cache does not hold (the engine's own cost).
  bench "miss: word + pref + kind=record (facets)" "$root/scripts/bench/portal-vary.lua"
  bench "miss: word + pref + kind=dataset (facets)" "$root/scripts/bench/portal-varyds.lua"
  bench "miss: near= 1 km on a grid, limit 20" "$root/scripts/bench/portal-varynear.lua"
done
echo "RSS after the searches: $(rss) MB, peak $(hwm) MB"
[[ -n "${NO_CSV:-}" ]] && exit 0
for bom in 0 1; do
  before=$(rss); c0=$(cpu)
  curl -fs -o /dev/null -w "national CSV (bom=$bom): %{size_download} bytes in %{time_total} s = %{speed_download} B/s\n" "$url/api/v1/standards/aed/records.csv?bom=$bom" &
  c=$!; peak=0
  while kill -0 $c 2>/dev/null; do r=$(rss); (( r > peak )) && peak=$r; sleep 0.1; done
  wait $c
  echo "  server RSS before $before MB, highest sampled during the download $peak MB; server CPU $(echo "($(cpu) - $c0) / 100" | bc -l | cut -c1-5) s; load $(load)"
done
lines=$(curl -fs "$url/api/v1/standards/aed/records.csv" | wc -l)
echo "CSV lines (with header): $lines"
