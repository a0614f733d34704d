using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Musubi.Search.Querying;

/// <summary>
/// One facet of one segment as plain arrays: each document's value ordinals and the values themselves, decoded once per
/// segment (when a searcher opens it) instead of through <see cref="SortedSetDocValues"/> for every hit of every query.
/// Single-valued facets (kind, prefecture, municipality, standard, licence) keep one ordinal per document (−1: none);
/// multi-valued ones (categories, formats) keep offsets into an ordinal list.
/// </summary>
internal sealed class FacetColumn
{
    /// <summary>Ordinal → value, in the segment's (sorted) order.</summary>
    public required string[] Values { get; init; }

    /// <summary>Single-valued: the document's ordinal or −1. Multi-valued: the ordinals, from <see cref="Starts"/>.</summary>
    public required int[] Ords { get; init; }

    /// <summary>Multi-valued only: document d's ordinals are Ords[Starts[d] .. Starts[d + 1]).</summary>
    public int[]? Starts { get; init; }

    public static FacetColumn? Read(AtomicReader reader, string field)
    {
        var dv = reader.GetSortedSetDocValues(field);
        if (dv is null) return null;
        var values = new string[dv.ValueCount];
        var bytes = new BytesRef();
        for (var o = 0; o < values.Length; o++)
        {
            dv.LookupOrd(o, bytes);
            values[o] = bytes.Utf8ToString();
        }
        var maxDoc = reader.MaxDoc;
        var single = new int[maxDoc];
        List<int>? multi = null;
        int[]? starts = null;
        for (var d = 0; d < maxDoc; d++)
        {
            dv.SetDocument(d);
            var first = dv.NextOrd();
            if (multi is null)
            {
                if (first == SortedSetDocValues.NO_MORE_ORDS)
                {
                    single[d] = -1;
                    continue;
                }
                var second = dv.NextOrd();
                if (second == SortedSetDocValues.NO_MORE_ORDS)
                {
                    single[d] = (int)first;
                    continue;
                }
                // The first document with two values: switch to offsets for everything read so far.
                multi = new List<int>(maxDoc + 16);
                starts = new int[maxDoc + 1];
                for (var e = 0; e < d; e++)
                {
                    starts[e] = multi.Count;
                    if (single[e] >= 0) multi.Add(single[e]);
                }
                starts[d] = multi.Count;
                multi.Add((int)first);
                multi.Add((int)second);
                long more;
                while ((more = dv.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS) multi.Add((int)more);
                continue;
            }
            starts![d] = multi.Count;
            for (var o = first; o != SortedSetDocValues.NO_MORE_ORDS; o = dv.NextOrd()) multi.Add((int)o);
        }
        if (multi is null) return new FacetColumn { Values = values, Ords = single };
        starts![maxDoc] = multi.Count;
        return new FacetColumn { Values = values, Ords = [.. multi], Starts = starts };
    }
}

/// <summary>
/// What queries read per hit, per segment core (shared by every reader of the segment; deletions do not change it),
/// built once when a searcher first sees the segment.
/// </summary>
internal sealed class SegmentColumns
{
    private static readonly ConditionalWeakTable<object, SegmentColumns> Cache = [];

    private readonly FacetColumn?[] _facets;

    private SegmentColumns(AtomicReader reader)
    {
        var all = Enum.GetValues<SearchFacet>();
        _facets = new FacetColumn?[all.Length];
        foreach (var f in all) _facets[(int)f] = FacetColumn.Read(reader, IndexFields.FacetField(f));
    }

    public FacetColumn? Facet(SearchFacet facet) => _facets[(int)facet];

    public static SegmentColumns Of(AtomicReader reader) =>
        Cache.TryGetValue(reader.CoreCacheKey, out var c) ? c : Cache.GetValue(reader.CoreCacheKey, _ => new SegmentColumns(reader));
}
