"""Helpers for make-samples.py: kana, romaji, places, and writers for CSV, XLSX, PDF (standard library only).

Every writer is deterministic (fixed zip timestamps, seeded randomness in the caller), so running the generator twice
gives the same bytes and a diff shows only real changes.
"""
import csv
import io
import json
import os
import random
import re
import zipfile
from xml.sax.saxutils import escape

# ---------------------------------------------------------------- kana and romaji

def kata(hira: str) -> str:
    """Hiragana → full-width katakana (other characters unchanged)."""
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in hira)


_HALF = {
    "ア": "ｱ", "イ": "ｲ", "ウ": "ｳ", "エ": "ｴ", "オ": "ｵ", "カ": "ｶ", "キ": "ｷ", "ク": "ｸ", "ケ": "ｹ", "コ": "ｺ",
    "サ": "ｻ", "シ": "ｼ", "ス": "ｽ", "セ": "ｾ", "ソ": "ｿ", "タ": "ﾀ", "チ": "ﾁ", "ツ": "ﾂ", "テ": "ﾃ", "ト": "ﾄ",
    "ナ": "ﾅ", "ニ": "ﾆ", "ヌ": "ﾇ", "ネ": "ﾈ", "ノ": "ﾉ", "ハ": "ﾊ", "ヒ": "ﾋ", "フ": "ﾌ", "ヘ": "ﾍ", "ホ": "ﾎ",
    "マ": "ﾏ", "ミ": "ﾐ", "ム": "ﾑ", "メ": "ﾒ", "モ": "ﾓ", "ヤ": "ﾔ", "ユ": "ﾕ", "ヨ": "ﾖ", "ラ": "ﾗ", "リ": "ﾘ",
    "ル": "ﾙ", "レ": "ﾚ", "ロ": "ﾛ", "ワ": "ﾜ", "ヲ": "ｦ", "ン": "ﾝ", "ァ": "ｧ", "ィ": "ｨ", "ゥ": "ｩ", "ェ": "ｪ",
    "ォ": "ｫ", "ャ": "ｬ", "ュ": "ｭ", "ョ": "ｮ", "ッ": "ｯ", "ー": "ｰ", "・": "･",
}
_VOICED = {"ガ": "カ", "ギ": "キ", "グ": "ク", "ゲ": "ケ", "ゴ": "コ", "ザ": "サ", "ジ": "シ", "ズ": "ス", "ゼ": "セ",
           "ゾ": "ソ", "ダ": "タ", "ヂ": "チ", "ヅ": "ツ", "デ": "テ", "ド": "ト", "バ": "ハ", "ビ": "ヒ", "ブ": "フ",
           "ベ": "ヘ", "ボ": "ホ", "ヴ": "ウ"}
_SEMI = {"パ": "ハ", "ピ": "ヒ", "プ": "フ", "ペ": "ヘ", "ポ": "ホ"}


def half_kana(katakana: str) -> str:
    """Full-width katakana → half-width (as old Excel exports write readings)."""
    out = []
    for c in katakana:
        if c in _VOICED:
            out.append(_HALF[_VOICED[c]] + "ﾞ")
        elif c in _SEMI:
            out.append(_HALF[_SEMI[c]] + "ﾟ")
        else:
            out.append(_HALF.get(c, c))
    return "".join(out)


_ROMA = {
    "あ": "a", "い": "i", "う": "u", "え": "e", "お": "o", "か": "ka", "き": "ki", "く": "ku", "け": "ke", "こ": "ko",
    "さ": "sa", "し": "shi", "す": "su", "せ": "se", "そ": "so", "た": "ta", "ち": "chi", "つ": "tsu", "て": "te",
    "と": "to", "な": "na", "に": "ni", "ぬ": "nu", "ね": "ne", "の": "no", "は": "ha", "ひ": "hi", "ふ": "fu",
    "へ": "he", "ほ": "ho", "ま": "ma", "み": "mi", "む": "mu", "め": "me", "も": "mo", "や": "ya", "ゆ": "yu",
    "よ": "yo", "ら": "ra", "り": "ri", "る": "ru", "れ": "re", "ろ": "ro", "わ": "wa", "を": "o", "ん": "n",
    "が": "ga", "ぎ": "gi", "ぐ": "gu", "げ": "ge", "ご": "go", "ざ": "za", "じ": "ji", "ず": "zu", "ぜ": "ze",
    "ぞ": "zo", "だ": "da", "ぢ": "ji", "づ": "zu", "で": "de", "ど": "do", "ば": "ba", "び": "bi", "ぶ": "bu",
    "べ": "be", "ぼ": "bo", "ぱ": "pa", "ぴ": "pi", "ぷ": "pu", "ぺ": "pe", "ぽ": "po",
}
_YOON = {"ゃ": "a", "ゅ": "u", "ょ": "o"}


def romaji(hira: str) -> str:
    """Hiragana → simple Hepburn (no macrons), capitalised per word separated by spaces."""
    out = []
    i = 0
    while i < len(hira):
        c = hira[i]
        nxt = hira[i + 1] if i + 1 < len(hira) else ""
        if c == "っ" and nxt:
            r = _ROMA.get(nxt, "")
            out.append(r[:1] if r and r[0] != "c" else "t")
            i += 1
            continue
        if nxt in _YOON and c in _ROMA:
            base = _ROMA[c]
            stem = {"shi": "sh", "chi": "ch", "ji": "j"}.get(base, base[:-1] + "y")
            out.append(stem + _YOON[nxt])
            i += 2
            continue
        if c == "ー":
            i += 1
            continue
        out.append(_ROMA.get(c, c))
        i += 1
    s = "".join(out)
    # Long vowels written without macrons, as signs and most municipal files do (Chuo, Tohoku, Oomachi → Omachi).
    s = s.replace("ou", "o").replace("uu", "u").replace("oo", "o")
    return " ".join(w[:1].upper() + w[1:] for w in s.split(" ") if w)


FW = str.maketrans("0123456789-", "０１２３４５６７８９－")


def full_width(s: str) -> str:
    return s.translate(FW)


KANJI_NUM = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

# ---------------------------------------------------------------- places


class Geo:
    """Town (町字) representative points from geolonia japanese-addresses (api/ja/<pref>/<city>.json)."""

    def __init__(self, root: str):
        self.root = root
        self.cache = {}

    def towns(self, pref: str, city: str):
        key = (pref, city)
        if key not in self.cache:
            with open(os.path.join(self.root, pref, city + ".json"), encoding="utf-8") as f:
                self.cache[key] = json.load(f)
        return self.cache[key]

    def records(self, pref: str, city: str, base: str):
        """Records whose town is base, or base + n丁目."""
        pat = re.compile("^" + re.escape(base) + "([一二三四五六七八九十]+丁目)?$")
        return [r for r in self.towns(pref, city) if pat.match(r["town"]) and r["lat"] is not None]


def jitter(rng: random.Random, lat: float, lng: float, spread: float):
    return round(lat + rng.uniform(-spread, spread), 6), round(lng + rng.uniform(-spread, spread) * 1.2, 6)


# ---------------------------------------------------------------- writers


def csv_bytes(rows, encoding="utf-8", bom=False, quote_all=False, newline="\r\n") -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=newline, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    data = buf.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" if bom else b"") + data


def tsv_bytes(rows, encoding="utf-8") -> bytes:
    return "".join("\t".join("" if v is None else str(v) for v in r) + "\r\n" for r in rows).encode(encoding)


def _col(n: int) -> str:
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


class Furigana:
    """A string cell with a phonetic (furigana) run, as Excel stores text typed with a Japanese IME."""

    def __init__(self, text, reading):
        self.text, self.reading = text, reading


class XlsxDate:
    """A date cell (stored as an Excel serial number with a date format)."""

    def __init__(self, y, m, d):
        import datetime
        self.serial = (datetime.date(y, m, d) - datetime.date(1899, 12, 30)).days


def xlsx_bytes(sheets) -> bytes:
    """sheets: list of dicts {name, rows, merges (list of "A1:F1"), widths}. Numbers are numeric cells, XlsxDate a date
    cell, everything else a shared string (as Excel itself writes)."""
    strings, index = [], {}

    def sid(s):
        key = (s.text, s.reading) if isinstance(s, Furigana) else s
        if key not in index:
            index[key] = len(strings)
            strings.append(s)
        return index[key]

    sheet_xml = []
    for sh in sheets:
        out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
               'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">']
        ncols = max((len(r) for r in sh["rows"]), default=1)
        out.append(f'<dimension ref="A1:{_col(ncols - 1)}{max(len(sh["rows"]), 1)}"/>')
        if sh.get("widths"):
            out.append("<cols>" + "".join(f'<col min="{i + 1}" max="{i + 1}" width="{w}" customWidth="1"/>'
                                          for i, w in enumerate(sh["widths"])) + "</cols>")
        out.append("<sheetData>")
        for ri, row in enumerate(sh["rows"], start=1):
            cells = []
            for ci, v in enumerate(row):
                ref = f"{_col(ci)}{ri}"
                if v is None or v == "":
                    continue
                if isinstance(v, XlsxDate):
                    cells.append(f'<c r="{ref}" s="1"><v>{v.serial}</v></c>')
                elif isinstance(v, Furigana):
                    cells.append(f'<c r="{ref}" t="s"><v>{sid(v)}</v></c>')
                elif isinstance(v, bool):
                    cells.append(f'<c r="{ref}" t="s"><v>{sid(str(v))}</v></c>')
                elif isinstance(v, (int, float)):
                    cells.append(f'<c r="{ref}"><v>{v}</v></c>')
                else:
                    cells.append(f'<c r="{ref}" t="s"><v>{sid(str(v))}</v></c>')
            out.append(f'<row r="{ri}">' + "".join(cells) + "</row>")
        out.append("</sheetData>")
        if sh.get("merges"):
            out.append(f'<mergeCells count="{len(sh["merges"])}">' +
                       "".join(f'<mergeCell ref="{m}"/>' for m in sh["merges"]) + "</mergeCells>")
        out.append('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>')
        sheet_xml.append("".join(out))

    sst = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">']
    for s in strings:
        if isinstance(s, Furigana):
            sst.append(f'<si><t>{escape(s.text)}</t><rPh sb="0" eb="{len(s.text)}"><t>{escape(s.reading)}</t></rPh>'
                       '<phoneticPr fontId="1"/></si>')
            continue
        sp = ' xml:space="preserve"' if s != s.strip() or "\n" in s else ""
        sst.append(f"<si><t{sp}>{escape(s)}</t></si>")
    sst.append("</sst>")

    n = len(sheets)
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        + "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(n))
        + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '</Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        '</Relationships>',
        "docProps/core.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>musubi demo samples</dc:creator>'
        '<dcterms:created xsi:type="dcterms:W3CDTF">2024-04-01T00:00:00Z</dcterms:created></cp:coreProperties>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
        + "".join(f'<sheet name="{escape(sh["name"])}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, sh in enumerate(sheets))
        + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>' for i in range(n))
        + f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        + f'<Relationship Id="rId{n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        '</Relationships>',
        "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<fonts count="1"><font><sz val="11"/><name val="游ゴシック"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        '</styleSheet>',
        "xl/sharedStrings.xml": "".join(sst),
    }
    for i, x in enumerate(sheet_xml):
        files[f"xl/worksheets/sheet{i + 1}.xml"] = x
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 4, 1, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


def pdf_bytes(lines) -> bytes:
    """A one-page PDF with ASCII text lines (Helvetica): enough to be a real PDF that a viewer opens."""
    text = "BT /F1 12 Tf 56 780 Td 16 TL " + " ".join(
        "(" + l.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*" for l in lines) + " ET"
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(text)} >>\nstream\n{text}\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{o}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def write(path: str, data: bytes):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
