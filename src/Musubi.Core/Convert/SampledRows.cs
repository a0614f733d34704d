using Musubi.Read;

namespace Musubi.Convert;

/// <summary>
/// The first rows of a table read ahead, so detection and mapping can use cell values as evidence (the types and
/// vocabularies of the columns, not only their names) and the owner code can be judged over every address of a small
/// file; a consumer then takes <see cref="Sample"/> and <see cref="TakeRest"/> once, as the table would have streamed them.
/// </summary>
internal sealed class SampledRows
{
    private readonly RawTable _table;
    // An array of the exact length, grown by hand, not a List<RawRow>: generic code over a struct of ours (the list, Array.Resize,
    // Array.Empty, spans) has no precompiled form and was compiled at every start.
    private RawRow[] _sample = new RawRow[0];
    private int _count;
    private IEnumerator<RawRow>? _rest;
    private bool _ended;
    private bool _streamed;

    public SampledRows(RawTable table, int rows)
    {
        _table = table;
        Extend(rows);
    }

    public RawTable Table => _table;

    /// <summary>Rows read ahead (each with a cell array of its own).</summary>
    public RawRow[] Sample => _sample;

    /// <summary>The cells of the rows read ahead, as detection and mapping take them.</summary>
    public string[][] SampleCells()
    {
        var cells = new string[_count][];
        for (var i = 0; i < cells.Length; i++) cells[i] = _sample[i].Cells;
        return cells;
    }

    /// <summary>True when <see cref="Sample"/> holds every row of the table.</summary>
    public bool Complete => _ended;

    /// <summary>Reads ahead until <paramref name="rows"/> rows are sampled or the table ends.</summary>
    public void Extend(int rows)
    {
        if (_streamed) throw new InvalidOperationException("the rows are already streamed");
        _rest ??= _table.Rows.GetEnumerator();
        var sample = _sample;
        var count = _count;
        while (!_ended && count < rows)
        {
            if (!_rest.MoveNext())
            {
                _ended = true;
                break;
            }
            var r = _rest.Current;
            if (count == sample.Length) sample = Copy(sample, count, Math.Max(16, Math.Min(rows, sample.Length * 2)));
            sample[count++] = new RawRow(r.RowNumber, (string[])r.Cells.Clone());
        }
        _sample = count == sample.Length ? sample : Copy(sample, count, count);
        _count = count;
    }

    private static RawRow[] Copy(RawRow[] rows, int count, int length)
    {
        var copy = new RawRow[length];
        for (var i = 0; i < count; i++) copy[i] = rows[i];
        return copy;
    }

    /// <summary>
    /// The rows after <see cref="Sample"/>, once, for a consumer that takes the sample first and then these (the row loop
    /// does, without a wrapper iterator between it and the reader: this runs for every row of a large file). They may
    /// share one cell array (see <see cref="RawTable.RowsReusingArrays"/>): the consumer uses each row only until it
    /// asks for the next, and disposes the enumerator. Null when the sample holds every row.
    /// </summary>
    public IEnumerator<RawRow>? TakeRest()
    {
        if (_streamed) throw new InvalidOperationException("the rows can be streamed only once");
        _streamed = true;
        if (_ended || _rest is null) return null;
        _table.RowsReusingArrays(); // only turns reuse on for the rows still to come
        return _rest;
    }
}
