namespace Musubi.Read;

/// <summary>Opens any supported input file (CSV, TSV, XLSX, XLS) and returns the tables it holds.</summary>
public static class TableReader
{
    /// <summary>
    /// Opens <paramref name="path"/> and returns each table with data (one for CSV/TSV, one per sheet with data for workbooks).
    /// Throws <see cref="InputException"/> when the file cannot be read at all.
    /// </summary>
    public static IReadOnlyList<RawTable> Open(string path, ReadOptions? options = null)
    {
        throw new InputException(path, "reading is not implemented yet");
    }
}
