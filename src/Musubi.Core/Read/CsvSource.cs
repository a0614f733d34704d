using Musubi.Issues;
using nietras.SeparatedValues;

namespace Musubi.Read;

/// <summary>Reads a delimited text file lazily with Sep over a StreamReader in the detected encoding.</summary>
internal static class CsvSource
{
    /// <summary>Characters the guard lets through beyond row-chars before a record boundary is seen (Sep reads ahead in blocks).</summary>
    private const long ReadAheadSlack = 1L << 20;

    internal static readonly char[] Candidates = [',', '\t', ';', '|'];

    public static RawTable? Open(string path, string sampleText, DetectedEncoding enc, ReadLimits limits)
    {
        var delimiter = DetectDelimiter(sampleText, Path.GetExtension(path));
        var format = delimiter == '\t' ? "tsv" : "csv";
        var sink = new TableShaper.NoteSink();
        if (delimiter is ';' or '|')
            sink.Add(0, IssueCode.Delimiter, $"delimiter is '{delimiter}'");
        if (enc.RepairNote is { } repaired)
            sink.Add(0, IssueCode.MojibakeRepaired, repaired);

        FileStream? fs = null;
        try
        {
            fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            fs.Position = enc.BomLength;
            var text = new GuardedReader(new StreamReader(fs, enc.Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16), delimiter, limits);
            var reader = Sep.New(delimiter).Reader(o => o with
            {
                HasHeader = false,
                DisableColCountCheck = true,
                Unescape = true,
            }).From(text);
            var reuse = new RowArrayReuse();
            var records = Records(path, reader, text, sink, reuse, limits).GetEnumerator();
            return TableShaper.Build(path, format, enc.Name, null, records, null, noteShortRows: true, sink, reuse);
        }
        catch (InputException)
        {
            fs?.Dispose();
            throw;
        }
        catch (Exception e)
        {
            fs?.Dispose();
            throw new InputException(path, $"cannot be read as {format.ToUpperInvariant()}: {e.Message}", inner: e);
        }
    }

    private static IEnumerable<(int Row, string[] Cells)> Records(string path, SepReader reader, GuardedReader text, TableShaper.NoteSink sink,
        RowArrayReuse reuse, ReadLimits limits)
    {
        long cellCount = 0;
        using var _r = reader;
        using var _t = text;
        var rowNumber = 0;
        var pool = new CellPool();
        string[]? spare = null;
        while (true)
        {
            string[]? cells;
            try
            {
                // Rows read while the table is being shaped are kept, so they get arrays of their own; once the
                // consumer has promised to use each row before the next (RawTable.RowsReusingArrays), one array serves all.
                cells = Next(path, reader, rowNumber + 1, sink, text, pool, reuse.Enabled ? spare : null, limits);
                if (reuse.Enabled) spare = cells;
                if (cells is not null)
                {
                    if (rowNumber + 1 > limits.Rows)
                        throw ReadLimits.Exceeded(path, "rows", limits.Rows, $"has more than {limits.Rows:N0} rows");
                    if ((cellCount += cells.Length) > limits.Cells)
                        throw ReadLimits.Exceeded(path, "cells", limits.Cells, $"has more than {limits.Cells:N0} cells", rowNumber + 1);
                }
            }
            catch (Exception e) when (e is not InputException)
            {
                throw new InputException(path, $"cannot be read: {e.Message}", rowNumber + 1, inner: e);
            }
            catch (InputException e) when (e.File.Length == 0)
            {
                throw new InputException(path, e.Reason, rowNumber + 1) { Limit = e.Limit };
            }
            if (cells is null) yield break;
            rowNumber++;
            text.CharsSinceRecord = 0;
            yield return (rowNumber, cells);
        }
    }

    private static string[]? Next(string path, SepReader reader, int rowNumber, TableShaper.NoteSink sink, GuardedReader text, CellPool pool,
        string[]? spare, ReadLimits limits)
    {
        if (!reader.MoveNext()) return null;
        var row = reader.Current;
        var n = row.ColCount;
        if (n > limits.Columns)
            throw ReadLimits.Exceeded(path, "columns", limits.Columns, $"has a row of {n:N0} cells", rowNumber);
        var length = row.Span.Length;
        if (length > limits.RowChars)
            throw ReadLimits.Exceeded(path, "row-chars", limits.RowChars, $"has a record of {length:N0} characters (an unbalanced quote?)", rowNumber);
        // No cell is longer than its record: only a record longer than cell-chars needs a look at each cell.
        if (length > limits.CellChars) CheckCellChars(path, row, rowNumber, limits.CellChars);
        var cells = spare is not null && spare.Length == n ? spare : new string[n];
        Fill(row, cells, pool);
        if (text.SawStrayQuote)
        {
            for (var i = 0; i < n; i++)
            {
                if (cells[i].Contains(StrayQuote, StringComparison.Ordinal))
                {
                    cells[i] = cells[i].Replace(StrayQuote, '"');
                    if (!text.NotedStrayQuote)
                    {
                        text.NotedStrayQuote = true;
                        sink.Add(rowNumber, IssueCode.StrayQuote, $"cell {i + 1} has a '\"' inside unquoted text; kept as a literal character");
                    }
                }
            }
        }
        return cells;
    }

    /// <summary>
    /// The record's cells as strings (repeated values from the pool). A method of its own with few live values, so the
    /// pool's lookup inlined here keeps them in registers: this runs for every cell of a file.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Fill(SepReader.Row row, string[] cells, CellPool pool)
    {
        for (var i = 0; i < cells.Length; i++) cells[i] = pool.Get(i, row[i].Span);
    }

    private static void CheckCellChars(string path, SepReader.Row row, int rowNumber, int cellChars)
    {
        for (var i = 0; i < row.ColCount; i++)
        {
            var span = row[i].Span;
            if (span.Length > cellChars)
                throw ReadLimits.Exceeded(path, "cell-chars", cellChars, $"has a cell of {span.Length:N0} characters", rowNumber, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// Picks the delimiter that splits the most sample lines into the same number of cells (quote-aware), so a title
    /// row above the header does not decide it. Lines starting with '#' are ignored.
    /// </summary>
    internal static char DetectDelimiter(string sample, string extension)
    {
        var tsv = extension.Equals(".tsv", StringComparison.OrdinalIgnoreCase);
        int[] order = tsv ? [1, 0, 2, 3] : [0, 1, 2, 3];
        var best = order[0];
        var bestScore = 0;
        foreach (var k in order)
        {
            // Score: lines sharing the same non-zero count × that count, so a consistent many-column split beats a
            // character that happens to occur once per line inside the text.
            var freq = new Dictionary<int, int>();
            foreach (var count in CountPerLine(sample, Candidates[k]))
            {
                if (count > 0) freq[count] = freq.GetValueOrDefault(count) + 1;
            }
            var score = 0;
            foreach (var (count, lines) in freq) score = Math.Max(score, lines * count);
            if (score > bestScore)
            {
                best = k;
                bestScore = score;
            }
        }
        return Candidates[best];
    }

    /// <summary>
    /// Occurrences of <paramref name="delimiter"/> outside quoted cells for each record of the sample (at most 60,
    /// '#' lines skipped), with the reader's quote rule: only a quote at the start of a cell opens a quoted cell.
    /// </summary>
    private static List<int> CountPerLine(string sample, char delimiter)
    {
        const int maxLines = 60;
        var counts = new List<int>();
        var current = 0;
        var inQuotes = false;
        var comment = sample.Length > 0 && sample[0] == '#';
        for (var i = 0; i < sample.Length && counts.Count < maxLines; i++)
        {
            var c = sample[i];
            if (c == '"')
            {
                var prev = i > 0 ? sample[i - 1] : '\n';
                if (inQuotes && i + 1 < sample.Length && sample[i + 1] == '"') i++; // escaped quote
                else if (inQuotes) inQuotes = false;
                else if (prev is '\n' or '\r' || prev == delimiter) inQuotes = true;
                continue;
            }
            if (inQuotes) continue;
            if (c is '\r' or '\n')
            {
                if (!comment && current > 0) counts.Add(current);
                current = 0;
                comment = i + 1 < sample.Length && sample[i + 1] == '#';
                continue;
            }
            if (c == delimiter) current++;
        }
        if (counts.Count < maxLines && !comment && current > 0) counts.Add(current);
        return counts;
    }

    /// <summary>Stands in for a stray quote inside an unquoted cell while Sep parses (a Unicode noncharacter).</summary>
    internal const char StrayQuote = '\uFDD0';

    /// <summary>
    /// Sits between the StreamReader and Sep. (1) Counts characters since the last record so an endless record
    /// cannot exhaust memory. (2) Sep treats every '"' as a quote toggle, so one stray quote inside an unquoted
    /// cell (高さ5"の棚) would swallow the rest of the file into one cell; as in RFC 4180 readers, only a quote at
    /// the start of a cell opens a quoted cell: other quotes outside quoted cells are swapped for
    /// <see cref="StrayQuote"/> here and swapped back in the cell text.
    /// </summary>
    private sealed class GuardedReader(TextReader inner, char delimiter, ReadLimits limits) : TextReader
    {
        private readonly long _maxChars = limits.RowChars + ReadAheadSlack;

        private bool _inQuoted;
        private bool _pendingQuote;
        private char _prev = '\n';

        public long CharsSinceRecord { get; set; }

        /// <summary>True once a stray quote has been replaced (cells then need swapping back).</summary>
        public bool SawStrayQuote { get; private set; }

        public bool NotedStrayQuote { get; set; }

        public override int Peek() => throw new NotSupportedException();

        public override int Read()
        {
            Span<char> one = stackalloc char[1];
            return Read(one) == 0 ? -1 : one[0];
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer) => Filter(buffer[..inner.Read(buffer)]);

        public override int ReadBlock(Span<char> buffer) => Filter(buffer[..inner.ReadBlock(buffer)]);

        public override int ReadBlock(char[] buffer, int index, int count) => ReadBlock(buffer.AsSpan(index, count));

        private int Filter(Span<char> b)
        {
            CharsSinceRecord += b.Length;
            if (CharsSinceRecord > _maxChars)
                throw ReadLimits.Exceeded("", "row-chars", limits.RowChars, // the record loop adds the file and row
                    $"has a record longer than {limits.RowChars:N0} characters (an unbalanced quote?)");
            if (b.IsEmpty) return 0;
            var i = 0;
            if (_pendingQuote)
            {
                // The previous block ended with a quote inside a quoted cell: an escaped pair or the closing quote.
                _pendingQuote = false;
                if (b[0] == '"') i = 1;
                else _inQuoted = false;
            }
            while (i < b.Length)
            {
                var j = b[i..].IndexOf('"');
                if (j < 0) break;
                j += i;
                if (_inQuoted)
                {
                    if (j + 1 >= b.Length)
                    {
                        _pendingQuote = true;
                        break;
                    }
                    if (b[j + 1] == '"')
                    {
                        i = j + 2;
                        continue;
                    }
                    _inQuoted = false;
                    i = j + 1;
                    continue;
                }
                var prev = j > 0 ? b[j - 1] : _prev;
                if (prev == delimiter || prev is '\n' or '\r')
                {
                    _inQuoted = true;
                }
                else
                {
                    b[j] = StrayQuote;
                    SawStrayQuote = true;
                }
                i = j + 1;
            }
            _prev = b[^1];
            return b.Length;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
