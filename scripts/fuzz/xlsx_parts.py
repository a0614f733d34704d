#!/usr/bin/env python3
"""Seeds for the xlsx-parts SharpFuzz target (scripts/fuzz/sharpfuzz.sh): for each workbook path on stdin, its first
sheet's XML, shared strings and styles joined by the separator fuzz/Musubi.Fuzz/Program.cs splits them at."""
import hashlib, os, sys, zipfile

SEP = b"\n--musubi-part--\n"
out = sys.argv[1]
for path in (line.strip() for line in sys.stdin):
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            sheet = next((n for n in sorted(names) if n.startswith("xl/worksheets/") and n.endswith(".xml")), None)
            if sheet is None:
                continue
            parts = [z.read(sheet)]
            for extra in ("xl/sharedStrings.xml", "xl/styles.xml"):
                parts.append(z.read(extra) if extra in names else b"")
    except (zipfile.BadZipFile, OSError, KeyError):
        continue
    data = SEP.join(parts)
    if len(data) > 200_000:
        continue
    with open(os.path.join(out, hashlib.md5(path.encode()).hexdigest()[:8]), "wb") as f:
        f.write(data)
