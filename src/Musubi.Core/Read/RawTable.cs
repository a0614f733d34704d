namespace Musubi.Read;

/// <summary>One data row as read from the source. <see cref="RowNumber"/> is the 1-based physical row (CSV record or sheet row).</summary>
public readonly record struct RawRow(int RowNumber, string[] Cells);

/// <summary>
/// A table found in an input file: its header (already located below any title or note rows) and
/// a forward-only stream of data rows. One CSV gives one table; a workbook gives one per sheet with data.
/// Rows are read lazily so memory stays flat; <see cref="Rows"/> may be enumerated once.
/// </summary>
public sealed class RawTable : IDisposable
{
    private readonly IDisposable? _owner;

    public RawTable(string sourcePath, string format, string encoding, string? sheet, int headerRowNumber,
        IReadOnlyList<string> header, IReadOnlyList<string> preamble, IEnumerable<RawRow> rows, IDisposable? owner = null)
    {
        SourcePath = sourcePath;
        Format = format;
        Encoding = encoding;
        Sheet = sheet;
        HeaderRowNumber = headerRowNumber;
        Header = header;
        Preamble = preamble;
        Rows = rows;
        _owner = owner;
    }

    public string SourcePath { get; }

    /// <summary>csv, tsv, xlsx or xls.</summary>
    public string Format { get; }

    /// <summary>Detected (or given) character encoding, e.g. "UTF-8", "UTF-8-BOM", "CP932", "UTF-16LE"; "n/a" for workbooks.</summary>
    public string Encoding { get; }

    /// <summary>Sheet name for workbooks.</summary>
    public string? Sheet { get; }

    /// <summary>1-based physical row of the header.</summary>
    public int HeaderRowNumber { get; }

    /// <summary>Header cells, trimmed; a blank header cell is "" (the mapper reports it).</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Text of title or note rows found above the header (joined cells), for dataset detection.</summary>
    public IReadOnlyList<string> Preamble { get; }

    /// <summary>Data rows below the header, with footnote rows below the data already cut off. Blank rows are skipped.</summary>
    public IEnumerable<RawRow> Rows { get; }

    /// <summary>Set by a source that can hand out one cell array for all streamed rows (CSV).</summary>
    internal RowArrayReuse? ArrayReuse { get; init; }

    /// <summary>
    /// The rows, for a consumer that uses each row's <see cref="RawRow.Cells"/> only until it asks for the next one: the
    /// source may then fill the same array again (one array less per row for a large file). <see cref="Rows"/> stays
    /// safe for every other consumer: each of its rows has an array of its own. Either may be enumerated, once.
    /// </summary>
    internal IEnumerable<RawRow> RowsReusingArrays()
    {
        if (ArrayReuse is { } r) r.Enabled = true;
        return Rows;
    }

    /// <summary>Non-fatal findings while reading (e.g. ragged rows, footnotes skipped), as (row, message).</summary>
    public List<(int Row, string Code, string Message)> ReadNotes { get; } = [];

    public void Dispose() => _owner?.Dispose();
}

/// <summary>Shared by a row source and its table shaper: whether streamed rows may share one cell array.</summary>
internal sealed class RowArrayReuse
{
    public bool Enabled;
}

/// <summary>Options a user can give for reading.</summary>
public sealed record ReadOptions
{
    /// <summary>Force an encoding (e.g. "cp932", "utf-8"); null detects.</summary>
    public string? Encoding { get; init; }

    /// <summary>What the readers accept (sizes, counts, lengths); see <see cref="ReadLimits"/>.</summary>
    public ReadLimits Limits { get; init; } = ReadLimits.Default;

    /// <summary>Largest input accepted, in bytes (the harvester lowers it for untrusted sources): <see cref="ReadLimits.InputBytes"/>.</summary>
    public long MaxBytes
    {
        get => Limits.InputBytes;
        init => Limits = Limits with { InputBytes = value };
    }
}
