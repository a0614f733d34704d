using Musubi.Issues;
namespace Musubi.Read;

/// <summary>
/// Turns a stream of physical rows (CSV records or sheet rows) into a <see cref="RawTable"/>: finds the header
/// below title and comment rows, combines a two-row header, drops empty columns, pads ragged rows, skips blank
/// rows and cuts footnote rows below the data while streaming.
/// </summary>
internal sealed class TableShaper
{
    /// <summary>Non-blank rows buffered to find the header and sample the columns.</summary>
    internal const int BufferRows = 100;

    /// <summary>The header is searched among the first this many non-blank rows.</summary>
    internal const int HeaderSearchRows = 30;

    private const int MaxNotesPerCode = 50;
    private const int MaxPendingFootnotes = 64;

    private readonly string _path;
    private readonly bool _noteShortRows;
    private readonly Dictionary<string, int> _noteCounts = new(StringComparer.Ordinal);
    private List<(int Row, string Code, string Message)> _notes = [];
    private int _rawWidth;
    private int[]? _keep;
    private bool[]? _droppedReported;
    private int _width;
    private bool _enumerated;

    private TableShaper(string path, bool noteShortRows)
    {
        _path = path;
        _noteShortRows = noteShortRows;
    }

    /// <summary>
    /// Builds a table from <paramref name="source"/> (physical rows in order; blank rows may be included).
    /// Returns null when the source holds no non-blank row. <paramref name="owner"/> is disposed with the table.
    /// </summary>
    public static RawTable? Build(string path, string format, string encoding, string? sheet,
        IEnumerator<(int Row, string[] Cells)> source, IDisposable? owner, bool noteShortRows,
        NoteSink? sink = null, RowArrayReuse? arrayReuse = null)
    {
        var shaper = new TableShaper(path, noteShortRows) { _arrayReuse = arrayReuse };
        sink ??= new NoteSink();
        var buffer = new List<(int Row, string[] Cells)>(BufferRows);
        var more = true;
        while (buffer.Count < BufferRows && (more = source.MoveNext()))
        {
            var r = source.Current;
            if (!IsBlank(r.Cells)) buffer.Add(r);
        }
        if (buffer.Count == 0)
        {
            source.Dispose();
            owner?.Dispose();
            return null;
        }

        var notes = new List<(int Row, string Code, string Message)>();
        sink.Flush(notes);
        shaper._notes = notes;
        var (dataStart, header, preamble, headerRow) = shaper.Analyze(buffer);

        var rows = shaper.Rows(buffer, dataStart, more ? source : null, source);
        var table = new RawTable(path, format, encoding, sheet, headerRow, header, preamble, rows,
            new Owners(source, owner))
        { ArrayReuse = arrayReuse };
        table.ReadNotes.AddRange(notes);
        // Notes found while streaming go straight to the table.
        shaper._notes = table.ReadNotes;
        sink.Target = table.ReadNotes;
        return table;
    }

    /// <summary>Collects notes from a row source (cut cells, long rows) before and after the table exists.</summary>
    internal sealed class NoteSink
    {
        private readonly List<(int Row, string Code, string Message)> _early = [];
        private int _count;

        public List<(int Row, string Code, string Message)>? Target { get; set; }

        public void Add(int row, string code, string message)
        {
            if (++_count > 200) return;
            (Target ?? _early).Add((row, code, message));
        }

        public void Flush(List<(int Row, string Code, string Message)> into)
        {
            into.AddRange(_early);
            _early.Clear();
        }
    }

    private sealed class Owners(IDisposable a, IDisposable? b) : IDisposable
    {
        public void Dispose()
        {
            a.Dispose();
            b?.Dispose();
        }
    }

    // ---------------------------------------------------------------- header analysis

    private (int DataStart, string[] Header, List<string> Preamble, int HeaderRow) Analyze(
        List<(int Row, string[] Cells)> buffer)
    {
        var preamble = new List<string>();
        var headerIndex = -1;
        var linkData = false;

        // LinkData: "#property" names the columns; the other "#…" rows are metadata.
        for (var i = 0; i < Math.Min(buffer.Count, HeaderSearchRows); i++)
        {
            var c0 = FirstCell(buffer[i].Cells);
            if (!c0.StartsWith('#')) break;
            if (c0.StartsWith("#property", StringComparison.OrdinalIgnoreCase)
                && !c0.StartsWith("#property_", StringComparison.OrdinalIgnoreCase))
            {
                headerIndex = i;
                linkData = true;
                break;
            }
        }

        if (headerIndex < 0) headerIndex = FindHeader(buffer);

        for (var i = 0; i < headerIndex; i++)
        {
            var text = JoinNonEmpty(buffer[i].Cells);
            if (text.Length > 0) preamble.Add(text);
        }

        var headerCells = buffer[headerIndex].Cells;
        var headerRow = buffer[headerIndex].Row;
        var header = new string[headerCells.Length];
        for (var j = 0; j < header.Length; j++) header[j] = CleanHeaderCell(headerCells[j]);
        for (var j = 0; j < header.Length; j++)
        {
            if (headerCells[j].AsSpan().IndexOfAny('\r', '\n') >= 0)
                Note(headerRow, IssueCode.HeaderNewline, $"header cell \"{header[j]}\" had a line break inside; joined without a space");
        }

        var dataStart = headerIndex + 1;
        if (linkData)
        {
            header[0] = "";
            Note(headerRow, IssueCode.LinkData, "LinkData layout: the #property row is the header; its first column (the subject) has no name");
            while (dataStart < buffer.Count && FirstCell(buffer[dataStart].Cells).StartsWith('#'))
            {
                Note(buffer[dataStart].Row, IssueCode.LinkDataMetaSkipped, $"LinkData metadata row \"{FirstCell(buffer[dataStart].Cells)}\" skipped");
                dataStart++;
            }
        }
        else if (headerIndex > 0)
        {
            for (var i = 0; i < headerIndex; i++)
            {
                if (FirstCell(buffer[i].Cells).StartsWith('#'))
                    Note(buffer[i].Row, IssueCode.CommentSkipped, "comment line above the header skipped");
            }
        }

        if (!linkData && TryCombineTwoRowHeader(buffer, headerIndex, header, out var combined))
        {
            header = combined;
            Note(buffer[headerIndex + 1].Row, IssueCode.TwoRowHeader,
                $"two-row header: rows {headerRow} and {buffer[headerIndex + 1].Row} combined into one");
            dataStart = headerIndex + 2;
        }

        // Rows consistently wider than the header: keep their cells under blank header names instead of cutting them.
        var widest = CommonDataWidth(buffer, dataStart);
        if (widest > header.Length)
        {
            Note(headerRow, IssueCode.HeaderExtended,
                $"header has {header.Length} cells but most data rows have {widest}; added {widest - header.Length} unnamed column(s)");
            var ext = new string[widest];
            Array.Fill(ext, "");
            header.CopyTo(ext, 0);
            header = ext;
        }

        _rawWidth = header.Length;

        // Columns blank in the header and in every sampled row are dropped (leading empty columns, trailing commas).
        var keep = new List<int>(header.Length);
        for (var j = 0; j < header.Length; j++)
        {
            if (header[j].Length > 0 || ColumnHasData(buffer, dataStart, j)) keep.Add(j);
        }
        if (keep.Count < header.Length && keep.Count > 0)
        {
            _keep = [.. keep];
            _droppedReported = new bool[header.Length];
            var dropped = new List<int>();
            for (var j = 0; j < header.Length; j++)
            {
                if (!keep.Contains(j)) dropped.Add(j + 1);
            }
            Note(headerRow, IssueCode.EmptyColumnsDropped,
                $"dropped {dropped.Count} column(s) blank in the header and in the first rows: {string.Join(",", dropped)}");
            var h2 = new string[_keep.Length];
            for (var k = 0; k < _keep.Length; k++) h2[k] = header[_keep[k]];
            header = h2;
        }
        _width = header.Length;

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = new List<string>();
        foreach (var h in header)
        {
            if (h.Length > 0 && !seen.Add(h) && !duplicates.Contains(h)) duplicates.Add(h);
        }
        if (duplicates.Count > 0)
        {
            var half = header.Length / 2;
            var blocks = header.Length % 2 == 0 && half >= 2 && header.AsSpan(0, half).SequenceEqual(header.AsSpan(half));
            Note(headerRow, IssueCode.DuplicateHeader, blocks
                ? $"the header repeats itself ({string.Join(",", header[..half])} ×2): two side-by-side blocks, read as one wide table"
                : $"column name(s) appear more than once: {string.Join(", ", duplicates)}");
        }

        return (dataStart, header, preamble, headerRow);
    }

    private static int FindHeader(List<(int Row, string[] Cells)> buffer)
    {
        var limit = Math.Min(buffer.Count, HeaderSearchRows);
        // Typical width: the 75th percentile of filled cells per row, so one odd row cannot set the bar.
        var widths = new List<int>(buffer.Count);
        foreach (var (_, cells) in buffer)
        {
            if (!FirstCell(cells).StartsWith('#')) widths.Add(NonEmpty(cells));
        }
        widths.Sort();
        var widest = widths.Count == 0 ? 0 : widths[(int)(0.75 * (widths.Count - 1))];

        var fallback = -1;
        var fallbackCount = -1;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < limit; i++)
        {
            var cells = buffer[i].Cells;
            if (FirstCell(cells).StartsWith('#')) continue;
            var ne = NonEmpty(cells);
            if (ne > fallbackCount)
            {
                fallback = i;
                fallbackCount = ne;
            }
            if (widest >= 2 && ne < 2) continue;
            if (ne * 2 < widest) continue;
            if (!LooksLikeHeader(cells, ne, distinct)) continue;
            // A short title row ("一覧,Ver201612") directly above a clearly wider header-like row is a title, not the header
            // (a header one cell short of its data rows, as in 13201gakudouichiran.csv, stays the header).
            if (i + 1 < buffer.Count && buffer[i + 1].Row == buffer[i].Row + 1)
            {
                var below = buffer[i + 1].Cells;
                var belowNe = NonEmpty(below);
                if (Span(below) > Span(cells) && ne * 4 <= belowNe * 3 && LooksLikeHeader(below, belowNe, distinct)) continue;
            }
            // Followed by rows of a similar width (or nothing): enough filled cells, or reaching about as far right.
            int next = 0, nextSpan = 0;
            for (var k = i + 1; k < Math.Min(buffer.Count, i + 4); k++)
            {
                next = Math.Max(next, NonEmpty(buffer[k].Cells));
                nextSpan = Math.Max(nextSpan, Span(buffer[k].Cells));
            }
            if (i + 1 < buffer.Count && next * 3 < ne && nextSpan * 10 < Span(cells) * 7) continue;
            return i;
        }
        return Math.Max(fallback, 0);
    }

    /// <summary>Mostly non-numeric, mostly distinct text cells.</summary>
    private static bool LooksLikeHeader(string[] cells, int ne, HashSet<string> distinct)
    {
        var numeric = 0;
        distinct.Clear();
        foreach (var c in cells)
        {
            var t = c.AsSpan().Trim();
            if (t.IsEmpty) continue;
            if (IsNumberLike(t)) numeric++;
            distinct.Add(t.ToString());
        }
        return numeric * 3 <= ne && distinct.Count * 5 >= ne * 4;
    }

    /// <summary>
    /// A second header row has a few distinct text cells under part of the header (e.g. "一般","療養","計" under
    /// "病","床","数") and blanks elsewhere, and is followed by a fuller data row.
    /// </summary>
    private static bool TryCombineTwoRowHeader(List<(int Row, string[] Cells)> buffer, int h, string[] header, out string[] combined)
    {
        combined = header;
        if (h + 2 >= buffer.Count || buffer[h + 1].Row != buffer[h].Row + 1) return false;
        var sub = buffer[h + 1].Cells;
        var subNe = NonEmpty(sub);
        var headNe = 0;
        foreach (var c in header) if (c.Length > 0) headNe++;
        if (subNe < 2 || subNe * 2 > headNe) return false;
        var firstHead = Array.FindIndex(header, c => c.Length > 0);
        if (firstHead < 0 || (firstHead < sub.Length && !string.IsNullOrWhiteSpace(sub[firstHead]))) return false;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        for (var j = 0; j < sub.Length; j++)
        {
            var t = sub[j].AsSpan().Trim();
            if (t.IsEmpty) continue;
            if (j >= header.Length || IsNumberLike(t) || !distinct.Add(t.ToString())) return false;
        }
        var fuller = false;
        for (var k = h + 2; k < Math.Min(buffer.Count, h + 5); k++) fuller |= NonEmpty(buffer[k].Cells) > subNe;
        if (!fuller) return false;

        combined = (string[])header.Clone();
        var j0 = 0;
        while (j0 < sub.Length)
        {
            if (string.IsNullOrWhiteSpace(sub[j0]))
            {
                j0++;
                continue;
            }
            var j1 = j0;
            while (j1 < sub.Length && !string.IsNullOrWhiteSpace(sub[j1])) j1++;
            // Run [j0, j1): the header above is either split into single characters ("病","床","数") or merged (value in the first cell).
            var allSingle = true;
            for (var j = j0; j < j1; j++) if (header[j].Length != 1) allSingle = false;
            string? runLabel = allSingle ? string.Concat(header[j0..j1]) : null;
            var label = "";
            for (var j = j0; j < j1; j++)
            {
                if (runLabel is null && header[j].Length > 0) label = header[j];
                var top = runLabel ?? label;
                var s = CleanHeaderCell(sub[j]);
                combined[j] = top.Length > 0 ? top + "_" + s : s;
            }
            j0 = j1;
        }
        return true;
    }

    private static int CommonDataWidth(List<(int Row, string[] Cells)> buffer, int start)
    {
        // The last non-empty cell position most sampled rows reach.
        var counts = new Dictionary<int, int>();
        var n = 0;
        for (var i = start; i < buffer.Count; i++)
        {
            var cells = buffer[i].Cells;
            var last = cells.Length - 1;
            while (last >= 0 && string.IsNullOrWhiteSpace(cells[last])) last--;
            counts[last + 1] = counts.GetValueOrDefault(last + 1) + 1;
            n++;
        }
        if (n == 0) return 0;
        // Widest width reached by more than half of the rows.
        var best = 0;
        foreach (var (w, _) in counts)
        {
            var atLeast = 0;
            foreach (var (w2, c2) in counts) if (w2 >= w) atLeast += c2;
            if (atLeast * 2 > n && w > best) best = w;
        }
        return best;
    }

    private static bool ColumnHasData(List<(int Row, string[] Cells)> buffer, int start, int j)
    {
        for (var i = start; i < buffer.Count; i++)
        {
            var cells = buffer[i].Cells;
            if (j < cells.Length && !string.IsNullOrWhiteSpace(cells[j])) return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- streaming

    private IEnumerable<RawRow> Rows(List<(int Row, string[] Cells)> buffer, int start,
        IEnumerator<(int Row, string[] Cells)>? rest, IDisposable source)
    {
        if (_enumerated) throw new InvalidOperationException("RawTable.Rows can be enumerated only once");
        _enumerated = true;
        var pending = new List<(int Row, string[] Cells)>();
        try
        {
            for (var i = start; i < buffer.Count; i++)
            {
                foreach (var r in Accept(buffer[i], pending)) yield return r;
            }
            buffer.Clear();
            if (rest is not null)
            {
                while (rest.MoveNext())
                {
                    var raw = rest.Current;
                    if (IsBlank(raw.Cells)) continue;
                    // The usual row (nothing held back, not footnote-like) goes straight out: this runs for every row.
                    if (pending.Count == 0 && !IsFootnoteLike(raw.Cells))
                    {
                        yield return Fit(raw);
                        continue;
                    }
                    foreach (var r in Accept(raw, pending)) yield return r;
                }
            }
            foreach (var (row, cells) in pending)
                Note(row, IssueCode.FootnoteSkipped, $"footnote row below the data skipped: \"{Shorten(JoinNonEmpty(cells))}\"");
            foreach (var (code, count) in _noteCounts)
            {
                if (count > MaxNotesPerCode)
                    _notes.Add((0, code, $"{count - MaxNotesPerCode} more \"{code}\" notes not listed"));
            }
        }
        finally
        {
            source.Dispose();
        }
    }

    private List<RawRow> _out = new(4);

    private RowArrayReuse? _arrayReuse;

    private List<RawRow> Accept((int Row, string[] Cells) raw, List<(int Row, string[] Cells)> pending)
    {
        _out.Clear();
        if (IsBlank(raw.Cells)) return _out;
        if (IsFootnoteLike(raw.Cells) && pending.Count < MaxPendingFootnotes)
        {
            // A row held back must keep its cells: the source may refill its array for the next row.
            pending.Add(_arrayReuse is { Enabled: true } ? (raw.Row, (string[])raw.Cells.Clone()) : raw);
            return _out;
        }
        foreach (var p in pending) _out.Add(Fit(p));
        pending.Clear();
        _out.Add(Fit(raw));
        return _out;
    }

    private bool IsFootnoteLike(string[] cells)
    {
        var ne = 0;
        var first = -1;
        for (var j = 0; j < cells.Length; j++)
        {
            if (IsBlankCell(cells[j])) continue;
            if (first < 0) first = j;
            if (++ne > 2) return false;
        }
        if (ne == 1 && _width >= 3) return true;
        var t = cells[first].AsSpan().TrimStart();
        return t.StartsWith("※") || t.StartsWith("注") || t.StartsWith("(注") || t.StartsWith("（注")
            || t.StartsWith("資料") || t.StartsWith("出典") || t.StartsWith("出所") || t.StartsWith("備考")
            || t.StartsWith("＊") || t.StartsWith("*");
    }

    private RawRow Fit((int Row, string[] Cells) raw)
    {
        var cells = raw.Cells;
        if (cells.Length != _rawWidth)
        {
            if (cells.Length < _rawWidth)
            {
                if (_noteShortRows && CountNote(IssueCode.RaggedRow))
                    _notes.Add((raw.Row, IssueCode.RaggedRow, $"row has {cells.Length} cells, the header {_rawWidth}; padded with empty cells"));
                var padded = new string[_rawWidth];
                cells.CopyTo(padded, 0);
                for (var j = cells.Length; j < padded.Length; j++) padded[j] = "";
                cells = padded;
            }
            else
            {
                var lost = false;
                for (var j = _rawWidth; j < cells.Length; j++)
                {
                    if (!string.IsNullOrWhiteSpace(cells[j]))
                    {
                        lost = true;
                        break;
                    }
                }
                if (lost && CountNote(IssueCode.RaggedRow))
                    _notes.Add((raw.Row, IssueCode.RaggedRow, $"row has {cells.Length} cells, the header {_rawWidth}; extra cells dropped"));
                cells = cells[.._rawWidth];
            }
        }
        if (_keep is not null)
        {
            for (var j = 0; j < cells.Length; j++)
            {
                if (_droppedReported![j] || Array.IndexOf(_keep, j) >= 0 || string.IsNullOrWhiteSpace(cells[j])) continue;
                _droppedReported[j] = true;
                Note(raw.Row, IssueCode.DroppedColumnValue,
                    $"column {j + 1} was dropped as empty but has a value here: \"{Shorten(cells[j])}\"");
            }
            var projected = new string[_keep.Length];
            for (var k = 0; k < _keep.Length; k++) projected[k] = cells[_keep[k]];
            cells = projected;
        }
        return new RawRow(raw.Row, cells);
    }

    private void Note(int row, string code, string message)
    {
        if (CountNote(code)) _notes.Add((row, code, message));
    }

    /// <summary>Counts a note and says whether it is listed; per-row callers build the message only then.</summary>
    private bool CountNote(string code)
    {
        var n = _noteCounts.GetValueOrDefault(code) + 1;
        _noteCounts[code] = n;
        return n <= MaxNotesPerCode;
    }

    // ---------------------------------------------------------------- helpers

    internal static bool IsBlank(string[] cells)
    {
        foreach (var c in cells)
        {
            if (!IsBlankCell(c)) return false;
        }
        return true;
    }

    /// <summary>
    /// Empty or white space only. Runs on every cell of every row, so the usual first characters (ASCII letters and
    /// digits, kana, kanji — all above U+3000, the last white-space character) answer without a Unicode table lookup.
    /// </summary>
    internal static bool IsBlankCell(string cell)
    {
        foreach (var c in cell)
        {
            if (c > '\u3000' || (c > ' ' && c < '\u007F')) return false;
            if (!char.IsWhiteSpace(c)) return false;
        }
        return true;
    }

    private static int NonEmpty(string[] cells)
    {
        var n = 0;
        foreach (var c in cells)
        {
            if (!c.AsSpan().IsWhiteSpace()) n++;
        }
        return n;
    }

    private static int Span(string[] cells)
    {
        var last = cells.Length - 1;
        while (last >= 0 && cells[last].AsSpan().IsWhiteSpace()) last--;
        return last + 1;
    }

    private static string FirstCell(string[] cells)
    {
        foreach (var c in cells)
        {
            var t = c.AsSpan().Trim();
            if (!t.IsEmpty) return t.ToString();
        }
        return "";
    }

    internal static bool IsNumberLike(ReadOnlySpan<char> t)
    {
        var digit = false;
        foreach (var ch in t)
        {
            if (ch is >= '0' and <= '9') digit = true;
            else if (ch is not ('.' or ',' or '-' or '+' or '/' or ':' or ' ' or 'e' or 'E')) return false;
        }
        return digit;
    }

    /// <summary>Trims (incl. U+3000) and removes line breaks with the spaces around them: "三次\n救急" → "三次救急".</summary>
    internal static string CleanHeaderCell(string cell)
    {
        var t = cell.AsSpan().Trim();
        if (t.IndexOfAny('\r', '\n') < 0) return t.Length == cell.Length ? cell : t.ToString();
        var sb = new System.Text.StringBuilder(t.Length);
        foreach (var part in t.ToString().Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            sb.Append(part);
        return sb.ToString();
    }

    private static string JoinNonEmpty(string[] cells)
    {
        var parts = new List<string>();
        foreach (var c in cells)
        {
            var t = c.Trim();
            if (t.Length > 0) parts.Add(t);
        }
        return string.Join(" ", parts);
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";
}
