using Musubi.Read;

namespace Musubi.Convert;

/// <summary>
/// The first rows of a table read ahead, so detection and mapping can use cell values as evidence (the types and
/// vocabularies of the columns, not only their names) and the owner code can be judged over every address of a small
/// file; <see cref="All"/> then streams the sampled rows and the rest once, as the table would have.
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
    /// Every row once: the sample, then the rest. The rest may share one cell array (see
    /// <see cref="RawTable.RowsReusingArrays"/>): the consumer uses each row only until it asks for the next.
    /// </summary>
    public IEnumerable<RawRow> All()
    {
        if (_streamed) throw new InvalidOperationException("the rows can be streamed only once");
        _streamed = true;
        foreach (var r in _sample) yield return r;
        if (_ended || _rest is null) yield break;
        _table.RowsReusingArrays(); // only turns reuse on for the rows still to come
        using (_rest)
        {
            while (_rest.MoveNext()) yield return _rest.Current;
        }
    }
}
