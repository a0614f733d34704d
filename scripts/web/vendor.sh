#!/usr/bin/env bash
# Refreshes the front-end files the portal serves itself (src/Musubi.Web/wwwroot/vendor/) from the npm packages
# pinned in web/package-lock.json. The copied files are committed, so a plain `dotnet build` needs no npm; run this
# only after changing a version in web/package.json (then `npm install --package-lock-only` there first).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
out=src/Musubi.Web/wwwroot/vendor

(cd web && npm ci --no-audit --no-fund --ignore-scripts)
nm=web/node_modules

rm -rf "$out"
mkdir -p "$out"/design-tokens "$out"/leaflet/images "$out"/leaflet.markercluster

# Licences keep their text and get .txt, so the static file server knows their type and serves them.

# Digital Agency design system tokens: CSS variables (colours, type scale, line heights, radii, elevation).
cp "$nm/@digital-go-jp/design-tokens/dist/tokens.css" "$out/design-tokens/tokens.css"
cp "$nm/@digital-go-jp/design-tokens/LICENSE" "$out/design-tokens/LICENSE.txt"

# Leaflet: the minified build, its stylesheet and the marker/layer images the stylesheet refers to.
cp "$nm/leaflet/dist/leaflet.js" "$nm/leaflet/dist/leaflet.css" "$out/leaflet/"
cp "$nm"/leaflet/dist/images/*.png "$out/leaflet/images/"
cp "$nm/leaflet/LICENSE" "$out/leaflet/LICENSE.txt"

# Leaflet.markercluster: the minified build and both stylesheets.
cp "$nm/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$nm/leaflet.markercluster/dist/MarkerCluster.css" \
   "$nm/leaflet.markercluster/dist/MarkerCluster.Default.css" "$out/leaflet.markercluster/"
cp "$nm/leaflet.markercluster/MIT-LICENCE.txt" "$out/leaflet.markercluster/LICENSE.txt"

# Source maps point at files we do not ship; drop the reference so browsers do not ask for them.
sed -i -e '/^\/\/# sourceMappingURL=/d' "$out"/leaflet/leaflet.js "$out"/leaflet.markercluster/leaflet.markercluster.js

# What was copied, with versions, so a reviewer can see it without npm.
node -e '
const fs = require("fs");
const lock = JSON.parse(fs.readFileSync("web/package-lock.json", "utf8"));
const names = ["@digital-go-jp/design-tokens", "leaflet", "leaflet.markercluster"];
const lines = names.map(n => { const p = lock.packages["node_modules/" + n]; return `${n}\t${p.version}\t${p.license}\t${p.integrity}`; });
fs.writeFileSync(process.argv[1], "# package\tversion\tlicence\tintegrity (from web/package-lock.json; written by scripts/web/vendor.sh)\n" + lines.join("\n") + "\n");
' "$out/VERSIONS.tsv"

echo "vendored into $root/$out:"
(cd "$out" && find . -type f | sort)
