#!/usr/bin/env bash
# Whole-process address normalizer throughput: imports the geolonia towns into a temporary data folder, builds a batch
# of 1,000,000 noisy addresses, and prints addresses/s for an NFKC-only baseline, one thread and all cores.
# Usage: scripts/bench/address.sh [towns-folder] [count]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
towns="${1:-$root/../shared/reference/geolonia-japanese-addresses-v1/api/ja}"
count="${2:-1000000}"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
dotnet build "$root/bench/Musubi.Bench" -c Release -v quiet -nologo >/dev/null
dll="$root/bench/Musubi.Bench/bin/Release/net10.0/Musubi.Bench.dll"
dotnet "$dll" address-throughput --data "$data" --import "$towns" --count "$count" --breakdown
