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
        var hash = Hash(cell);
        if (c.Find(cell, hash) is { } pooled)
        {
            c.Hits++;
            return pooled;
        }
        var s = new string(cell);
        if (_total >= MaxTotalEntries) return s;
        _total++;
        c.Add(s, hash);
        // Half of a sample being new values means the column is mostly unique: stop paying for the lookup.
        if (c.Count >= MaxEntries) c.TurnOff();
        else if (!c.Sampled && c.Hits + c.Count >= Sample)
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

    /// <summary>Two UTF-16 units per step (the framework's string hash does the same); cells here are short.</summary>
    private static int Hash(ReadOnlySpan<char> cell)
    {
        var pairs = System.Runtime.InteropServices.MemoryMarshal.Cast<char, uint>(cell);
        var h = 352654597u ^ (uint)cell.Length;
        foreach (var p in pairs) h = (System.Numerics.BitOperations.RotateLeft(h, 5) + h) ^ p;
        if ((cell.Length & 1) != 0) h = (System.Numerics.BitOperations.RotateLeft(h, 5) + h) ^ cell[^1];
        return (int)(h * 1566083941u);
    }

    /// <summary>
    /// One column's values in an open-addressing table (hash and string side by side). Written out instead of a
    /// Dictionary with a span lookup: this runs for most cells of a file, and the dictionary's comparer calls cost
    /// about twice as much.
    /// </summary>
    private sealed class Column
    {
        private string?[] _values = new string?[64];
        private int[] _hashes = new int[64];
        public int Count;
        public int Hits;
        public bool Sampled;
        public bool Off;

        public string? Find(ReadOnlySpan<char> cell, int hash)
        {
            var values = _values;
            var mask = values.Length - 1;
            for (var i = hash & mask; ; i = (i + 1) & mask)
            {
                var v = values[i];
                if (v is null) return null;
                if (_hashes[i] == hash && cell.SequenceEqual(v)) return v;
            }
        }

        public void Add(string value, int hash)
        {
            // At most half full, so a probe always meets an empty slot.
            if ((Count + 1) * 2 > _values.Length) Grow();
            Place(_values, _hashes, value, hash);
            Count++;
        }

        private static void Place(string?[] values, int[] hashes, string value, int hash)
        {
            var mask = values.Length - 1;
            var i = hash & mask;
            while (values[i] is not null) i = (i + 1) & mask;
            values[i] = value;
            hashes[i] = hash;
        }

        private void Grow()
        {
            var values = new string?[_values.Length * 2];
            var hashes = new int[values.Length];
            for (var i = 0; i < _values.Length; i++)
            {
                if (_values[i] is { } v) Place(values, hashes, v, _hashes[i]);
            }
            _values = values;
            _hashes = hashes;
        }

        public void TurnOff()
        {
            Off = true;
            _values = [];
            _hashes = [];
        }
    }
}
