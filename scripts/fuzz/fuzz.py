#!/usr/bin/env python3
"""Whole-process fuzzer of the musubi CLI (issue 11): generated hostile inputs and mutations of a corpus.

Each case runs one command (convert, inspect, address --csv, registry import-towns) on one input, with a CPU-time
limit and a GC heap cap, onto a folder that already holds an earlier run's output, report and extra file. A case
fails when the program
  - exits with anything but 0, 1 or 2, or is killed (time or memory),
  - prints a stack trace or an exception name, or an error that is not exactly one line "error: ...",
  - takes longer than MAX_SECONDS (10) or peaks above MAX_RSS_MB (500),
  - loses the earlier output on a failure, leaves an output whose size and XXH128 differ from its report, leaves a
    stale extra-columns file, or leaves a temporary file behind.
Failing inputs are kept in OUT/failures/ with what went wrong. A summary is printed and written to OUT/summary.json.

Usage: fuzz.py MUSUBI_BINARY CORPUS_DIR OUT_DIR MINUTES [SEED]
"""
import gzip
import io
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile

MAX_SECONDS = 10.0
MAX_RSS_MB = 500
CPU_LIMIT_S = 30
HEAP_CAP = 0x30000000  # 768 MB: a runaway allocation fails as OOM (a finding) instead of swapping the machine

musubi, corpus_dir, out_dir, minutes = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
seed = int(sys.argv[5]) if len(sys.argv) > 5 else int(time.time())
rng = random.Random(seed)
os.makedirs(os.path.join(out_dir, "failures"), exist_ok=True)
data_dir = os.path.join(out_dir, "data")
os.makedirs(data_dir, exist_ok=True)

corpus = []
for root, _, files in os.walk(corpus_dir):
    for f in files:
        if f.lower().rsplit(".", 1)[-1] in ("csv", "tsv", "txt", "xlsx", "xls", "json"):
            p = os.path.join(root, f)
            if os.path.getsize(p) < 20 << 20:
                corpus.append(p)
corpus.sort()

HEADER = "全国地方公共団体コード,ID,名称,所在地_連結表記,緯度,経度,電話番号,開始時間"
ROW = "111007,{i},施設{i},さいたま市浦和区常盤6-4-4,35.86,139.64,048-829-1111,8時30分"


def aed_csv(rows, enc="utf-8"):
    lines = [HEADER] + [ROW.format(i=i) for i in range(1, rows + 1)]
    return ("\n".join(lines) + "\n").encode(enc)


# ------------------------------------------------------------------ xlsx

def xlsx(sheet_data, shared=None, extra_parts=None, declared=None, compress=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compress) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="AED" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        sst = '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + "".join(
            "<si><t>%s</t></si>" % s for s in (shared or [])) + "</sst>"
        z.writestr("xl/sharedStrings.xml", sst)
        z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                   + sheet_data + "</sheetData></worksheet>")
        for name, content in (extra_parts or []):
            z.writestr(name, content)
    data = buf.getvalue()
    if declared:  # forge the central directory's uncompressed sizes
        data = bytearray(data)
        i = data.find(b"PK\x01\x02")
        while i >= 0:
            data[i + 24:i + 28] = (declared & 0xFFFFFFFF).to_bytes(4, "little")
            i = data.find(b"PK\x01\x02", i + 4)
        data = bytes(data)
    return data


def col_name(c):
    s = ""
    while c > 0:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def inline(ref, text):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)


def xlsx_header():
    return '<row r="1">' + "".join(inline(col_name(i + 1) + "1", h) for i, h in enumerate(HEADER.split(","))) + "</row>"


def gen_sparse():
    row = rng.choice([2, 1000, 1048576, 1048577, 20000000, 2147483647, 99999999999, rng.randrange(1, 1 << 31)])
    col = rng.choice([1, 16384, 16385, 18278, rng.randrange(1, 20000)])
    ref = col_name(col) + str(row)
    if rng.random() < 0.2:
        ref = rng.choice(["", "A", "1", "ZZZZZZZZ1", "A-1", "Ａ１", "A1:B2", "A" + "9" * 30])
    cells = xlsx_header() + '<row r="%d">%s</row>' % (row if row < 1 << 62 else 3, inline(ref, "x"))
    return "sparse.xlsx", xlsx(cells)


def gen_expanding():
    kind = rng.choice(["shared", "whitespace", "rows", "declared", "parts"])
    if kind == "shared":
        big = "a" * rng.choice([100_001, 1_000_000, 5_000_000])
        rows = "".join('<row r="%d"><c r="A%d" t="s"><v>0</v></c><c r="B%d" t="s"><v>0</v></c></row>' % (r, r, r) for r in range(2, 1602))
        return "sst.xlsx", xlsx(xlsx_header() + rows, shared=[big])
    if kind == "whitespace":
        return "ws.xlsx", xlsx(xlsx_header() + " " * rng.choice([20_000_000, 60_000_000]))
    if kind == "rows":
        n = rng.choice([100_000, 300_000])
        rows = "".join('<row r="%d"><c r="A%d"><v>111007</v></c></row>' % (r, r) for r in range(2, n))
        return "rows.xlsx", xlsx(xlsx_header() + rows)
    if kind == "declared":
        return "forged.xlsx", xlsx(xlsx_header(), declared=rng.choice([0, 1, 0xFFFFFFFF]))
    parts = [("junk/%d.xml" % i, "") for i in range(rng.choice([100, 10_001]))]
    return "parts.xlsx", xlsx(xlsx_header(), extra_parts=parts)


def gen_quotes():
    body = HEADER + "\n"
    kind = rng.choice(["unterminated", "long", "many", "stray"])
    if kind == "unterminated":
        body += '111007,1,"' + "a" * rng.choice([1000, 2_000_000, 17_000_000])
    elif kind == "long":
        body += '111007,1,"' + "長" * rng.choice([50_000, 100_001, 900_000]) + '",x\n'
    elif kind == "many":
        body += "".join('111007,%d,"a""b""c",x\n' % i for i in range(10000))
    else:
        body += "".join('111007,%d,高さ5"の棚,"x\n' % i for i in range(1000))
    return "quotes.csv", body.encode("utf-8")


def gen_nul():
    b = bytearray(aed_csv(rng.choice([3, 100, 5000])))
    for _ in range(rng.choice([1, 10, 1000])):
        b.insert(rng.randrange(len(b)), 0)
    return "nul.csv", bytes(b)


def gen_encodings():
    kind = rng.choice(["mixed", "utf16nobom", "cp932cut", "latin1", "bom-wrong"])
    if kind == "mixed":
        lines = [HEADER.encode("utf-8")] + [ROW.format(i=i).encode(rng.choice(["utf-8", "cp932", "euc-jp"])) for i in range(1, 500)]
        return "mixed.csv", b"\n".join(lines)
    if kind == "utf16nobom":
        return "u16.csv", aed_csv(200, "utf-16-le")
    if kind == "cp932cut":
        b = aed_csv(200, "cp932")
        return "cut.csv", b[:rng.randrange(len(b))] + b"\x82"
    if kind == "latin1":
        return "latin.csv", aed_csv(50, "cp932").decode("cp932").encode("utf-8").decode("latin-1").encode("utf-8")
    return "bom.csv", b"\xff\xfe" + aed_csv(50, "utf-8")


def gen_binary():
    kind = rng.choice(["random", "png", "gzip", "pdf", "zip", "elf", "ole"])
    n = rng.choice([1, 100, 70_000, 2_000_000])
    payload = rng.randbytes(n)
    head = {"random": b"", "png": b"\x89PNG\r\n\x1a\n", "gzip": gzip.compress(b"a,b\n1,2\n")[:10], "pdf": b"%PDF-1.4\n",
            "zip": b"PK\x03\x04", "elf": b"\x7fELF", "ole": bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])}[kind]
    return rng.choice(["data.csv", "data.xlsx", "data.xls", "data.tsv"]), head + payload


def gen_shapes():
    kind = rng.choice(["wide", "widecell", "empty", "blank", "onecol", "deep"])
    if kind == "wide":
        return "wide.csv", (HEADER + "\n" + ",".join(["x"] * rng.choice([1000, 16384, 16385, 50000])) + "\n").encode()
    if kind == "widecell":
        return "cell.csv", (HEADER + "\n111007,1," + "x" * rng.choice([99_999, 100_001, 3_000_000]) + "\n").encode()
    if kind == "empty":
        return "empty.csv", b""
    if kind == "blank":
        return "blank.csv", b"\n" * rng.choice([1, 100_000]) + b" ,,, \r\n" * 1000
    if kind == "onecol":
        return "one.csv", b"a\n" * 50_000
    return "deep.csv", aed_csv(rng.choice([1000, 100_000]))


def truncate(data):
    return data[:rng.randrange(max(1, len(data)))]


def mutate(data):
    b = bytearray(data)
    for _ in range(rng.choice([1, 2, 5, 20, 200])):
        if not b:
            b += rng.randbytes(10)
        op = rng.randrange(7)
        i = rng.randrange(len(b))
        if op == 0:
            b[i] ^= 1 << rng.randrange(8)
        elif op == 1:
            b.insert(i, rng.choice([0, 0x22, 0x2C, 0x0A, 0x0D, 0x82, 0xFF, 0xEF]))
        elif op == 2:
            del b[i:i + rng.randrange(1, 64)]
        elif op == 3:
            j = rng.randrange(len(b))
            b[i:i] = b[j:j + rng.randrange(1, 4096)]
        elif op == 4:
            b[i] = rng.randrange(256)
        elif op == 5:
            b[i:i] = b'"'
        else:
            b[i:i] = b[i:i + 256] * rng.randrange(2, 50)
    return bytes(b)


def mutate_xlsx(data):
    """Mutates one part's XML inside a corpus workbook, keeping the container valid."""
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        names = src.namelist()
        target = rng.choice([n for n in names if n.endswith(".xml")] or names)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for n in names:
                content = src.read(n)
                if n == target:
                    content = mutate(content) if rng.random() < 0.5 else content.replace(b'r="', rng.choice([b'r="XFD', b'r="A99999', b'r="-', b'r="']))
                z.writestr(n, content)
        return out.getvalue()
    except Exception:
        return mutate(data)


def gen_corpus():
    if not corpus:
        return gen_shapes()
    p = rng.choice(corpus)
    data = open(p, "rb").read()
    name = os.path.basename(p)
    r = rng.random()
    if r < 0.15:
        return name, truncate(data)
    if name.lower().endswith(".xlsx") and r < 0.6:
        return name, mutate_xlsx(data)
    if r < 0.2:
        return os.path.splitext(name)[0] + ".csv", data  # a workbook named .csv, a CSV named .xlsx …
    return name, mutate(data)


GENERATORS = [("sparse-reference", gen_sparse, 2), ("expanding-archive", gen_expanding, 2), ("quotes", gen_quotes, 2),
              ("nul-bytes", gen_nul, 1), ("encodings", gen_encodings, 2), ("binary", gen_binary, 2), ("shapes", gen_shapes, 2),
              ("corpus-mutation", gen_corpus, 8)]
TOTAL_WEIGHT = sum(w for _, _, w in GENERATORS)


def pick():
    x = rng.uniform(0, TOTAL_WEIGHT)
    for name, g, w in GENERATORS:
        x -= w
        if x <= 0:
            return name, g
    return GENERATORS[-1][0], GENERATORS[-1][1]


# ------------------------------------------------------------------ running one case

def xxh128(path):
    """The XXH128 of a file as the report writes it (python3-xxhash, else the xxh128sum command of Debian's xxhash)."""
    try:
        import xxhash
    except ImportError:
        xxhash = None
    if xxhash is not None:
        h = xxhash.xxh3_128()
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    return subprocess.run(["xxh128sum", path], check=True, capture_output=True).stdout.split()[0].decode()


def check_xxh128():
    """Exits with one line when neither python3-xxhash nor xxh128sum is there (the report check needs one)."""
    try:
        import xxhash  # noqa: F401
        return
    except ImportError:
        pass
    if shutil.which("xxh128sum") is None:
        sys.exit("error: fuzz.py needs python3-xxhash or xxh128sum to check the reports' hashes (apt-get install python3-xxhash)")


def limits():
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT_S, CPU_LIMIT_S))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.setsid()


def run(args, cwd):
    """Runs one case; returns exit code (negative: killed by that signal), stderr, seconds and the child's own peak RSS in KB."""
    env = dict(os.environ, MUSUBI_DATA=data_dir, NO_COLOR="1", DOTNET_GCHeapHardLimit=hex(HEAP_CAP), DOTNET_gcServer="0")
    env.pop("MUSUBI_DB", None)
    start = time.monotonic()
    p = subprocess.Popen(args, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         preexec_fn=limits, env=env)
    chunks = []
    reader = threading.Thread(target=lambda: chunks.append(p.stderr.read()))
    reader.start()
    killer = threading.Timer(MAX_SECONDS * 3, lambda: os.killpg(p.pid, signal.SIGKILL))
    killer.start()
    _, status, usage = os.wait4(p.pid, 0)  # this child's own rusage (peak RSS), not the maximum over all children
    killer.cancel()
    elapsed = time.monotonic() - start
    reader.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    return p.returncode, b"".join(chunks).decode("utf-8", "replace"), elapsed, usage.ru_maxrss


OLD_OUT = b"OLD OUTPUT\n"
OLD_REPORT = b'{"old": true}\n'
OLD_EXTRA = b"row,ID,old\n"


def check_case(gen, name, data, command):
    case = os.path.join(out_dir, "case")
    shutil.rmtree(case, ignore_errors=True)
    os.makedirs(case)
    inp = os.path.join(case, name)
    with open(inp, "wb") as f:
        f.write(data)
    out, rep, extra = (os.path.join(case, n) for n in ("out.csv", "out.json", "out.extra.csv"))
    for path, content in ((out, OLD_OUT), (rep, OLD_REPORT), (extra, OLD_EXTRA)):
        with open(path, "wb") as f:
            f.write(content)
    if command == "convert":
        args = [musubi, "convert", inp, "--out", out, "--report", rep, "--quiet"]
    elif command == "inspect":
        args = [musubi, "inspect", inp]
    elif command == "address":
        args = [musubi, "address", "--csv", inp, "--column", "所在地_連結表記", "--threads", "2"]
    else:
        args = [musubi, "registry", "import-towns", inp]
    code, err, elapsed, rss = run(args, case)
    problems = []
    if code not in (0, 1, 2):
        problems.append("exit %s" % code)
    if "   at " in err or "Unhandled exception" in err or "Exception:" in err:
        problems.append("stack trace or exception")
    lines = [l for l in err.split("\n") if l]
    if code == 2 and (len(lines) != 1 or not lines[0].startswith("error: ")):
        problems.append("error is %d lines" % len(lines))
    if elapsed > MAX_SECONDS:
        problems.append("took %.1f s" % elapsed)
    leftovers = [n for n in os.listdir(case) if ".musubi-tmp-" in n]
    if leftovers:
        problems.append("temporary files left: %s" % leftovers)
    if command == "convert":
        if code == 2:
            if open(out, "rb").read() != OLD_OUT:
                problems.append("failed run changed the earlier output")
        elif code in (0, 1):
            try:
                report = json.load(open(rep, encoding="utf-8"))
                if report.get("outputXxh128") != xxh128(out) or report.get("outputBytes") != os.path.getsize(out):
                    problems.append("report does not match the output")
                ex = report.get("extraColumnsFile")
                if ex is None and os.path.exists(extra) and report.get("staleExtraColumnsFile") is None:
                    problems.append("stale extra-columns file left unnamed")
                if ex is not None and report.get("extraColumnsXxh128") != xxh128(ex):
                    problems.append("report does not match the extra-columns file")
            except (OSError, ValueError) as e:
                problems.append("no usable report (%s)" % e)
    if rss // 1024 > MAX_RSS_MB:
        problems.append("peak RSS %d MB" % (rss // 1024))
    return code, err, elapsed, rss, problems, inp


def main():
    check_xxh128()
    deadline = time.monotonic() + minutes * 60
    stats = {"seed": seed, "cases": 0, "failures": 0, "by_generator": {}, "by_exit": {}, "max_seconds": 0.0, "max_rss_mb": 0,
             "commands": {}}
    n = 0
    commands = ["convert"] * 6 + ["inspect", "address", "import-towns"]
    while time.monotonic() < deadline:
        n += 1
        gen_name, gen = pick()
        name, data = gen()
        command = rng.choice(commands)
        code, err, elapsed, rss, problems, inp = check_case(gen_name, name, data, command)
        stats["max_rss_mb"] = max(stats["max_rss_mb"], rss // 1024)
        stats["cases"] += 1
        g = stats["by_generator"].setdefault(gen_name, {"cases": 0, "failures": 0})
        g["cases"] += 1
        stats["by_exit"][str(code)] = stats["by_exit"].get(str(code), 0) + 1
        stats["commands"][command] = stats["commands"].get(command, 0) + 1
        stats["max_seconds"] = max(stats["max_seconds"], round(elapsed, 2))
        if problems:
            stats["failures"] += 1
            g["failures"] += 1
            d = os.path.join(out_dir, "failures", "%05d-%s" % (n, gen_name))
            os.makedirs(d, exist_ok=True)
            shutil.copy(inp, os.path.join(d, name))
            with open(os.path.join(d, "what.txt"), "w", encoding="utf-8") as f:
                f.write("command: %s\nexit: %s\nseconds: %.2f\npeak RSS: %d MB\nproblems: %s\nstderr:\n%s\n" % (command, code, elapsed, rss // 1024, "; ".join(problems), err))
            print("FAIL %s %s %s: %s" % (gen_name, command, name, "; ".join(problems)), flush=True)
        if n % 25 == 0:
            print("%d cases, %d failures, max %.1f s, max RSS %d MB" % (stats["cases"], stats["failures"], stats["max_seconds"], stats["max_rss_mb"]), flush=True)
    shutil.rmtree(os.path.join(out_dir, "case"), ignore_errors=True)
    with open(os.path.join(out_dir, "summary.json"), "w") as f:
        json.dump(stats, f, indent=2)
    print(json.dumps(stats, indent=2))
    return 1 if stats["failures"] else 0


sys.exit(main())
