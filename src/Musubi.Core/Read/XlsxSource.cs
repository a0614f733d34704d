using System.Globalization;
using System.IO.Compression;
using System.Xml;
using Musubi.Issues;

namespace Musubi.Read;

/// <summary>
/// Reads XLSX workbooks as a stream of the cells that exist: System.IO.Compression for the container and one XmlReader
/// over each sheet's XML, so memory grows with the widest row, never with the file or the dimensions its cells claim (a
/// lone cell at XFD1048576 costs one row, not a grid). Hand-written rather than ExcelDataReader, which materializes every
/// row and column up to the highest reference and so hangs or exhausts memory on sparse or forged references. Every part
/// is read through a counting stream that enforces the decompressed-size and ratio limits while it inflates; errors name
/// the broken part. Legacy .xls (and .xlsb) stay with ExcelDataReader (<see cref="ExcelSource"/>).
/// </summary>
internal static class XlsxSource
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    public static IReadOnlyList<RawTable> Open(string path, string? renamedNote, ReadLimits limits)
    {
        var tables = new List<RawTable>();
        Workbook book;
        try
        {
            book = Workbook.Load(path, limits);
        }
        catch (Exception e) when (e is not InputException)
        {
            throw new InputException(path, $"cannot be read as XLSX: {OneLine(e.Message)}", inner: e);
        }
        // Every sheet's reader holds the workbook; it closes when the last table using it is disposed.
        var shared = new SharedOwner(book);
        try
        {
            var counter = new CellCounter();
            foreach (var sheet in book.Sheets)
            {
                if (sheet.Part is null) continue;
                var sink = new TableShaper.NoteSink();
                if (renamedNote is not null) sink.Add(0, IssueCode.RenamedWorkbook, renamedNote);
                var reader = new SheetReader(path, book, sheet, limits, counter, sink, shared.Acquire());
                var table = TableShaper.Build(path, "xlsx", "n/a", sheet.Name, reader.Rows().GetEnumerator(), reader, noteShortRows: false, sink);
                if (table is null) continue;
                if (sheet.State is { } state && !state.Equals("visible", StringComparison.OrdinalIgnoreCase))
                    table.ReadNotes.Add((0, IssueCode.HiddenSheet, $"sheet \"{sheet.Name}\" is {state}"));
                tables.Add(table);
            }
        }
        catch (Exception e)
        {
            foreach (var t in tables) t.Dispose();
            shared.Dispose();
            if (e is InputException) throw;
            throw new InputException(path, $"cannot be read as XLSX: {OneLine(e.Message)}", inner: e);
        }
        shared.Dispose();
        if (tables.Count == 0) throw new InputException(path, "has no sheet with data");
        return tables;
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();

    /// <summary>Counts cells over all sheets of one workbook for the cells limit.</summary>
    private sealed class CellCounter
    {
        public long Cells;
    }

    /// <summary>Disposes the workbook when its opener and every sheet reader that acquired it have let go.</summary>
    private sealed class SharedOwner(IDisposable inner) : IDisposable
    {
        private int _users = 1;

        public IDisposable Acquire()
        {
            Interlocked.Increment(ref _users);
            return this;
        }

        public void Dispose()
        {
            if (Interlocked.Decrement(ref _users) == 0) inner.Dispose();
        }
    }

    internal sealed record SheetInfo(string Name, string? State, string? Part);

    /// <summary>The container, the sheet list, the styles' date formats and the shared strings.</summary>
    private sealed class Workbook : IDisposable
    {
        private readonly ZipArchive _zip;

        private Workbook(string path, ReadLimits limits, ZipArchive zip)
        {
            Path = path;
            Limits = limits;
            _zip = zip;
        }

        public string Path { get; }

        public ReadLimits Limits { get; }

        public List<SheetInfo> Sheets { get; } = [];

        public bool Date1904 { get; private set; }

        /// <summary>Per cell style (xf index): whether a number in that style is a date or time.</summary>
        public bool[] DateStyles { get; private set; } = [];

        public string[] SharedStrings { get; private set; } = [];

        public static Workbook Load(string path, ReadLimits limits)
        {
            var zip = ZipFile.OpenRead(path);
            var book = new Workbook(path, limits, zip);
            try
            {
                if (zip.Entries.Count > limits.Parts)
                    throw ReadLimits.Exceeded(path, "parts", limits.Parts, $"ZIP container has {zip.Entries.Count:N0} parts");
                var main = book.Relationships("_rels/.rels").FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal)).Target
                    ?? "xl/workbook.xml";
                var rels = book.Relationships(RelsPathFor(main));
                book.ReadWorkbook(main, rels);
                var styles = rels.FirstOrDefault(r => r.Type.EndsWith("/styles", StringComparison.Ordinal)).Target;
                if (styles is not null && book.Find(styles) is not null) book.ReadStyles(styles);
                var shared = rels.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)).Target;
                if (shared is not null && book.Find(shared) is not null) book.ReadSharedStrings(shared);
                return book;
            }
            catch
            {
                book.Dispose();
                throw;
            }
        }

        public ZipArchiveEntry? Find(string part) => _zip.GetEntry(part) ?? _zip.Entries.FirstOrDefault(e => e.FullName.Equals(part, StringComparison.OrdinalIgnoreCase));

        /// <summary>A part's XML through the limit-checking stream; XML errors name the part.</summary>
        public XmlReader OpenXml(string part)
        {
            var entry = Find(part) ?? throw new InputException(Path, $"part {part} is missing");
            var stream = new LimitedPartStream(entry.Open(), Path, part, entry.CompressedLength, Limits);
            return XmlReader.Create(stream, new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
                CloseInput = true,
                CheckCharacters = false,
            });
        }

        private static string RelsPathFor(string part)
        {
            var slash = part.LastIndexOf('/');
            return slash < 0 ? $"_rels/{part}.rels" : $"{part[..slash]}/_rels/{part[(slash + 1)..]}.rels";
        }

        /// <summary>A relationship's target as a part name: relative to the source part's folder, or absolute from the root.</summary>
        private static string Resolve(string sourcePart, string target)
        {
            if (target.StartsWith('/')) return target[1..];
            var slash = sourcePart.LastIndexOf('/');
            var folder = slash < 0 ? "" : sourcePart[..(slash + 1)];
            if (sourcePart.StartsWith("_rels/", StringComparison.Ordinal)) folder = "";
            var parts = new List<string>((folder + target).Split('/'));
            for (var i = 0; i < parts.Count; i++)
            {
                if (parts[i] == "..")
                {
                    parts.RemoveAt(i);
                    if (i > 0) parts.RemoveAt(--i);
                    i--;
                }
                else if (parts[i] is "." or "")
                {
                    parts.RemoveAt(i--);
                }
            }
            return string.Join('/', parts);
        }

        private List<(string Id, string Type, string Target)> Relationships(string relsPart)
        {
            var list = new List<(string, string, string)>();
            if (Find(relsPart) is null) return list;
            // The part the relationships belong to: xl/_rels/workbook.xml.rels → xl/workbook.xml.
            var source = relsPart.Replace("_rels/", "", StringComparison.Ordinal);
            source = source.EndsWith(".rels", StringComparison.Ordinal) ? source[..^5] : source;
            using var x = OpenXml(relsPart);
            Parse(relsPart, () =>
            {
                while (x.Read())
                {
                    if (x.NodeType != XmlNodeType.Element || x.LocalName != "Relationship") continue;
                    var target = x.GetAttribute("Target");
                    if (target is null || x.GetAttribute("TargetMode") == "External") continue;
                    list.Add((x.GetAttribute("Id") ?? "", x.GetAttribute("Type") ?? "", Resolve(source.Length == 0 ? "_rels/" : source, target)));
                }
            });
            return list;
        }

        private void ReadWorkbook(string part, List<(string Id, string Type, string Target)> rels)
        {
            using var x = OpenXml(part);
            Parse(part, () =>
            {
                while (x.Read())
                {
                    if (x.NodeType != XmlNodeType.Element) continue;
                    if (x.LocalName == "workbookPr")
                    {
                        Date1904 = x.GetAttribute("date1904") is "1" or "true";
                    }
                    else if (x.LocalName == "sheet")
                    {
                        if (Sheets.Count >= Limits.Parts)
                            throw ReadLimits.Exceeded(Path, "parts", Limits.Parts, $"workbook lists more than {Limits.Parts:N0} sheets");
                        var id = x.GetAttribute("id", RelNs);
                        var target = rels.FirstOrDefault(r => r.Id == id).Target;
                        Sheets.Add(new SheetInfo(x.GetAttribute("name") ?? $"Sheet{Sheets.Count + 1}", x.GetAttribute("state"), target));
                    }
                }
            });
        }

        private void ReadStyles(string part)
        {
            var formats = new Dictionary<int, string>();
            var xfs = new List<bool>();
            using var x = OpenXml(part);
            Parse(part, () =>
            {
                var inCellXfs = false;
                while (x.Read())
                {
                    if (x.NodeType == XmlNodeType.EndElement && x.LocalName == "cellXfs") inCellXfs = false;
                    if (x.NodeType != XmlNodeType.Element) continue;
                    switch (x.LocalName)
                    {
                        case "numFmt" when int.TryParse(x.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var id):
                            formats[id] = x.GetAttribute("formatCode") ?? "";
                            break;
                        case "cellXfs":
                            inCellXfs = !x.IsEmptyElement;
                            break;
                        case "xf" when inCellXfs:
                            if (xfs.Count >= 1_000_000) break; // Excel allows 64,000 styles
                            var fmt = int.TryParse(x.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var f) ? f : 0;
                            xfs.Add(formats.TryGetValue(fmt, out var code) ? IsDateFormat(code) : IsBuiltInDate(fmt));
                            break;
                    }
                }
            });
            DateStyles = [.. xfs];
        }

        private void ReadSharedStrings(string part)
        {
            var list = new List<string>();
            long chars = 0;
            using var x = OpenXml(part);
            Parse(part, () =>
            {
                x.MoveToContent();
                if (x.LocalName != "sst") return;
                if (int.TryParse(x.GetAttribute("uniqueCount"), CultureInfo.InvariantCulture, out var declared) && declared is > 0 and < 1_000_000)
                    list.Capacity = declared;
                while (x.Read())
                {
                    if (x.NodeType != XmlNodeType.Element || x.LocalName != "si") continue;
                    var s = RichText(x, Path, part, Limits, budget: Limits.SharedStringChars - chars);
                    chars += s.Length;
                    if (chars > Limits.SharedStringChars)
                        throw ReadLimits.Exceeded(Path, "shared-string-chars", Limits.SharedStringChars, $"shared strings hold more than {Limits.SharedStringChars:N0} characters");
                    list.Add(s);
                }
            });
            SharedStrings = [.. list];
        }

        public void Dispose() => _zip.Dispose();
    }

    /// <summary>Runs a part's parse, turning XML errors into one line naming the part.</summary>
    private static void Parse(string part, Action parse)
    {
        try
        {
            parse();
        }
        catch (XmlException e)
        {
            throw new InvalidDataException($"part {part} is not valid XML ({OneLine(e.Message)})", e);
        }
    }

    /// <summary>
    /// The text of a string item (si or is) at the reader: its t elements, runs included, phonetic guides (rPh) left out
    /// — as Excel shows it. Read in chunks so an endless text is refused at the budget, never allocated first.
    /// </summary>
    private static string RichText(XmlReader x, string path, string part, ReadLimits limits, long budget)
    {
        if (x.IsEmptyElement) return "";
        var depth = x.Depth;
        var sb = new System.Text.StringBuilder();
        var phonetic = 0;
        var inText = false;
        var chunk = new char[4096];
        var max = Math.Min(budget, limits.CellChars);
        while (x.Read())
        {
            if (x.NodeType == XmlNodeType.EndElement)
            {
                if (x.Depth == depth) break;
                if (x.LocalName == "rPh") phonetic--;
                else if (x.LocalName == "t") inText = false;
                continue;
            }
            if (x.NodeType == XmlNodeType.Element)
            {
                if (x.LocalName == "rPh" && !x.IsEmptyElement) phonetic++;
                else if (x.LocalName == "t" && !x.IsEmptyElement) inText = true;
                continue;
            }
            if (!inText || phonetic > 0 || x.NodeType is not (XmlNodeType.Text or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace or XmlNodeType.CDATA))
                continue;
            int n;
            while ((n = x.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
            {
                sb.Append(chunk, 0, n);
                if (sb.Length > max)
                {
                    throw sb.Length > limits.CellChars
                        ? ReadLimits.Exceeded(path, "cell-chars", limits.CellChars, $"part {part} has a text of more than {limits.CellChars:N0} characters")
                        : ReadLimits.Exceeded(path, "shared-string-chars", limits.SharedStringChars, $"shared strings hold more than {limits.SharedStringChars:N0} characters");
                }
            }
        }
        return sb.ToString();
    }

    /// <summary>Built-in number formats that show a date or time (ECMA-376 18.8.30, with the CJK ones).</summary>
    private static bool IsBuiltInDate(int id) => id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58);

    /// <summary>A custom format shows a date or time when it has y, m, d, h or s outside quotes, escapes and [colour] brackets.</summary>
    internal static bool IsDateFormat(string code)
    {
        var inQuote = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (inQuote)
            {
                if (c == '"') inQuote = false;
                continue;
            }
            switch (c)
            {
                case '"':
                    inQuote = true;
                    continue;
                case '\\' or '_' or '*':
                    i++;
                    continue;
                case '[':
                    var end = code.IndexOf(']', i);
                    if (end < 0) return false;
                    var inside = code.AsSpan(i + 1, end - i - 1);
                    // [h], [mm], [ss] are elapsed times; [Red], [$-411], [>100] are not date parts.
                    if (inside.Length > 0 && inside.IndexOfAnyExcept("hHmMsS") < 0) return true;
                    i = end;
                    continue;
                case ';':
                    return false; // the first section decides
            }
            if (c is 'y' or 'Y' or 'm' or 'M' or 'd' or 'D' or 'h' or 'H' or 's' or 'S' or 'e' or 'g' or 'G')
            {
                if (code.AsSpan(i).StartsWith("General", StringComparison.OrdinalIgnoreCase)) return false;
                if (c is 'e' && i > 0 && code[i - 1] is '0' or '#' or '.') return false; // 0.00e+00
                return true;
            }
        }
        return false;
    }

    /// <summary>Reads one sheet's rows as they come, checking every limit on the way.</summary>
    private sealed class SheetReader(string path, Workbook book, SheetInfo sheet, ReadLimits limits, CellCounter counter, TableShaper.NoteSink sink,
        IDisposable workbook) : IDisposable
    {
        private XmlReader? _xml;
        private string[] _scratch = new string[16];

        public IEnumerable<(int Row, string[] Cells)> Rows()
        {
            var part = sheet.Part!;
            var x = _xml = book.OpenXml(part);
            var rowCount = 0L;
            var lastRow = 0L;
            var merges = new List<string>();
            var mergeCount = 0;
            var firstMergeRow = 0;
            while (true)
            {
                string[]? cells = null;
                long rowNumber = 0;
                var done = false;
                try
                {
                    while (true)
                    {
                        if (!x.Read())
                        {
                            done = true;
                            break;
                        }
                        if (x.NodeType != XmlNodeType.Element) continue;
                        if (x.LocalName == "row")
                        {
                            rowNumber = x.GetAttribute("r") is { } r
                                ? long.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var rn) ? rn : throw Bad(part, $"row number '{Short(r)}'")
                                : lastRow + 1;
                            if (rowNumber > limits.RowIndex)
                                throw ReadLimits.Exceeded(path, "row-index", limits.RowIndex, $"sheet \"{sheet.Name}\" has a row numbered {rowNumber:N0}");
                            if (rowNumber < 1) throw Bad(part, $"row number {rowNumber}");
                            if (++rowCount > limits.Rows)
                                throw ReadLimits.Exceeded(path, "rows", limits.Rows, $"sheet \"{sheet.Name}\" has more than {limits.Rows:N0} rows");
                            lastRow = rowNumber;
                            cells = x.IsEmptyElement ? [] : ReadRow(x, part, (int)rowNumber);
                            break;
                        }
                        if (x.LocalName == "mergeCell")
                        {
                            if (mergeCount++ < 10 && x.GetAttribute("ref") is { } mref)
                            {
                                merges.Add(Short(mref));
                                if (firstMergeRow == 0) firstMergeRow = FirstRowOf(mref);
                            }
                        }
                    }
                }
                catch (XmlException e)
                {
                    throw new InputException(path, $"part {part} is not valid XML ({OneLine(e.Message)})", rowNumber > 0 ? (int)rowNumber : null, inner: e);
                }
                catch (InvalidDataException e)
                {
                    throw new InputException(path, $"part {part} is damaged ({OneLine(e.Message)})", rowNumber > 0 ? (int)rowNumber : null, inner: e);
                }
                if (done) break;
                yield return ((int)rowNumber, cells!);
            }
            if (mergeCount > 0)
            {
                sink.Add(firstMergeRow, IssueCode.MergedCells,
                    $"{mergeCount} merged cell area(s): {string.Join(", ", merges)}{(mergeCount > 10 ? ", …" : "")}; the value sits in the first cell only");
            }
        }

        private static int FirstRowOf(string reference)
        {
            var (row, _) = ParseReference(reference.Split(':')[0]);
            return row is > 0 and <= int.MaxValue ? (int)row : 0;
        }

        private InputException Bad(string part, string what) => new(path, $"part {part} has an invalid {what}");

        private static string Short(string s) => s.Length > 40 ? s[..40] + "…" : s;

        /// <summary>The cells of the row element at the reader, as an array up to its last non-empty cell.</summary>
        private string[] ReadRow(XmlReader x, string part, int rowNumber)
        {
            var depth = x.Depth;
            var width = 0;
            var next = 0; // column index (0-based) of a cell without a reference
            long rowChars = 0;
            while (x.Read())
            {
                if (x.NodeType == XmlNodeType.EndElement && x.Depth == depth) break;
                if (x.NodeType != XmlNodeType.Element || x.LocalName != "c") continue;
                var col = next;
                if (x.GetAttribute("r") is { } reference)
                {
                    var (_, c) = ParseReference(reference);
                    if (c < 1) throw Bad(part, $"cell reference '{Short(reference)}'");
                    if (c > limits.ColumnIndex)
                        throw ReadLimits.Exceeded(path, "column-index", limits.ColumnIndex, $"sheet \"{sheet.Name}\" has a cell in column {c:N0}", rowNumber);
                    col = (int)c - 1;
                }
                if (col >= limits.Columns)
                    throw ReadLimits.Exceeded(path, "columns", limits.Columns, $"sheet \"{sheet.Name}\" has a row of more than {limits.Columns:N0} cells", rowNumber);
                next = col + 1;
                var text = CellValue(x, part, rowNumber, col);
                if (text.Length == 0) continue;
                if (text.Length > limits.CellChars)
                    throw ReadLimits.Exceeded(path, "cell-chars", limits.CellChars, $"has a cell of {text.Length:N0} characters", rowNumber, ColumnName(col));
                if ((rowChars += text.Length) > limits.RowChars)
                    throw ReadLimits.Exceeded(path, "row-chars", limits.RowChars, $"has a row of more than {limits.RowChars:N0} characters", rowNumber);
                if (++counter.Cells > limits.Cells)
                    throw ReadLimits.Exceeded(path, "cells", limits.Cells, $"has more than {limits.Cells:N0} cells", rowNumber);
                if (col >= _scratch.Length)
                {
                    var grown = new string[Math.Min(Math.Max(col + 1, _scratch.Length * 2), limits.Columns)];
                    Array.Copy(_scratch, grown, width);
                    _scratch = grown;
                }
                for (var i = width; i < col; i++) _scratch[i] = "";
                _scratch[col] = text;
                if (col + 1 > width) width = col + 1;
            }
            var cells = new string[width];
            Array.Copy(_scratch, cells, width);
            Array.Clear(_scratch, 0, width);
            return cells;
        }

        /// <summary>The cell element at the reader as text, like <see cref="ExcelSource.CellText"/>; leaves the reader on its end.</summary>
        private string CellValue(XmlReader x, string part, int rowNumber, int col)
        {
            var type = x.GetAttribute("t");
            var style = int.TryParse(x.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var st) ? st : 0;
            if (x.IsEmptyElement) return "";
            var depth = x.Depth;
            string? value = null;
            string? inline = null;
            var advance = true;
            while (!advance || x.Read())
            {
                advance = true;
                if (x.NodeType == XmlNodeType.EndElement && x.Depth == depth) break;
                if (x.NodeType != XmlNodeType.Element) continue;
                if (x.LocalName == "v")
                {
                    value = x.IsEmptyElement ? "" : ReadBounded(x, part, rowNumber, col);
                }
                else if (x.LocalName == "is")
                {
                    inline = RichText(x, path, part, limits, long.MaxValue);
                }
                else if (!x.IsEmptyElement)
                {
                    x.Skip(); // f (formula), extLst: the reader is now on the next node
                    advance = false;
                }
            }
            switch (type)
            {
                case "inlineStr":
                    return (inline ?? value ?? "").Trim();
                case "s":
                    if (value is not null && int.TryParse(value, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var i)
                        && (uint)i < (uint)book.SharedStrings.Length)
                        return book.SharedStrings[i].Trim();
                    return "";
                case "str":
                    return (value ?? inline ?? "").Trim();
                case "b":
                    return value is null ? "" : value.Trim() is "1" or "true" ? "TRUE" : "FALSE";
                case "e":
                    return "";
                case "d":
                    return value is not null && DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var dt)
                        ? ExcelSource.FormatDate(dt) : (value ?? "").Trim();
            }
            if (value is null) return (inline ?? "").Trim();
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return value.Trim();
            if ((uint)style < (uint)book.DateStyles.Length && book.DateStyles[style])
            {
                // Excel counts 1900-02-29 (which did not exist), so before serial 60 its days are one later than OLE
                // automation dates: serial 1 is 1900-01-01, 0 is 1899-12-31 — as ExcelDataReader reads them.
                // A time-only serial (0 ≤ d < 1) is a time of day: shown as Excel shows it, cut to whole seconds so that
                // 0.999999 stays 23:59:59 instead of rolling over into a date.
                if (d is >= 0 and < 1)
                {
                    var t = TimeSpan.FromSeconds(Math.Floor(d * 86400));
                    return t.Seconds == 0
                        ? t.ToString(@"hh\:mm", CultureInfo.InvariantCulture)
                        : t.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
                }
                var serial = book.Date1904 ? d + 1462 : d < 60 ? d + 1 : d;
                if (serial is >= -657435 and < 2958466) return ExcelSource.FormatDate(DateTime.FromOADate(serial));
            }
            return ExcelSource.FormatNumber(d);
        }

        private string ReadBounded(XmlReader x, string part, int rowNumber, int col)
        {
            var depth = x.Depth;
            var sb = new System.Text.StringBuilder();
            var chunk = new char[1024];
            while (x.Read())
            {
                if (x.NodeType == XmlNodeType.EndElement && x.Depth == depth) break;
                if (x.NodeType is not (XmlNodeType.Text or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace or XmlNodeType.CDATA)) continue;
                int n;
                while ((n = x.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                {
                    sb.Append(chunk, 0, n);
                    if (sb.Length > limits.CellChars)
                        throw ReadLimits.Exceeded(path, "cell-chars", limits.CellChars, $"part {part} has a cell of more than {limits.CellChars:N0} characters",
                            rowNumber, ColumnName(col));
                }
                if (x.NodeType == XmlNodeType.EndElement && x.Depth == depth) break;
            }
            return sb.ToString();
        }

        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _xml?.Dispose();
            workbook.Dispose();
        }
    }

    /// <summary>A1-style reference → (row, column), 1-based; 0 where a part is missing, -1 when malformed. Never overflows.</summary>
    internal static (long Row, long Column) ParseReference(string reference)
    {
        long col = 0;
        var i = 0;
        for (; i < reference.Length; i++)
        {
            var c = reference[i];
            if (c is >= 'A' and <= 'Z') col = col * 26 + (c - 'A' + 1);
            else if (c is >= 'a' and <= 'z') col = col * 26 + (c - 'a' + 1);
            else break;
            if (col > int.MaxValue) return (-1, -1);
        }
        if (i == reference.Length) return (0, col);
        long row = 0;
        for (; i < reference.Length; i++)
        {
            var c = reference[i];
            if (c is < '0' or > '9') return (-1, -1);
            row = row * 10 + (c - '0');
            if (row > int.MaxValue) return (long.MaxValue, col);
        }
        return (row, col);
    }

    internal static string ColumnName(int index)
    {
        var name = "";
        for (var c = index + 1; c > 0; c = (c - 1) / 26) name = (char)('A' + ((c - 1) % 26)) + name;
        return name;
    }

    /// <summary>
    /// Inflates one part and counts what comes out, so the decompressed-size and ratio limits hold whatever the ZIP's
    /// directory declares (a forged size is not believed).
    /// </summary>
    private sealed class LimitedPartStream(Stream inner, string path, string part, long compressed, ReadLimits limits) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _read += n;
            if (_read > limits.PartBytes)
                throw ReadLimits.Exceeded(path, "part-bytes", limits.PartBytes, $"part {part} expands to more than {limits.PartBytes:N0} bytes");
            if (_read > ReadLimits.RatioFloorBytes && _read > Math.Max(compressed, 1) * limits.PartRatio)
                throw ReadLimits.Exceeded(path, "part-ratio", limits.PartRatio,
                    $"part {part} expands to more than {limits.PartRatio} times its compressed size (a zip bomb?)");
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
