using System.Text;

namespace Musubi.Write;

/// <summary>
/// RFC 4180 CSV in UTF-8 (BOM optional for Excel users), CRLF record ends. Cells that a spreadsheet would run
/// as a formula (=, +, -, @, tab, CR at the start) are neutralized with a leading apostrophe, except plain numbers.
/// </summary>
public sealed class CsvRecordWriter : IRecordWriter
{
    private readonly StreamWriter _writer;

    public CsvRecordWriter(Stream stream, IReadOnlyList<string> header, bool bom)
    {
        _writer = new StreamWriter(stream, new UTF8Encoding(bom), 1 << 16) { NewLine = "\r\n" };
        WriteCells(header);
    }

    /// <summary>Number of cells that were neutralized as possible formulas.</summary>
    public int NeutralizedCells { get; private set; }

    public void Write(ReadOnlySpan<string> values)
    {
        // The record is built in one buffer and handed to the writer once.
        var n = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0) Put(ref n, ',');
            AppendCell(ref n, values[i]);
        }
        Put(ref n, '\r');
        Put(ref n, '\n');
        _writer.Write(_row, 0, n);
    }

    private char[] _row = new char[1024];

    private void Put(ref int n, char c)
    {
        if (n == _row.Length) Array.Resize(ref _row, _row.Length * 2);
        _row[n++] = c;
    }

    private void Put(ref int n, ReadOnlySpan<char> s)
    {
        if (n + s.Length > _row.Length) Array.Resize(ref _row, Math.Max(_row.Length * 2, n + s.Length));
        s.CopyTo(_row.AsSpan(n));
        n += s.Length;
    }

    private void AppendCell(ref int n, string value)
    {
        if (value.Length == 0) return;
        var neutralize = NeedsNeutralizing(value);
        if (neutralize) NeutralizedCells++;
        var special = value.AsSpan().IndexOfAny(Special) >= 0;
        if (special) Put(ref n, '"');
        if (neutralize) Put(ref n, '\'');
        if (!special)
        {
            Put(ref n, value);
            return;
        }
        var rest = value.AsSpan();
        while (true)
        {
            var q = rest.IndexOf('"');
            if (q < 0) { Put(ref n, rest); break; }
            Put(ref n, rest[..(q + 1)]);
            Put(ref n, '"');
            rest = rest[(q + 1)..];
        }
        Put(ref n, '"');
    }

    public void Complete() => _writer.Flush();

    public void Dispose() => _writer.Dispose();

    private void WriteCells(IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) _writer.Write(',');
            WriteCell(cells[i]);
        }
        _writer.WriteLine();
    }

    private void WriteCell(string value)
    {
        if (value.Length == 0) return;
        if (NeedsNeutralizing(value))
        {
            NeutralizedCells++;
            value = "'" + value;
        }
        if (value.AsSpan().IndexOfAny(Special) < 0)
        {
            _writer.Write(value);
            return;
        }
        _writer.Write('"');
        _writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        _writer.Write('"');
    }

    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create(",\"\r\n");

    /// <summary>True when a spreadsheet could read the cell as a formula (OWASP CSV injection).</summary>
    public static bool NeedsNeutralizing(string value)
    {
        if (value.Length == 0) return false;
        var c = value[0];
        if (c is not ('=' or '+' or '-' or '@' or '\t' or '\r' or '＝' or '＋' or '－' or '＠')) return false;
        // A plain signed number ("-12.5", "+3") is data, not a formula.
        if ((c is '-' or '+') && value.Length > 1 && IsPlainNumber(value.AsSpan(1))) return false;
        return true;
    }

    private static bool IsPlainNumber(ReadOnlySpan<char> s)
    {
        var dot = false;
        foreach (var ch in s)
        {
            if (ch == '.' && !dot) { dot = true; continue; }
            if (!char.IsAsciiDigit(ch)) return false;
        }
        return s.Length > 0;
    }
}
