using System.Globalization;

namespace Musubi.Read;

/// <summary>
/// How much of an input the readers accept, checked while reading (never after allocating for it): an input over a
/// limit is refused with an <see cref="InputException"/> whose <see cref="InputException.Limit"/> names the limit. The
/// defaults (docs/limits.md) take every real municipal file we have seen with a wide margin and keep a hostile file to
/// seconds and a few hundred MB. Faces resolve them once at the edge (the CLI: --limit NAME=N, MUSUBI_LIMIT_NAME).
/// </summary>
public sealed record ReadLimits
{
    public static ReadLimits Default { get; } = new();

    /// <summary>Size of the input file in bytes.</summary>
    public long InputBytes { get; init; } = 16L * 1024 * 1024 * 1024;

    /// <summary>Non-blank cells in one table (CSV file or sheet), and over all sheets of a workbook.</summary>
    public long Cells { get; init; } = 500_000_000;

    /// <summary>Rows (CSV records or sheet rows with cells) in one table.</summary>
    public long Rows { get; init; } = 50_000_000;

    /// <summary>Cells in one row.</summary>
    public int Columns { get; init; } = 16_384;

    /// <summary>Highest row number a workbook cell may claim (Excel's own maximum).</summary>
    public long RowIndex { get; init; } = 1_048_576;

    /// <summary>Highest column number a workbook cell may claim (Excel's own maximum, XFD).</summary>
    public int ColumnIndex { get; init; } = 16_384;

    /// <summary>Characters in one cell.</summary>
    public int CellChars { get; init; } = 100_000;

    /// <summary>Characters in one row or CSV record (an unterminated quote makes one endless record).</summary>
    public int RowChars { get; init; } = 1_000_000;

    /// <summary>Decompressed bytes of one part (entry) of a workbook's ZIP container.</summary>
    public long PartBytes { get; init; } = 1L << 30;

    /// <summary>Decompressed size over compressed size of one part, once it is over 16 MB (a zip bomb).</summary>
    public long PartRatio { get; init; } = 200;

    /// <summary>Parts (entries) in a workbook's ZIP container.</summary>
    public int Parts { get; init; } = 10_000;

    /// <summary>Characters of all shared strings of a workbook (they are held in memory while its sheets are read).</summary>
    public long SharedStringChars { get; init; } = 64_000_000;

    /// <summary>Ratio checks apply only above this many decompressed bytes: small parts compress well by nature.</summary>
    internal const long RatioFloorBytes = 16L * 1024 * 1024;

    /// <summary>The limits by their names (as in --limit NAME=N and docs/limits.md), with their current values.</summary>
    public IReadOnlyList<(string Name, long Value, string What)> Describe() =>
    [
        ("input-bytes", InputBytes, "size of the input file in bytes"),
        ("cells", Cells, "non-blank cells in one table (all sheets of a workbook together)"),
        ("rows", Rows, "rows in one table"),
        ("columns", Columns, "cells in one row"),
        ("row-index", RowIndex, "highest row number a workbook cell may claim"),
        ("column-index", ColumnIndex, "highest column number a workbook cell may claim"),
        ("cell-chars", CellChars, "characters in one cell"),
        ("row-chars", RowChars, "characters in one row or CSV record"),
        ("part-bytes", PartBytes, "decompressed bytes of one workbook part"),
        ("part-ratio", PartRatio, "decompressed / compressed size of one workbook part over 16 MB"),
        ("parts", Parts, "parts in a workbook's ZIP container"),
        ("shared-string-chars", SharedStringChars, "characters of all shared strings of a workbook"),
    ];

    /// <summary>The names of <see cref="Describe"/>, in its order (a test holds the two equal). Written out: the CLI reads them at
    /// every start, and building them from Describe's tuples would compile generic code for them first.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["input-bytes", "cells", "rows", "columns", "row-index", "column-index", "cell-chars", "row-chars", "part-bytes", "part-ratio", "parts", "shared-string-chars"];

    /// <summary>These limits with one changed by name; false for an unknown name or a value that is not a positive integer.</summary>
    public bool TryWith(string name, string value, out ReadLimits limits)
    {
        limits = this;
        var text = value.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Trim();
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0) return false;
        int Int() => (int)Math.Min(n, int.MaxValue);
        ReadLimits? changed = name.Trim().ToLowerInvariant() switch
        {
            "input-bytes" => this with { InputBytes = n },
            "cells" => this with { Cells = n },
            "rows" => this with { Rows = n },
            "columns" => this with { Columns = Int() },
            "row-index" => this with { RowIndex = n },
            "column-index" => this with { ColumnIndex = Int() },
            "cell-chars" => this with { CellChars = Int() },
            "row-chars" => this with { RowChars = Int() },
            "part-bytes" => this with { PartBytes = n },
            "part-ratio" => this with { PartRatio = n },
            "parts" => this with { Parts = Int() },
            "shared-string-chars" => this with { SharedStringChars = n },
            _ => null,
        };
        if (changed is null) return false;
        limits = changed;
        return true;
    }

    /// <summary>The refusal for <paramref name="limit"/> (one of <see cref="Names"/>), naming the limit and its value.</summary>
    internal static InputException Exceeded(string file, string limit, long value, string what, int? row = null, string? column = null) =>
        new(file, $"{what}, over the limit {limit}={value.ToString("N0", CultureInfo.InvariantCulture)}", row, column) { Limit = limit };
}
