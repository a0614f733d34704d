using System.Globalization;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Musubi.Schemas;
using Musubi.Search.Analysis;
using Musubi.Search.Places;
using Musubi.Search.Querying;
using Musubi.Search.Ranking;
using BytesRef = Lucene.Net.Util.BytesRef;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Musubi.Search;

/// <summary>Settings of an index, resolved once by the caller.</summary>
public sealed record SearchIndexOptions
{
    /// <summary>Ranking weights; default the embedded data/search/weights.json.</summary>
    public SearchWeights Weights { get; init; } = SearchWeights.Default;

    /// <summary>Indexing buffer before a segment is flushed (MB).</summary>
    public double RamBufferMB { get; init; } = 64;

    /// <summary>
    /// Read the folder through Lucene's <c>MMapDirectory</c> instead of holding its files in memory (the default,
    /// <see cref="Storage.ArrayDirectory"/>: about 2× less CPU per search; docs/benchmarks.md). For comparisons.
    /// </summary>
    public bool MemoryMapped { get; init; }

    /// <summary>Merge a rebuilt index into one segment before it is committed (a quarter more build time, a third less search CPU).</summary>
    public bool MergeOnRebuild { get; init; } = true;
}

/// <summary>
/// The search engine over one Lucene index (a folder under the data directory, or RAM): a derived, rebuildable cache
/// of the catalog store. One writer (calls are serialized), many concurrent searches; searches see the last commit.
/// </summary>
/// <example>
/// <code>
/// using var index = SearchIndex.Open(Path.Combine(dataDir, "search"));
/// SearchIndexSync.CatchUp(index, feed);                  // or: index.Upsert(docs); index.Commit(seq);
/// var page = index.Search(new SearchRequest { Text = "公園 トイレ", Kind = SearchKind.Record,
///     Filters = new Dictionary&lt;SearchFacet, IReadOnlyList&lt;string&gt;&gt; { [SearchFacet.Prefecture] = ["130001"] },
///     Facets = [SearchFacet.Municipality], Size = 20 });
/// var next = index.Search(request with { Cursor = page.NextCursor });
/// </code>
/// </example>
public sealed class SearchIndex : ISearchIndex
{
    private const string SeqKey = "musubi.changeSeq";
    private const string AnalysisKey = "musubi.analysis";

    private readonly LuceneDirectory _directory;
    private readonly SearchIndexOptions _options;
    private readonly JapaneseAnalyzer _analyzer = new();
    private readonly StableSimilarity _similarity;
    private readonly QueryBuilder _queries;
    private readonly PlaceNames _places = PlaceNames.Default;
    private readonly SchemaCatalog _schemas = SchemaCatalog.Default;
    private readonly System.Threading.Lock _write = new();
    private IndexWriter _writer;
    private SearcherManager _searchers;
    private long _lastSeq;
    private bool _needsRebuild;
    private bool _disposed;

    /// <summary>What the analysis depends on: an index written with another version is rebuilt (<see cref="NeedsRebuild"/>).</summary>
    public static string AnalysisVersion => $"musubi-search-2;{SearchText.Version};{PlaceNames.Default.Version}";

    /// <summary>
    /// Opens (or creates) the index in a folder. The index is a cache: a folder Lucene cannot read (corrupt, or written
    /// by an incompatible version) is emptied and reported in <see cref="RecoveryNote"/>, with <see cref="NeedsRebuild"/>.
    /// A folder held by another process fails with an <see cref="IOException"/> naming it.
    /// </summary>
    public static SearchIndex Open(string folder, SearchIndexOptions? options = null)
    {
        System.IO.Directory.CreateDirectory(folder);
        try
        {
            return new SearchIndex(OpenDirectory(folder, options), options ?? new SearchIndexOptions(), recreate: false);
        }
        catch (LockObtainFailedException)
        {
            throw new IOException($"search index {folder}: in use by another process (one writer per index folder)");
        }
        catch (Exception e) when (e is CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or EndOfStreamException)
        {
            var index = new SearchIndex(OpenDirectory(folder, options), options ?? new SearchIndexOptions(), recreate: true);
            index.RecoveryNote = $"search index {folder}: unreadable ({e.GetType().Name}: {e.Message.Split('\n')[0]}); emptied, a rebuild is needed";
            return index;
        }
    }

    private static LuceneDirectory OpenDirectory(string folder, SearchIndexOptions? options) =>
        options?.MemoryMapped == true ? FSDirectory.Open(folder) : new Musubi.Search.Storage.ArrayDirectory(folder);

    /// <summary>Set when <see cref="Open"/> had to empty an unreadable index folder.</summary>
    public string? RecoveryNote { get; private set; }

    public static SearchIndex CreateInMemory(SearchIndexOptions? options = null) =>
        new(new RAMDirectory(), options ?? new SearchIndexOptions(), recreate: false);

    private SearchIndex(LuceneDirectory directory, SearchIndexOptions options, bool recreate)
    {
        _directory = directory;
        _options = options;
        _similarity = new StableSimilarity(options.Weights);
        _queries = new QueryBuilder(_analyzer, options.Weights, _places, _schemas);
        try
        {
            (_writer, _searchers) = OpenWriter(recreate);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    private (IndexWriter, SearcherManager) OpenWriter(bool recreate = false)
    {
        var config = new IndexWriterConfig(JapaneseAnalyzer.Version, _analyzer)
        {
            OpenMode = recreate ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND,
            Similarity = _similarity,
            RAMBufferSizeMB = _options.RamBufferMB,
        };
        var writer = new IndexWriter(_directory, config);
        var data = writer.CommitData;
        var fresh = recreate || !DirectoryReader.IndexExists(_directory);
        _needsRebuild = fresh || !data.TryGetValue(AnalysisKey, out var a) || a != AnalysisVersion;
        _lastSeq = !_needsRebuild && data.TryGetValue(SeqKey, out var s) && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : 0;
        if (fresh) writer.Commit(); // an empty first commit, so that searchers can open
        var searchers = new SearcherManager(writer, true, new Factory(_similarity));
        return (writer, searchers);
    }

    public long LastChangeSeq
    {
        get
        {
            lock (_write) return _lastSeq;
        }
    }

    public bool NeedsRebuild
    {
        get
        {
            lock (_write) return _needsRebuild;
        }
    }

    public int Count
    {
        get
        {
            var s = _searchers.Acquire();
            try
            {
                return s.IndexReader.NumDocs;
            }
            finally
            {
                _searchers.Release(s);
            }
        }
    }

    public void Upsert(IEnumerable<SearchDocument> documents)
    {
        lock (_write)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            foreach (var d in documents)
                _writer.UpdateDocument(new Term(IndexFields.Id, d.Id), IndexFields.ToLucene(d, _places, _schemas));
        }
    }

    public void Delete(IEnumerable<string> ids)
    {
        lock (_write)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var terms = ids.Select(id => new Term(IndexFields.Id, id)).ToArray();
            if (terms.Length > 0) _writer.DeleteDocuments(terms);
        }
    }

    public void Commit(long changeSeq)
    {
        lock (_write)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (changeSeq < _lastSeq) throw new ArgumentException($"change sequence {changeSeq} is before the committed {_lastSeq}", nameof(changeSeq));
            CommitLocked(changeSeq);
        }
    }

    private void CommitLocked(long changeSeq)
    {
        _writer.SetCommitData(new Dictionary<string, string>
        {
            [SeqKey] = changeSeq.ToString(CultureInfo.InvariantCulture),
            [AnalysisKey] = AnalysisVersion,
        });
        _writer.Commit();
        _lastSeq = changeSeq;
        _searchers.MaybeRefreshBlocking();
    }

    public void Rebuild(IEnumerable<SearchDocument> documents, long changeSeq)
    {
        lock (_write)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                // Not visible to searches (they only see commits) until the commit below.
                _writer.DeleteAll();
                // IndexWriter takes documents from several threads at once (one in-memory segment per thread); folding
                // and tokenizing is most of the work, so a rebuild uses every core. Ids are unique here, so order does
                // not matter (Upsert stays sequential: a feed batch may hold one id twice, and the last must win).
                try
                {
                    Parallel.ForEach(documents.Chunk(256), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                        chunk =>
                        {
                            foreach (var d in chunk) _writer.AddDocument(IndexFields.ToLucene(d, _places, _schemas));
                        });
                }
                catch (AggregateException e) when (e.InnerExceptions.Count == 1)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
                }
                // One segment: each query looks its terms up once instead of once per segment, and every per-segment
                // cost (facet columns, scorers) is paid once (a third less CPU per search at 1.1M documents).
                if (_options.MergeOnRebuild) _writer.ForceMerge(1);
                _needsRebuild = false;
                CommitLocked(changeSeq);
            }
            catch
            {
                // Back to the last commit; the rollback closes the writer, so open a new one.
                _searchers.Dispose();
                _writer.Rollback();
                (_writer, _searchers) = OpenWriter();
                throw;
            }
        }
    }

    /// <summary>Merges the index down to few segments (after a rebuild; optional).</summary>
    public void Optimize(int maxSegments = 1)
    {
        lock (_write)
        {
            _writer.ForceMerge(maxSegments);
            _writer.Commit();
            _searchers.MaybeRefreshBlocking();
        }
    }

    public SearchResults Search(SearchRequest request)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Validate(request);
        var query = _queries.Build(request, out var hasText);
        var sort = request.Sort ?? (request.Near is not null ? SearchSort.Distance : SearchSort.Relevance);
        if (sort == SearchSort.Relevance && !hasText) sort = SearchSort.Modified;
        var fingerprint = Fingerprint(request, sort);
        SearchCursor? after = null;
        if (!string.IsNullOrEmpty(request.Cursor))
        {
            var c = SearchCursor.Decode(request.Cursor);
            if (c.Fingerprint != fingerprint || c.Sort != sort)
                throw new SearchRequestException(SearchErrorCode.CursorMismatch, "cursor: it belongs to another search (same text, filters and sort are needed)");
            after = c;
        }

        var searcher = _searchers.Acquire();
        try
        {
            var collector = new HitCollector(searcher.IndexReader, sort, request.Near, request.Box, request.Facets, request.Size, after);
            searcher.Search(query, collector);
            var top = collector.Top();
            var hits = new List<SearchHit>(top.Count);
            foreach (var e in top) hits.Add(Hit(searcher, e, sort));
            string? next = null;
            if (collector.After > top.Count && top.Count > 0)
            {
                var last = top[^1];
                next = new SearchCursor(sort, fingerprint, last.Key, last.Hash, hits[^1].Id).Encode();
            }
            return new SearchResults
            {
                Total = collector.Total,
                Hits = hits,
                Facets = collector.Facets(Math.Max(0, request.FacetLimit)),
                NextCursor = next,
                Sort = sort,
                WeightsVersion = _options.Weights.Version,
            };
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>The Lucene query of a request (for benchmarks and diagnostics).</summary>
    internal Query BuildQuery(SearchRequest request) => _queries.Build(request, out _);

    /// <summary>A hit from doc values (id, title, codes, point, time): no stored-field block to decompress.</summary>
    private static SearchHit Hit(IndexSearcher searcher, HitCollector.Entry e, SearchSort sort)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(e.Doc, leaves)];
        var r = leaf.AtomicReader;
        var doc = e.Doc - leaf.DocBase;
        var bytes = new BytesRef();
        string? Binary(string field)
        {
            var dv = r.GetBinaryDocValues(field);
            if (dv is null) return null;
            dv.Get(doc, bytes);
            return bytes.Utf8ToString();
        }
        string? First(string field)
        {
            var dv = r.GetSortedSetDocValues(field);
            if (dv is null) return null;
            dv.SetDocument(doc);
            var ord = dv.NextOrd();
            if (ord == SortedSetDocValues.NO_MORE_ORDS) return null;
            dv.LookupOrd(ord, bytes);
            return bytes.Utf8ToString();
        }
        GeoPoint? location = null;
        if (r.GetDocsWithField(IndexFields.Latitude) is { } has && has.Get(doc))
        {
            location = new GeoPoint(
                BitConverter.Int64BitsToDouble(r.GetNumericDocValues(IndexFields.Latitude).Get(doc)),
                BitConverter.Int64BitsToDouble(r.GetNumericDocValues(IndexFields.Longitude).Get(doc)));
        }
        var modified = r.GetNumericDocValues(IndexFields.Modified)?.Get(doc) ?? 0;
        return new SearchHit(
            Binary(IndexFields.Id) ?? "",
            First(IndexFields.Kind) == "dataset" ? SearchKind.Dataset : SearchKind.Record,
            Binary(IndexFields.TitleStored) ?? "",
            sort == SearchSort.Relevance ? (float)-e.Key : 0f,
            double.IsNaN(e.Distance) ? null : e.Distance,
            location,
            First(IndexFields.Prefecture),
            First(IndexFields.Municipality),
            First(IndexFields.Standard),
            DateTimeOffset.FromUnixTimeMilliseconds(modified));
    }

    private static void Validate(SearchRequest r)
    {
        static SearchRequestException Bad(string m) => new(SearchErrorCode.BadRequest, m);
        if (r.Size is < 0 or > SearchRequest.MaxSize) throw Bad($"size: expected 0 to {SearchRequest.MaxSize}, got {r.Size}");
        if (r.FacetLimit is < 0 or > 10_000) throw Bad($"facet.limit: expected 0 to 10000, got {r.FacetLimit}");
        if (r.Sort == SearchSort.Distance && r.Near is null) throw Bad("sort: distance needs near=lat,lon");
        if (r.Near is { } n && (!(n.RadiusMeters > 0 && n.RadiusMeters <= GeoNear.MaxRadiusMeters) || !new GeoPoint(n.Latitude, n.Longitude).IsValid))
            throw Bad("near: latitude −90…90, longitude −180…180 and a radius above 0 up to 3,000 km are needed");
        if (r.Box is { } b && (!(b.MinLatitude <= b.MaxLatitude && b.MinLongitude <= b.MaxLongitude) || !new GeoPoint(b.MinLatitude, b.MinLongitude).IsValid || !new GeoPoint(b.MaxLatitude, b.MaxLongitude).IsValid))
            throw Bad("bbox: expected minLon,minLat,maxLon,maxLat with min ≤ max");
        if (r.Filters.Values.Sum(v => v.Count) > 256) throw Bad("filters: at most 256 values");
        if (r.FieldFilters.Count > 32) throw Bad("field filters: at most 32");
    }

    /// <summary>What a cursor is tied to: everything that decides the set and the order of the hits.</summary>
    private static ulong Fingerprint(SearchRequest r, SearchSort sort)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(sort).Append('|').Append(r.Text).Append('|').Append(r.Kind).Append('|');
        foreach (var (f, v) in r.Filters.OrderBy(kv => kv.Key)) sb.Append(f).Append('=').AppendJoin(',', v.Order(StringComparer.Ordinal)).Append(';');
        sb.Append('|');
        foreach (var (f, v) in r.FieldFilters.OrderBy(kv => kv.Key, StringComparer.Ordinal)) sb.Append(f).Append('=').Append(v).Append(';');
        if (r.Near is { } n) sb.Append(inv, $"|near={n.Latitude:R},{n.Longitude:R},{n.RadiusMeters:R}");
        if (r.Box is { } b) sb.Append(inv, $"|box={b.MinLongitude:R},{b.MinLatitude:R},{b.MaxLongitude:R},{b.MaxLatitude:R}");
        return (ulong)StableHash.Of(sb.ToString());
    }

    public void Dispose()
    {
        lock (_write)
        {
            if (_disposed) return;
            _disposed = true;
            _searchers.Dispose();
            // Rollback, not Dispose: Lucene's close commits pending changes, which would put documents in the index
            // beyond the recorded change sequence. What was not committed is replayed from the feed instead.
            _writer.Rollback();
            _directory.Dispose();
        }
    }

    private sealed class Factory(Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
    }
}
