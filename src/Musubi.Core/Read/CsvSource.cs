using nietras.SeparatedValues;

namespace Musubi.Read;

/// <summary>Reads a delimited text file lazily with Sep over a StreamReader in the detected encoding.</summary>
internal static class CsvSource
{
    internal const int MaxCellsPerRow = 16_384;
    internal const int MaxCellChars = 1_000_000;

    /// <summary>A record longer than this (an unbalanced quote, or no line breaks) is rejected.</summary>
    internal const long MaxRecordChars = 64L * 1024 * 1024;

    internal static readonly char[] Candidates = [',', '\t', ';', '|'];

    public static RawTable? Open(string path, string sampleText, DetectedEncoding enc)
    {
        var delimiter = DetectDelimiter(sampleText, Path.GetExtension(path));
        var format = delimiter == '\t' ? "tsv" : "csv";
        var sink = new TableShaper.NoteSink();
        if (delimiter is ';' or '|')
            sink.Add(0, "delimiter", $"delimiter is '{delimiter}'");

        FileStream? fs = null;
        try
        {
            fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            fs.Position = enc.BomLength;
            var text = new GuardedReader(new StreamReader(fs, enc.Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16));
            var reader = Sep.New(delimiter).Reader(o => o with
            {
                HasHeader = false,
                DisableColCountCheck = true,
                Unescape = true,
            }).From(text);
            var records = Records(path, reader, text, sink).GetEnumerator();
            return TableShaper.Build(path, format, enc.Name, null, records, null, noteShortRows: true, sink);
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

    private static IEnumerable<(int Row, string[] Cells)> Records(string path, SepReader reader, GuardedReader text, TableShaper.NoteSink sink)
    {
        using var _r = reader;
        using var _t = text;
        var rowNumber = 0;
        while (true)
        {
            string[]? cells;
            try
            {
                cells = Next(reader, rowNumber + 1, sink);
            }
            catch (Exception e) when (e is not InputException)
            {
                throw new InputException(path, $"cannot be read: {e.Message}", rowNumber + 1, inner: e);
            }
            catch (InputException e) when (e.File.Length == 0)
            {
                throw new InputException(path, e.Reason, rowNumber + 1);
            }
            if (cells is null) yield break;
            rowNumber++;
            text.CharsSinceRecord = 0;
            yield return (rowNumber, cells);
        }
    }

    private static string[]? Next(SepReader reader, int rowNumber, TableShaper.NoteSink sink)
    {
        if (!reader.MoveNext()) return null;
        var row = reader.Current;
        var n = row.ColCount;
        if (n > MaxCellsPerRow)
        {
            sink.Add(rowNumber, "row-truncated", $"row has {n} cells; only the first {MaxCellsPerRow} are kept");
            n = MaxCellsPerRow;
        }
        var cells = new string[n];
        for (var i = 0; i < n; i++)
        {
            var span = row[i].Span;
            if (span.Length > MaxCellChars)
            {
                sink.Add(rowNumber, "cell-truncated", $"cell {i + 1} has {span.Length} characters; cut to {MaxCellChars}");
                span = span[..MaxCellChars];
            }
            cells[i] = span.Length == 0 ? "" : new string(span);
        }
        return cells;
    }

    /// <summary>
    /// Picks the delimiter that splits the most sample lines into the same number of cells (quote-aware), so a title
    /// row above the header does not decide it. Lines starting with '#' are ignored.
    /// </summary>
    internal static char DetectDelimiter(string sample, string extension)
    {
        const int maxLines = 60;
        var counts = new List<int[]>();
        var current = new int[Candidates.Length];
        var inQuotes = false;
        var lineStart = true;
        var comment = false;
        for (var i = 0; i < sample.Length && counts.Count < maxLines; i++)
        {
            var c = sample[i];
            if (lineStart)
            {
                comment = c == '#';
                lineStart = false;
            }
            if (c == '"')
            {
                inQuotes = !inQuotes;
                continue;
            }
            if (inQuotes) continue;
            if (c is '\r' or '\n')
            {
                if (!comment && current.AsSpan().ContainsAnyExcept(0)) counts.Add(current);
                current = new int[Candidates.Length];
                lineStart = true;
                continue;
            }
            var k = Array.IndexOf(Candidates, c);
            if (k >= 0) current[k]++;
        }
        if (counts.Count < maxLines && !comment && current.AsSpan().ContainsAnyExcept(0)) counts.Add(current);

        var tsv = extension.Equals(".tsv", StringComparison.OrdinalIgnoreCase);
        int[] order = tsv ? [1, 0, 2, 3] : [0, 1, 2, 3];
        var best = order[0];
        var bestScore = 0;
        foreach (var k in order)
        {
            // Score: the number of lines sharing the most common non-zero count of this delimiter.
            var freq = new Dictionary<int, int>();
            foreach (var line in counts)
            {
                if (line[k] > 0) freq[line[k]] = freq.GetValueOrDefault(line[k]) + 1;
            }
            var score = 0;
            foreach (var (_, f) in freq) score = Math.Max(score, f);
            if (score > bestScore)
            {
                best = k;
                bestScore = score;
            }
        }
        return Candidates[best];
    }

    /// <summary>Counts characters handed to Sep since the last record so an endless record cannot exhaust memory.</summary>
    private sealed class GuardedReader(TextReader inner) : TextReader
    {
        public long CharsSinceRecord { get; set; }

        public override int Peek() => inner.Peek();

        public override int Read()
        {
            Count(1);
            return inner.Read();
        }

        public override int Read(char[] buffer, int index, int count) => Count(inner.Read(buffer, index, count));

        public override int Read(Span<char> buffer) => Count(inner.Read(buffer));

        public override int ReadBlock(Span<char> buffer) => Count(inner.ReadBlock(buffer));

        public override int ReadBlock(char[] buffer, int index, int count) => Count(inner.ReadBlock(buffer, index, count));

        private int Count(int n)
        {
            CharsSinceRecord += n;
            if (CharsSinceRecord > MaxRecordChars)
                throw new InputException("", $"a record is longer than {MaxRecordChars / (1024 * 1024)} M characters (an unbalanced quote?)");
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
