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
    private readonly SearchIndex _index = SearchIndex.CreateInMemory();
    private readonly Lock _gate = new();
    private string _generation = "";
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;
    private Task? _rebuild;

    public PortalIndex(ICatalogStores stores, SchemaCatalog schemas, LocalGovernmentRegistry governments, ILogger<PortalIndex> log)
    {
        _stores = stores;
        _schemas = schemas;
        _governments = governments;
        _log = log;
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
                if (force || generation != _generation)
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
            var counts = reader.CountsBySchema();
            return $"{job?.Id}:{job?.State}:{job?.FinishedAt?.ToUnixTimeMilliseconds()}:{string.Join(',', counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key + "=" + c.Value))}";
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
                _index.Rebuild([], 0);
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
                _index.Rebuild(All(), generation.GetHashCode());
            }
            lock (_gate) _generation = generation;
            _log.LogInformation("search index rebuilt: {Count} documents", _index.Count);
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.LogError(e, "the search index could not be rebuilt");
            return false;
        }
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
            foreach (var summary in page)
            {
                var d = summary.Dataset;
                titles[d.Id] = d.Info.Title;
                var detail = reader.GetDataset(d.Id);
                var formats = detail?.Resources.Where(r => r.Resource.DeletedAt is null).Select(r => r.Resource.Info.Format)
                    .Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f!.Trim().ToUpperInvariant()).Distinct().ToList() ?? [];
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
                    Content = [.. detail?.Resources.Select(r => r.Resource.Info.Name).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!) ?? []],
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
