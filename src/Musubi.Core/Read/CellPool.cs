namespace Musubi.Read;

/// <summary>
/// Hands out one string per distinct value of a column while the column repeats itself (codes, flags, 曜日, 設置位置 …),
/// so a million-row file does not allocate a million copies of "埼玉県", and later stages can memoize per value.
/// A column whose values are mostly new (names, IDs, coordinates) is no longer pooled after a sample of
/// <see cref="Sample"/> cells; a column is also dropped when it reaches <see cref="MaxEntries"/> distinct values, so memory stays bounded.
/// </summary>
internal sealed class CellPool
{
    internal const int MaxColumns = 256;
    internal const int Sample = 2048;
    internal const int MaxEntries = 4096;

    /// <summary>All columns together keep at most this many values (a wide table must not hold 256 × 4,096 strings).</summary>
    internal const int MaxTotalEntries = 65_536;

    /// <summary>Longer cells are rarely repeated and would make hashing the hot path.</summary>
    internal const int MaxPooledLength = 48;

    private readonly Column?[] _columns = new Column?[MaxColumns];
    private int _total;

    public string Get(int column, ReadOnlySpan<char> cell)
    {
        if (cell.Length == 0) return "";
        if ((uint)column >= MaxColumns || cell.Length > MaxPooledLength) return new string(cell);
        var c = _columns[column] ??= new Column();
        if (c.Off) return new string(cell);
        if (c.Lookup.TryGetValue(cell, out var pooled))
        {
            c.Hits++;
            return pooled;
        }
        var s = new string(cell);
        if (_total >= MaxTotalEntries) return s;
        _total++;
        c.Values.Add(s, s);
        // Half of a sample being new values means the column is mostly unique: stop paying for the lookup.
        if (c.Values.Count >= MaxEntries) c.TurnOff();
        else if (!c.Sampled && c.Hits + c.Values.Count >= Sample)
        {
            c.Sampled = true;
            if (c.Hits < Sample / 2) c.TurnOff();
        }
        return s;
    }

    /// <summary>Values kept over all columns (for tests).</summary>
    internal int Total => _total;

    /// <summary>True while the column is pooled (for tests).</summary>
    internal bool IsPooled(int column) => (uint)column < MaxColumns && _columns[column] is { Off: false };

    private sealed class Column
    {
        public Dictionary<string, string> Values = new(StringComparer.Ordinal);
        public Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup;
        public int Hits;
        public bool Sampled;
        public bool Off;

        public Column() => Lookup = Values.GetAlternateLookup<ReadOnlySpan<char>>();

        public void TurnOff()
        {
            Off = true;
            Values = [];
            Lookup = default;
        }
    }
}
