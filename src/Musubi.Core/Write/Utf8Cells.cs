namespace Musubi.Write;

/// <summary>
/// One record's cells as UTF-8 bytes (no strings), reused from record to record: the byte path of the writers
/// (<see cref="IUtf8RecordWriter"/>), fed by the national downloads straight from the store's bytes. An empty cell is
/// "no value", as "" is in the string API.
/// </summary>
public sealed class Utf8Cells
{
    private byte[] _bytes = new byte[4096];
    private readonly int[] _start;
    private readonly int[] _length;
    private int _used;

    public Utf8Cells(int count)
    {
        Count = count;
        _start = new int[count];
        _length = new int[count];
    }

    public int Count { get; }

    public ReadOnlySpan<byte> this[int i] => _bytes.AsSpan(_start[i], _length[i]);

    /// <summary>Empties every cell (the bytes are kept for the next record).</summary>
    public void Clear()
    {
        Array.Clear(_length);
        _used = 0;
    }

    /// <summary>Sets cell <paramref name="i"/> to a copy of <paramref name="utf8"/> (a later Set of the same cell wins).</summary>
    public void Set(int i, ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(Reserve(utf8.Length));
        Commit(i, utf8.Length);
    }

    public void Set(int i, long value)
    {
        value.TryFormat(Reserve(20), out var n, default, System.Globalization.CultureInfo.InvariantCulture);
        Commit(i, n);
    }

    /// <summary>Room for <paramref name="max"/> bytes of the next cell; <see cref="Commit"/> then says how many were written.</summary>
    public Span<byte> Reserve(int max)
    {
        if (_used + max > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + max));
        return _bytes.AsSpan(_used, max);
    }

    /// <summary>Makes the <paramref name="length"/> bytes written into the last <see cref="Reserve"/> cell <paramref name="i"/>.</summary>
    public void Commit(int i, int length)
    {
        _start[i] = _used;
        _length[i] = length;
        _used += length;
    }
}

/// <summary>A writer that also takes records as UTF-8 cells, writing exactly the bytes its string API would.</summary>
public interface IUtf8RecordWriter
{
    /// <summary>Writes one record (one cell per schema field, empty = no value); <paramref name="sourceRow"/> as in <see cref="IRecordWriter.Write"/>.</summary>
    void Write(Utf8Cells cells, int sourceRow);
}
