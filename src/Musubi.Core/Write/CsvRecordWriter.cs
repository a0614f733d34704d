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
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0) _writer.Write(',');
            WriteCell(values[i]);
        }
        _writer.WriteLine();
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
