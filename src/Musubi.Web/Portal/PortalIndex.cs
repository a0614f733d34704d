using System.Text.Json;
using Microsoft.Extensions.Logging;
using Musubi.Catalog;
using Musubi.Registry;
using Musubi.Schemas;
using Musubi.Search;

namespace Musubi.Web.Portal;

/// <summary>
/// The portal's search index, derived from the catalog (the store is the truth; docs/search.md): datasets by their own
/// metadata, their standard dataset and publisher, and every published record. Rebuilt in the background when the
/// catalog's state changes (a harvest finished: checked at most every <see cref="CheckInterval"/>); searches see the old
/// contents until a rebuild commits. In memory: each web node builds its own from the shared store.
/// </summary>
public sealed class PortalIndex : IDisposable
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(2);

    /// <summary>How many record names a dataset's document carries as content (its records are documents of their own too).</summary>
    public const int MaxRecordNamesPerDataset = 2000;

    private readonly ICatalogStores _stores;
    private readonly SchemaCatalog _schemas;
    private readonly LocalGovernmentRegistry _governments;
    private readonly ILogger _log;
    private readonly SearchIndex _index;

    /// <summary>What the documents are made of here (bump when <see cref="Build"/> changes): part of the persisted build's key.</summary>
    private const string DocumentsVersion = "portal-docs-1";

    /// <summary>The key of the build a persisted index holds (0: none, or in memory).</summary>
    private readonly long _persistedKey;

    /// <summary>How often the record counts (a scan of the records table) are part of the change check when no job changed.</summary>
    public static readonly TimeSpan CountInterval = TimeSpan.FromSeconds(30);

    private string _jobPart = "";
    private string _countPart = "";
    private DateTimeOffset _countedAt = DateTimeOffset.MinValue;
    private readonly Lock _gate = new();
    private string _generation = "";
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;
    private Task? _rebuild;
    private long _builds;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _responses = new(StringComparer.Ordinal);

    /// <summary>Most serialized answers kept (a few MB at typical sizes); the cache is emptied when it is full.</summary>
    public const int MaxCachedResponses = 4096;

    public PortalIndex(ICatalogStores stores, SchemaCatalog schemas, LocalGovernmentRegistry governments, ILogger<PortalIndex> log, WebOptions? options = null)
    {
        _stores = stores;
        _schemas = schemas;
        _governments = governments;
        _log = log;
        SearchIndex? index = null;
        if (options?.SearchIndexFolder is { } folder)
        {
            try
            {
                index = SearchIndex.Open(folder);
                if (index.RecoveryNote is { } note) log.LogWarning("{Note}", note);
                if (!index.NeedsRebuild) _persistedKey = index.LastChangeSeq;
            }
            catch (IOException e)
            {
                log.LogWarning("{Message}; the search index is kept in memory instead", e.Message);
            }
        }
        _index = index ?? SearchIndex.CreateInMemory();
    }

    /// <summary>A stable key of a catalog state (FNV-1a; string.GetHashCode differs between processes).</summary>
    private static long BuildKey(string generation)
    {
        var h = 14695981039346656037UL;
        foreach (var c in DocumentsVersion + "|" + generation)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return (long)(h >> 1); // non-negative
    }

    /// <summary>The index as of the last finished rebuild (a rebuild is started first when the catalog changed).</summary>
    public SearchIndex Index
    {
        get
        {
            Refresh();
            return _index;
        }
    }

    /// <summary>The catalog state the index was last built from (changes when a harvest changed something).</summary>
    public string Generation
    {
        get
        {
            Refresh();
            lock (_gate) return _generation;
        }
    }

    /// <summary>Checks whether the catalog changed and rebuilds (in the background, or now when <paramref name="wait"/>).</summary>
    public void Refresh(bool force = false, bool wait = false)
    {
        Task? running = null;
        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow;
            if (_rebuild is { IsCompleted: false })
            {
                running = _rebuild;
            }
            else if (force || wait || _generation.Length == 0)
            {
                _checkedAt = now;
                var generation = CurrentGeneration();
                if (!force && _generation.Length == 0 && _persistedKey != 0 && BuildKey(generation) == _persistedKey)
                {
                    // The folder holds the build of exactly this catalog state (a restart without changes): no rebuild.
                    _generation = generation;
                    _log.LogInformation("search index reused from its folder: {Count} documents", _index.Count);
                }
                else if (force || generation != _generation)
                {
                    // The first build runs now, so the first request already finds everything; later ones in the background.
                    _rebuild = _generation.Length == 0 || wait ? Task.FromResult(Build(generation)) : Task.Run(() => Build(generation));
                    running = _rebuild;
                }
            }
            else if (now - _checkedAt >= CheckInterval)
            {
                // The check itself counts the records per schema (a scan of the records table: ~1 s at 1,000,000 rows),
                // so it runs in the background too: a request never waits for it, nor do the others behind this lock.
                _checkedAt = now;
                var known = _generation;
                _rebuild = Task.Run(() =>
                {
                    var generation = CurrentGeneration();
                    return generation == known || Build(generation);
                });
            }
        }
        if (wait) running?.GetAwaiter().GetResult();
    }

    /// <summary>What the catalog looks like: the newest job and its state, and the published records per schema.</summary>
    private string CurrentGeneration()
    {
        try
        {
            using var reader = _stores.OpenForRead();
            if (reader is null) return "empty";
            var job = reader.ListJobs(1).FirstOrDefault();
            var jobPart = $"{job?.Id}:{job?.State}:{job?.FinishedAt?.ToUnixTimeMilliseconds()}";
            // The counts scan the records table (~1 s at 1,000,000 rows): redone when the newest job changed, else at
            // most every CountInterval (records written outside a harvest job are picked up then).
            var now = DateTimeOffset.UtcNow;
            if (jobPart != _jobPart || _countPart.Length == 0 || now - _countedAt >= CountInterval)
            {
                var counts = reader.CountsBySchema();
                _countPart = string.Join(',', counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key + "=" + c.Value));
                _jobPart = jobPart;
                _countedAt = now;
            }
            return jobPart + ":" + _countPart;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.LogWarning(e, "the catalog could not be read for the search index");
            return _generation;
        }
    }

    private bool Build(string generation)
    {
        try
        {
            using var reader = _stores.OpenForRead();
            if (reader is null)
            {
                _index.Rebuild([], BuildKey(generation));
            }
            else
            {
                var datasets = DatasetDocuments(reader, out var titles);
                var schemas = reader.CountsBySchema().Keys.Order(StringComparer.Ordinal).ToList();
                // Records first: their names are collected per dataset, so a dataset is also found by its records' content.
                var names = new Dictionary<long, List<string>>();
                IEnumerable<SearchDocument> All()
                {
                    foreach (var schema in schemas)
                    {
                        foreach (var record in RecordDocuments(reader, schema, titles))
                        {
                            if (PortalIndex.TryParseRecordDocId(record.Id, out _, out var datasetId, out _))
                            {
                                if (!names.TryGetValue(datasetId, out var list)) names[datasetId] = list = [];
                                if (list.Count < MaxRecordNamesPerDataset) list.Add(record.Title);
                            }
                            yield return record;
                        }
                    }
                    foreach (var d in datasets)
                    {
                        yield return TryParseDatasetDocId(d.Id, out var id) && names.TryGetValue(id, out var list) ? d with { Content = [.. d.Content, .. list] } : d;
                    }
                }
                _index.Rebuild(All(), BuildKey(generation));
            }
            lock (_gate)
            {
                _generation = generation;
                // Answers computed from the previous contents carry the old build number in their key: never served again.
                Interlocked.Increment(ref _builds);
                _responses.Clear();
            }
            _log.LogInformation("search index rebuilt: {Count} documents", _index.Count);
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.LogError(e, "the search index could not be rebuilt");
            return false;
        }
    }

    /// <summary>
    /// The serialized answer to a read-only query (its path and query string) over the current index contents, from the
    /// cache or computed by <paramref name="compute"/> (null: not cacheable, e.g. an error). Safe because the index only
    /// changes when a rebuild commits, which changes the build number in the key: the same key always gives the same bytes.
    /// </summary>
    public byte[]? CachedResponse(string key, Func<SearchIndex, byte[]?> compute)
    {
        var index = Index; // checks for catalog changes first
        var k = Interlocked.Read(ref _builds).ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + key;
        if (_responses.TryGetValue(k, out var bytes)) return bytes;
        bytes = compute(index);
        if (bytes is null) return null;
        if (_responses.Count >= MaxCachedResponses) _responses.Clear();
        // Stored only if no rebuild committed meanwhile (else the answer may mix old contents into the new key space).
        if (k.StartsWith(Interlocked.Read(ref _builds).ToString(System.Globalization.CultureInfo.InvariantCulture) + "|", StringComparison.Ordinal)) _responses[k] = bytes;
        return bytes;
    }

    /// <summary>Ids: <c>dataset:ID</c>; <c>record:SCHEMA:DATASET:ID</c> (the dataset id rides along so a hit links to its page).</summary>
    public static string DatasetDocId(long id) => "dataset:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryParseDatasetDocId(string docId, out long id) =>
        long.TryParse(docId.StartsWith("dataset:", StringComparison.Ordinal) ? docId[8..] : "", System.Globalization.CultureInfo.InvariantCulture, out id);

    public static bool TryParseRecordDocId(string docId, out string schema, out long datasetId, out long recordId)
    {
        schema = "";
        datasetId = recordId = 0;
        var p = docId.Split(':');
        if (p.Length != 4 || p[0] != "record") return false;
        schema = p[1];
        return long.TryParse(p[2], System.Globalization.CultureInfo.InvariantCulture, out datasetId) && long.TryParse(p[3], System.Globalization.CultureInfo.InvariantCulture, out recordId);
    }

    private List<SearchDocument> DatasetDocuments(ICatalogReader reader, out Dictionary<long, string> titles)
    {
        var docs = new List<SearchDocument>();
        titles = [];
        long after = 0;
        while (true)
        {
            var page = reader.ListDatasets(new DatasetQuery { AfterId = after, Limit = 500 });
            if (page.Count == 0) break;
            // One read of the page's resources (a GetDataset per dataset was 100,000 round trips of several queries each).
            var resourcesOf = reader.ResourcesOf(page[0].Dataset.Id, page[^1].Dataset.Id);
            foreach (var summary in page)
            {
                var d = summary.Dataset;
                titles[d.Id] = d.Info.Title;
                var resources = resourcesOf.GetValueOrDefault(d.Id) ?? [];
                var formats = resources.Where(r => r.DeletedAt is null).Select(r => r.Info.Format)
                    .Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f!.Trim().ToUpperInvariant()).Distinct().ToList();
                var code = d.Info.PublisherCode;
                var gov = _governments.ByCode(code);
                var standard = summary.Schemas.FirstOrDefault();
                docs.Add(new SearchDocument
                {
                    Id = DatasetDocId(d.Id),
                    Kind = SearchKind.Dataset,
                    Title = d.Info.Title,
                    Description = d.Info.Description,
                    Tags = d.Info.Tags,
                    Keywords = [.. new[] { summary.PublisherName, d.Info.PublisherName }.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k!)],
                    Content = [.. resources.Select(r => r.Info.Name).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!)],
                    MunicipalityCode = gov is { Kind: not LocalGovernmentKind.Prefecture } ? gov.Code : null,
                    PrefectureCode = gov?.PrefectureCode,
                    StandardDatasetId = standard,
                    Categories = d.Info.Categories,
                    Formats = formats,
                    Licence = d.Info.LicenseId ?? d.Info.License,
                    Modified = d.LastSeenAt,
                });
            }
            after = page[^1].Dataset.Id;
        }
        return docs;
    }

    private IEnumerable<SearchDocument> RecordDocuments(ICatalogReader reader, string schemaId, Dictionary<long, string> titles)
    {
        var schema = _schemas.Find(schemaId);
        if (schema is null) yield break;
        var row = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var r in reader.StreamRecords(schemaId))
        {
            row.Clear();
            using (var doc = JsonDocument.Parse(r.ValuesJson))
            {
                foreach (var p in doc.RootElement.EnumerateObject())
                    row[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText();
            }
            var id = $"record:{schemaId}:{r.DatasetId}:{r.Id}";
            var d = SearchDocuments.FromRecord(id, schema, row, default);
            var gov = _governments.ByCode(r.PublisherCode);
            yield return d with
            {
                MunicipalityCode = gov is { Kind: not LocalGovernmentKind.Prefecture } ? gov.Code : d.MunicipalityCode,
                PrefectureCode = gov?.PrefectureCode ?? d.PrefectureCode,
                Keywords = titles.TryGetValue(r.DatasetId, out var t) ? [t] : [],
                Location = d.Location ?? (r.Lat is { } lat && r.Lng is { } lng && new GeoPoint(lat, lng) is { IsValid: true } g ? g : null),
            };
        }
    }

    public void Dispose() => _index.Dispose();
}
