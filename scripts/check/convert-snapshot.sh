#!/usr/bin/env bash
# Converts every file of ../shared/corpus/raw and samples/ with one musubi program and keeps each output, extra file,
# report (run-specific fields removed: paths, seconds) and exit code, so two builds can be compared with `diff -r`.
# Usage: scripts/check/convert-snapshot.sh MUSUBI_PROGRAM OUT_DIR
# e.g.   scripts/check/convert-snapshot.sh /tmp/old/musubi /tmp/snap-old; scripts/check/convert-snapshot.sh out/musubi/musubi /tmp/snap-new
#        diff -r /tmp/snap-old /tmp/snap-new && echo identical
set -uo pipefail
cd "$(dirname "$0")/../.."
bin=$1
out=$2
rm -rf "$out"
mkdir -p "$out"
data=$(mktemp -d)
inputs=()
while IFS= read -r f; do inputs+=("$f"); done < <( { [[ -d ../shared/corpus/raw ]] && find ../shared/corpus/raw -type f; find samples -type f ! -name '*.md'; } | sort)
for f in "${inputs[@]}"; do
  name=$(echo "$f" | sed 's#^\.\./shared/corpus/raw/##; s#/#__#g')
  dir="$out/$name"
  mkdir -p "$dir"
  "$bin" convert "$f" --data "$data" --out "$dir/out.csv" --report "$dir/report.json" --quiet 2>"$dir/stderr.txt"
  echo $? >"$dir/exit"
  if [[ -f $dir/report.json ]]; then
    jq 'del(.seconds, .input, .output, .extraColumnsFile, .outputXxh128, .outputBytes)' "$dir/report.json" >"$dir/report.norm.json" && rm "$dir/report.json"
  fi
  # The stderr line names the file; keep it (messages are part of the contract), without the temp data folder.
  sed -i "s#$data#DATA#g" "$dir/stderr.txt"
done
rm -rf "$data"
echo "${#inputs[@]} inputs → $out"
