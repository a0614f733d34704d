using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Musubi.Search.Geo;

namespace Musubi.Search.Querying;

/// <summary>
/// One pass over the matching documents: exact geo check (radius, box), total, facet counts, and the best
/// <c>size</c> documents after the cursor in the total order (key, id hash, id) — key = −score, distance or −modified,
/// smaller first. Lucene's own top-N collectors cannot tie-break on our id hash or skip by a cursor on it.
/// </summary>
internal sealed class HitCollector : ICollector
{
    internal readonly record struct Entry(double Key, long Hash, int Doc, double Distance);

    private readonly SearchSort _sort;
    private readonly GeoNear? _near;
    private readonly GeoBox? _box;
    private readonly SearchFacet[] _facets;
    private readonly int _size;
    private readonly SearchCursor? _after;
    private readonly IndexReader _reader;
    private readonly PriorityQueue<Entry, Entry> _heap;
    private readonly EntryOrder _order;

    private Scorer? _scorer;
    private int _docBase;
    private NumericDocValues? _lat, _lon, _hash, _modified;
    private BinaryDocValues? _ids;
    private readonly FacetColumn?[] _facetValues;
    private readonly int[]?[] _segmentCounts;
    private readonly Dictionary<string, int>[] _counts;

    public int Total { get; private set; }

    /// <summary>Documents after the cursor (to know whether there is a next page).</summary>
    public int After { get; private set; }

    public HitCollector(IndexReader reader, SearchSort sort, GeoNear? near, GeoBox? box, IReadOnlyList<SearchFacet> facets, int size, SearchCursor? after)
    {
        _reader = reader;
        _sort = sort;
        _near = near;
        _box = box;
        _facets = [.. facets.Distinct()];
        _size = size;
        _after = after;
        _order = new EntryOrder(this);
        // The heap's root is the worst kept entry, so it is the one to replace.
        _heap = new PriorityQueue<Entry, Entry>(Comparer<Entry>.Create((a, b) => _order.Compare(b, a)));
        _facetValues = new FacetColumn?[_facets.Length];
        _segmentCounts = new int[_facets.Length][];
        _counts = [.. _facets.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];
    }

    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegmentCounts();
        var r = context.AtomicReader;
        _docBase = context.DocBase;
        _hash = r.GetNumericDocValues(IndexFields.IdHash);
        _ids = r.GetBinaryDocValues(IndexFields.Id);
        _modified = r.GetNumericDocValues(IndexFields.Modified);
        if (_near is not null || _box is not null)
        {
            _lat = r.GetNumericDocValues(IndexFields.Latitude);
            _lon = r.GetNumericDocValues(IndexFields.Longitude);
        }
        var columns = _facets.Length > 0 ? SegmentColumns.Of(r) : null;
        for (var i = 0; i < _facets.Length; i++)
        {
            var column = columns!.Facet(_facets[i]);
            _facetValues[i] = column;
            _segmentCounts[i] = column is null ? null : new int[column.Values.Length];
        }
    }

    public void Collect(int doc)
    {
        var distance = double.NaN;
        if (_lat is not null && _lon is not null)
        {
            var lat = BitConverter.Int64BitsToDouble(_lat.Get(doc));
            var lon = BitConverter.Int64BitsToDouble(_lon.Get(doc));
            if (_box is not null && !_box.Contains(lat, lon)) return;
            if (_near is not null)
            {
                distance = GeoMath.Distance(_near.Latitude, _near.Longitude, lat, lon);
                if (distance > _near.RadiusMeters) return;
            }
        }
        else if (_near is not null || _box is not null)
        {
            return; // a segment without any point
        }
        Total++;
        for (var i = 0; i < _facetValues.Length; i++)
        {
            var column = _facetValues[i];
            if (column is null) continue;
            var counts = _segmentCounts[i]!;
            if (column.Starts is not { } starts)
            {
                var o = column.Ords[doc];
                if (o >= 0) counts[o]++;
            }
            else
            {
                var ords = column.Ords;
                for (int j = starts[doc], end = starts[doc + 1]; j < end; j++) counts[ords[j]]++;
            }
        }
        if (_size == 0) return;
        var key = _sort switch
        {
            SearchSort.Relevance => -(double)_scorer!.GetScore(),
            SearchSort.Distance => distance,
            _ => -(double)_modified!.Get(doc),
        };
        // The id hash (a doc-values read) only decides between equal keys: most hits are decided by the key alone.
        if (_after is { } c && key < c.Key) return;
        var full = _heap.Count >= _size;
        if (full && key > _heap.Peek().Key && (_after is not { } a || key > a.Key))
        {
            After++;
            return;
        }
        var e = new Entry(key, _hash!.Get(doc), _docBase + doc, distance);
        if (_after is { } cursor && _order.CompareToCursor(e, cursor) <= 0) return;
        After++;
        if (!full)
        {
            _heap.Enqueue(e, e);
        }
        else if (_order.Compare(e, _heap.Peek()) < 0)
        {
            _heap.DequeueEnqueue(e, e);
        }
    }

    /// <summary>The kept entries, best first.</summary>
    public List<Entry> Top()
    {
        var list = new List<Entry>(_heap.Count);
        while (_heap.Count > 0) list.Add(_heap.Dequeue());
        list.Reverse();
        return list;
    }

    public Dictionary<SearchFacet, IReadOnlyList<FacetValue>> Facets(int limit)
    {
        FlushSegmentCounts();
        var result = new Dictionary<SearchFacet, IReadOnlyList<FacetValue>>();
        for (var i = 0; i < _facets.Length; i++)
        {
            result[_facets[i]] = [.. _counts[i]
                .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Take(limit)
                .Select(kv => new FacetValue(kv.Key, kv.Value))];
        }
        return result;
    }

    private void FlushSegmentCounts()
    {
        for (var i = 0; i < _facets.Length; i++)
        {
            var counts = _segmentCounts[i];
            var column = _facetValues[i];
            if (counts is null || column is null) continue;
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] == 0) continue;
                var value = column.Values[ord];
                _counts[i][value] = _counts[i].GetValueOrDefault(value) + counts[ord];
            }
            _segmentCounts[i] = null;
        }
    }

    internal string IdOf(int globalDoc)
    {
        var leaves = _reader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(globalDoc, leaves)];
        var ids = leaf.AtomicReader.GetBinaryDocValues(IndexFields.Id);
        var bytes = new BytesRef();
        ids.Get(globalDoc - leaf.DocBase, bytes);
        return bytes.Utf8ToString();
    }

    /// <summary>The total order: key, then id hash, then id (read only when two hashes are equal).</summary>
    private sealed class EntryOrder(HitCollector owner)
    {
        public int Compare(Entry a, Entry b)
        {
            var c = a.Key.CompareTo(b.Key);
            if (c != 0) return c;
            c = a.Hash.CompareTo(b.Hash);
            if (c != 0 || a.Doc == b.Doc) return c;
            return string.CompareOrdinal(owner.IdOf(a.Doc), owner.IdOf(b.Doc));
        }

        public int CompareToCursor(Entry a, SearchCursor cursor)
        {
            var c = a.Key.CompareTo(cursor.Key);
            if (c != 0) return c;
            c = a.Hash.CompareTo(cursor.IdHash);
            if (c != 0) return c;
            return string.CompareOrdinal(owner.IdOf(a.Doc), cursor.Id);
        }
    }
}
