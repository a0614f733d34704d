namespace Musubi.Convert;

/// <summary>
/// Per-field memo of normalized cells: a repeated value (a code, a flag, 月～金, 8時30分) is normalized once per
/// file. Normalizers are pure functions of the field and the text, so the result is the same; issues are still
/// logged for every row. A field whose values are mostly new after a sample is no longer memoized, and the memo
/// is bounded, so unique text (names, IDs) costs little and memory stays flat.
/// </summary>
internal sealed class FieldMemo<TCell>
    where TCell : struct
{
    private const int Sample = 2048;
    private const int MaxEntries = 4096;
    private const int MaxLength = 64;
    private Dictionary<string, TCell>? _cells = new(StringComparer.Ordinal);
    private int _hits;
    private bool _sampled;

    // The reader hands out one string per repeated value (CellPool), so most lookups find the very same string
    // again: a small table keyed by the string's identity answers those without hashing its characters.
    private const int SeenSlots = 256;
    private readonly string?[] _seenKeys = new string?[SeenSlots];
    private readonly TCell[] _seenCells = new TCell[SeenSlots];

    public bool TryGet(string raw, out TCell cell)
    {
        if (_cells is null || raw.Length > MaxLength)
        {
            cell = default;
            return false;
        }
        var slot = System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(raw) & (SeenSlots - 1);
        if (ReferenceEquals(_seenKeys[slot], raw))
        {
            _hits++;
            cell = _seenCells[slot];
            return true;
        }
        if (_cells.TryGetValue(raw, out cell))
        {
            _hits++;
            _seenKeys[slot] = raw;
            _seenCells[slot] = cell;
            return true;
        }
        return false;
    }

    public void Add(string raw, TCell cell)
    {
        if (_cells is null || raw.Length > MaxLength) return;
        _cells[raw] = cell;
        if (_cells.Count >= MaxEntries) _cells = null;
        else if (!_sampled && _hits + _cells.Count >= Sample)
        {
            _sampled = true;
            if (_hits < Sample / 2) _cells = null;
        }
    }
}
