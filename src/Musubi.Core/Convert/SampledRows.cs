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
    private readonly List<RawRow> _sample = [];
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
    public IReadOnlyList<RawRow> Sample => _sample;

    /// <summary>True when <see cref="Sample"/> holds every row of the table.</summary>
    public bool Complete => _ended;

    /// <summary>Reads ahead until <paramref name="rows"/> rows are sampled or the table ends.</summary>
    public void Extend(int rows)
    {
        if (_streamed) throw new InvalidOperationException("the rows are already streamed");
        _rest ??= _table.Rows.GetEnumerator();
        while (!_ended && _sample.Count < rows)
        {
            if (!_rest.MoveNext())
            {
                _ended = true;
                break;
            }
            var r = _rest.Current;
            _sample.Add(new RawRow(r.RowNumber, (string[])r.Cells.Clone()));
        }
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
