using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Musubi.Catalog;

namespace Musubi.Storage.Catalog;

/// <summary>
/// The catalog store over one connection, with SQL both dialects share (tables in Migrations/NNNN_catalog.sql); only the
/// bulk insert of records differs (<see cref="InsertRecords"/>). Times are ISO-8601 UTC text in both engines.
/// The records table holds exactly the published rows: a version's rows are inserted when it is published and deleted
/// when it is replaced or withdrawn, so reading a national table needs no join.
/// </summary>
internal abstract class CatalogStore(DbConnection connection, string description) : ICatalogStore
{
    protected DbConnection Connection { get; } = connection;

    public string Description { get; } = description;

    public void Dispose() => Connection.Dispose();

    // ---- time and mapping helpers

    protected static string T(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string? T(DateTimeOffset? t) => t is { } v ? T(v) : null;

    private static DateTimeOffset ParseT(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static DateTimeOffset? ParseTN(DbDataReader r, int i) => r.IsDBNull(i) ? null : ParseT(r.GetString(i));

    private static string? S(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static long? LN(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    private static double? DN(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    // ---- transactions: every statement runs in the open InTransaction batch when there is one

    private DbTransaction? _ambient;

    public T InTransaction<T>(Func<T> work)
    {
        if (_ambient is not null) return work();
        using var tx = Connection.BeginTransaction();
        _ambient = tx;
        try
        {
            var result = work();
            tx.Commit();
            return result;
        }
        finally
        {
            _ambient = null;
        }
    }

    /// <summary>A transaction of one method: the batch's when one is open (its commit is then the batch's), else its own.</summary>
    private Tx Begin() => _ambient is { } a ? new Tx(a, owned: false) : new Tx(Connection.BeginTransaction(), owned: true);

    private sealed class Tx(DbTransaction transaction, bool owned) : IDisposable
    {
        public void Commit()
        {
            if (owned) transaction.Commit();
        }

        public void Dispose()
        {
            if (owned) transaction.Dispose();
        }

        public static implicit operator DbTransaction(Tx t) => t.Transaction;

        public DbTransaction Transaction => transaction;
    }

    private int Exec(string sql, object? param = null, DbTransaction? tx = null) => Connection.Execute(sql, param, tx ?? _ambient);

    private T? Scalar<T>(string sql, object? param = null, DbTransaction? tx = null) => Connection.ExecuteScalar<T>(sql, param, tx ?? _ambient);

    private IEnumerable<T> QueryMany<T>(string sql, object? param = null, DbTransaction? tx = null) => Connection.Query<T>(sql, param, tx ?? _ambient);

    private T First<T>(string sql, object? param = null, DbTransaction? tx = null) => Connection.QueryFirst<T>(sql, param, tx ?? _ambient);

    private List<T> Query<T>(string sql, object? param, Func<DbDataReader, T> map, DbTransaction? tx = null)
    {
        var list = new List<T>();
        using var reader = (DbDataReader)Connection.ExecuteReader(sql, param, tx ?? _ambient);
        while (reader.Read()) list.Add(map(reader));
        return list;
    }

    private static string Json(IReadOnlyList<string> list) => JsonSerializer.Serialize(list);

    private static IReadOnlyList<string> JsonList(string? s) => string.IsNullOrEmpty(s) ? [] : JsonSerializer.Deserialize<List<string>>(s) ?? [];

    // ---- publishers

    public void UpsertPublisher(Publisher publisher) => Exec(
        "INSERT INTO publishers (code, name, prefecture) VALUES (@Code, @Name, @Prefecture) " +
        "ON CONFLICT (code) DO UPDATE SET name = excluded.name, prefecture = coalesce(excluded.prefecture, publishers.prefecture)",
        new { publisher.Code, publisher.Name, publisher.Prefecture });

    public Publisher? GetPublisher(string code) =>
        Query("SELECT code, name, prefecture FROM publishers WHERE code = @code", new { code }, r => new Publisher(r.GetString(0), r.GetString(1)) { Prefecture = S(r, 2) })
            .FirstOrDefault();

    public IReadOnlyList<PublisherSummary> ListPublishers() => Query(
        "SELECT p.code, p.name, p.prefecture, " +
        "(SELECT count(*) FROM datasets d WHERE d.publisher_code = p.code AND d.deleted_at IS NULL), " +
        "(SELECT count(*) FROM records x WHERE x.publisher_code = p.code) FROM publishers p ORDER BY p.code",
        null, r => new PublisherSummary(r.GetString(0), r.GetString(1), S(r, 2), (int)r.GetInt64(3), r.GetInt64(4)));

    // ---- sources

    private const string SourceColumns = "id, kind, location, name, publisher_code, schedule, settings_json, created_at, last_harvest_at, last_job_id";

    private static CatalogSource ReadSource(DbDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2))
    {
        Name = S(r, 3),
        PublisherCode = S(r, 4),
        Schedule = r.GetString(5),
        SettingsJson = S(r, 6),
        CreatedAt = ParseT(r.GetString(7)),
        LastHarvestAt = ParseTN(r, 8),
        LastJobId = LN(r, 9),
    };

    public IReadOnlyList<CatalogSource> ListSources() =>
        Query($"SELECT {SourceColumns} FROM sources WHERE removed_at IS NULL ORDER BY created_at, id", null, ReadSource);

    public CatalogSource? GetSource(string id) =>
        Query($"SELECT {SourceColumns} FROM sources WHERE id = @id AND removed_at IS NULL", new { id }, ReadSource).FirstOrDefault();

    public bool AddSource(CatalogSource source)
    {
        using var tx = Begin();
        var existing = Scalar<string?>("SELECT removed_at FROM sources WHERE id = @Id", new { source.Id }, tx);
        var exists = Scalar<long>("SELECT count(*) FROM sources WHERE id = @Id", new { source.Id }, tx) > 0;
        if (exists && existing is null) return false;
        var p = new
        {
            source.Id,
            source.Kind,
            source.Location,
            source.Name,
            source.PublisherCode,
            source.Schedule,
            source.SettingsJson,
            CreatedAt = T(source.CreatedAt),
        };
        // A removed source's id may be used again: the row (and its datasets' history) comes back with the new settings.
        Exec(exists
            ? "UPDATE sources SET kind = @Kind, location = @Location, name = @Name, publisher_code = @PublisherCode, schedule = @Schedule, " +
              "settings_json = @SettingsJson, removed_at = NULL WHERE id = @Id"
            : $"INSERT INTO sources ({SourceColumns}) VALUES (@Id, @Kind, @Location, @Name, @PublisherCode, @Schedule, @SettingsJson, @CreatedAt, NULL, NULL)", p, tx);
        tx.Commit();
        return true;
    }

    public bool RemoveSource(string id, DateTimeOffset at)
    {
        using var tx = Begin();
        var n = Exec("UPDATE sources SET removed_at = @at WHERE id = @id AND removed_at IS NULL", new { id, at = T(at) }, tx);
        if (n == 0) return false;
        var resources = QueryMany<long>(
            "SELECT p.resource_id FROM publications p JOIN resources r ON r.id = p.resource_id JOIN datasets d ON d.id = r.dataset_id WHERE d.source_id = @id",
            new { id }, tx).ToList();
        foreach (var rid in resources) WithdrawIn(tx, rid, at, "source removed");
        tx.Commit();
        return true;
    }

    // ---- datasets and resources

    public long UpsertDataset(DatasetInfo d, DateTimeOffset seenAt) => Scalar<long>(
        "INSERT INTO datasets (source_id, remote_key, name, title, description, license, license_id, license_url, tags_json, categories_json, frequency, " +
        "contact_name, contact_email, issued, modified, publisher_code, publisher_name, landing_page, extras_json, first_seen_at, last_seen_at, deleted_at) " +
        "VALUES (@SourceId, @RemoteKey, @Name, @Title, @Description, @License, @LicenseId, @LicenseUrl, @Tags, @Categories, @Frequency, " +
        "@ContactName, @ContactEmail, @Issued, @Modified, @PublisherCode, @PublisherName, @LandingPage, @ExtrasJson, @At, @At, NULL) " +
        "ON CONFLICT (source_id, remote_key) DO UPDATE SET name = excluded.name, title = excluded.title, description = excluded.description, " +
        "license = excluded.license, license_id = excluded.license_id, license_url = excluded.license_url, tags_json = excluded.tags_json, " +
        "categories_json = excluded.categories_json, frequency = excluded.frequency, contact_name = excluded.contact_name, contact_email = excluded.contact_email, " +
        "issued = excluded.issued, modified = excluded.modified, publisher_code = excluded.publisher_code, publisher_name = excluded.publisher_name, " +
        "landing_page = excluded.landing_page, extras_json = excluded.extras_json, last_seen_at = excluded.last_seen_at, deleted_at = NULL RETURNING id",
        new
        {
            d.SourceId,
            d.RemoteKey,
            d.Name,
            d.Title,
            d.Description,
            d.License,
            d.LicenseId,
            d.LicenseUrl,
            Tags = Json(d.Tags),
            Categories = Json(d.Categories),
            d.Frequency,
            d.ContactName,
            d.ContactEmail,
            d.Issued,
            d.Modified,
            d.PublisherCode,
            d.PublisherName,
            d.LandingPage,
            d.ExtrasJson,
            At = T(seenAt),
        });

    public IReadOnlyList<long> MarkMissingDatasetsDeleted(string sourceId, IReadOnlyCollection<long> present, DateTimeOffset at)
    {
        var keep = present as ISet<long> ?? present.ToHashSet();
        using var tx = Begin();
        var missing = QueryMany<long>("SELECT id FROM datasets WHERE source_id = @sourceId AND deleted_at IS NULL", new { sourceId }, tx)
            .Where(id => !keep.Contains(id)).ToList();
        foreach (var id in missing)
        {
            Exec("UPDATE datasets SET deleted_at = @at WHERE id = @id", new { id, at = T(at) }, tx);
            foreach (var rid in QueryMany<long>("SELECT p.resource_id FROM publications p JOIN resources r ON r.id = p.resource_id WHERE r.dataset_id = @id", new { id }, tx).ToList())
                WithdrawIn(tx, rid, at, "dataset deleted at the source");
        }
        tx.Commit();
        return missing;
    }

    public long UpsertResource(long datasetId, ResourceInfo r) => Scalar<long>(
        "INSERT INTO resources (dataset_id, remote_key, url, local_path, archive_entry, name, format, media_type, position, deleted_at) " +
        "VALUES (@datasetId, @RemoteKey, @Url, @LocalPath, @ArchiveEntry, @Name, @Format, @MediaType, @Position, NULL) " +
        "ON CONFLICT (dataset_id, remote_key) DO UPDATE SET url = excluded.url, local_path = excluded.local_path, archive_entry = excluded.archive_entry, " +
        "name = excluded.name, format = excluded.format, media_type = excluded.media_type, position = excluded.position, deleted_at = NULL RETURNING id",
        new { datasetId, r.RemoteKey, r.Url, r.LocalPath, r.ArchiveEntry, r.Name, r.Format, r.MediaType, r.Position });

    public void MarkMissingResourcesDeleted(long datasetId, IReadOnlySet<string> presentKeys, DateTimeOffset at)
    {
        static bool Kept(string key, IReadOnlySet<string> keys)
        {
            if (keys.Contains(key)) return true;
            var bang = key.LastIndexOf('!');
            return bang > 0 && keys.Contains(key[..bang]);
        }
        using var tx = Begin();
        var missing = Query("SELECT id, remote_key FROM resources WHERE dataset_id = @datasetId AND deleted_at IS NULL", new { datasetId },
            r => (Id: r.GetInt64(0), Key: r.GetString(1)), tx).Where(x => !Kept(x.Key, presentKeys)).Select(x => x.Id).ToList();
        if (missing.Count == 0) return;
        foreach (var id in missing)
        {
            Exec("UPDATE resources SET deleted_at = @at WHERE id = @id", new { id, at = T(at) }, tx);
            WithdrawIn(tx, id, at, "resource deleted at the source");
        }
        tx.Commit();
    }

    private const string DatasetColumns = "d.id, d.source_id, d.remote_key, d.name, d.title, d.description, d.license, d.license_id, d.license_url, d.tags_json, " +
        "d.categories_json, d.frequency, d.contact_name, d.contact_email, d.issued, d.modified, d.publisher_code, d.publisher_name, d.landing_page, d.extras_json, " +
        "d.first_seen_at, d.last_seen_at, d.deleted_at";

    private static Dataset ReadDataset(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Info = new DatasetInfo
        {
            SourceId = r.GetString(1),
            RemoteKey = r.GetString(2),
            Name = S(r, 3),
            Title = r.GetString(4),
            Description = S(r, 5),
            License = S(r, 6),
            LicenseId = S(r, 7),
            LicenseUrl = S(r, 8),
            Tags = JsonList(S(r, 9)),
            Categories = JsonList(S(r, 10)),
            Frequency = S(r, 11),
            ContactName = S(r, 12),
            ContactEmail = S(r, 13),
            Issued = S(r, 14),
            Modified = S(r, 15),
            PublisherCode = S(r, 16),
            PublisherName = S(r, 17),
            LandingPage = S(r, 18),
            ExtrasJson = S(r, 19),
        },
        FirstSeenAt = ParseT(r.GetString(20)),
        LastSeenAt = ParseT(r.GetString(21)),
        DeletedAt = ParseTN(r, 22),
    };

    public IReadOnlyList<DatasetSummary> ListDatasets(DatasetQuery q)
    {
        var where = new List<string> { "d.id > @AfterId" };
        if (!q.IncludeDeleted) where.Add("d.deleted_at IS NULL");
        if (q.SourceId is not null) where.Add("d.source_id = @SourceId");
        if (q.PublisherCode is not null) where.Add("d.publisher_code = @PublisherCode");
        if (q.SchemaId is not null)
            where.Add("EXISTS (SELECT 1 FROM publications p JOIN resources r ON r.id = p.resource_id WHERE r.dataset_id = d.id AND p.schema_id = @SchemaId)");
        var datasets = Query(
            $"SELECT {DatasetColumns}, p.name FROM datasets d LEFT JOIN publishers p ON p.code = d.publisher_code WHERE {string.Join(" AND ", where)} ORDER BY d.id LIMIT @Limit",
            new { q.AfterId, q.SourceId, q.PublisherCode, q.SchemaId, Limit = Math.Clamp(q.Limit, 1, 10_000) },
            r => (Dataset: ReadDataset(r), Publisher: S(r, 23)));
        if (datasets.Count == 0) return [];
        var ids = datasets.Select(d => d.Dataset.Id).ToList();
        var min = ids[0];
        var max = ids[^1];
        var pubs = Query("SELECT r.dataset_id, p.schema_id, p.rows FROM publications p JOIN resources r ON r.id = p.resource_id WHERE r.dataset_id BETWEEN @min AND @max",
            new { min, max }, r => (Dataset: r.GetInt64(0), Schema: r.GetString(1), Rows: r.GetInt64(2))).ToLookup(x => x.Dataset);
        var resources = Query("SELECT dataset_id, count(*) FROM resources WHERE dataset_id BETWEEN @min AND @max AND deleted_at IS NULL GROUP BY dataset_id",
            new { min, max }, r => (Dataset: r.GetInt64(0), Count: r.GetInt64(1))).ToDictionary(x => x.Dataset, x => (int)x.Count);
        return datasets.Select(d => new DatasetSummary(d.Dataset, d.Publisher,
            pubs[d.Dataset.Id].Select(p => p.Schema).Distinct().Order(StringComparer.Ordinal).ToList(),
            resources.GetValueOrDefault(d.Dataset.Id), pubs[d.Dataset.Id].Sum(p => p.Rows))).ToList();
    }

    private const string VersionColumns = "id, resource_id, sha256, fetched_at, etag, last_modified, size, media_type, declared_media_type, blob_key, final_url";

    private static ResourceVersion ReadVersion(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        ResourceId = r.GetInt64(1),
        Sha256 = r.GetString(2),
        FetchedAt = ParseT(r.GetString(3)),
        ETag = S(r, 4),
        LastModified = ParseTN(r, 5),
        Size = r.GetInt64(6),
        MediaType = S(r, 7),
        DeclaredMediaType = S(r, 8),
        BlobKey = r.GetString(9),
        FinalUrl = S(r, 10),
    };

    private const string ConversionColumns = "id, version_id, schema_id, confidence, report_json, rows_read, rows_written, errors, warnings, succeeded, error, converted_at";

    private static Conversion ReadConversion(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        VersionId = r.GetInt64(1),
        SchemaId = S(r, 2),
        Confidence = r.GetDouble(3),
        ReportJson = S(r, 4),
        RowsRead = r.GetInt64(5),
        RowsWritten = r.GetInt64(6),
        Errors = r.GetInt64(7),
        Warnings = r.GetInt64(8),
        Succeeded = r.GetInt64(9) != 0,
        Error = S(r, 10),
        ConvertedAt = ParseT(r.GetString(11)),
    };

    private static Publication ReadPublication(DbDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3), ParseT(r.GetString(4)), r.GetInt64(5));

    private static PublicationChange ReadChange(DbDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), LN(r, 2), LN(r, 3), ParseT(r.GetString(4)), r.GetString(5));

    public IReadOnlyDictionary<long, IReadOnlyList<Resource>> ResourcesOf(long minDatasetId, long maxDatasetId) =>
        Query($"SELECT {ResourceColumns} FROM resources WHERE dataset_id BETWEEN @minDatasetId AND @maxDatasetId ORDER BY dataset_id, position, id",
                new { minDatasetId, maxDatasetId }, ReadResource)
            .GroupBy(r => r.DatasetId).ToDictionary(g => g.Key, g => (IReadOnlyList<Resource>)[.. g]);

    private const string ResourceColumns = "id, dataset_id, remote_key, url, local_path, archive_entry, name, format, media_type, position, deleted_at";

    private static Resource ReadResource(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        DatasetId = r.GetInt64(1),
        Info = new ResourceInfo
        {
            RemoteKey = r.GetString(2),
            Url = S(r, 3),
            LocalPath = S(r, 4),
            ArchiveEntry = S(r, 5),
            Name = S(r, 6),
            Format = S(r, 7),
            MediaType = S(r, 8),
            Position = (int)r.GetInt64(9),
        },
        DeletedAt = ParseTN(r, 10),
    };

    public DatasetDetail? GetDataset(long id)
    {
        var dataset = Query($"SELECT {DatasetColumns} FROM datasets d WHERE d.id = @id", new { id }, ReadDataset).FirstOrDefault();
        if (dataset is null) return null;
        var publisher = dataset.Info.PublisherCode is { } code ? GetPublisher(code) : null;
        var resources = Query($"SELECT {ResourceColumns} FROM resources WHERE dataset_id = @id ORDER BY position, id", new { id }, ReadResource);
        var details = new List<ResourceDetail>();
        foreach (var res in resources)
        {
            var versions = Query($"SELECT {VersionColumns} FROM resource_versions WHERE resource_id = @rid ORDER BY id DESC", new { rid = res.Id }, ReadVersion);
            var conversion = Query($"SELECT {ConversionColumns.Replace("id, version_id", "c.id, c.version_id", StringComparison.Ordinal)} FROM conversions c " +
                "JOIN resource_versions v ON v.id = c.version_id WHERE v.resource_id = @rid ORDER BY c.id DESC LIMIT 1", new { rid = res.Id }, ReadConversion).FirstOrDefault();
            var history = Query("SELECT id, resource_id, old_version_id, new_version_id, at, reason FROM publication_log WHERE resource_id = @rid ORDER BY id",
                new { rid = res.Id }, ReadChange);
            details.Add(new ResourceDetail(res, versions, conversion, GetPublication(res.Id), history));
        }
        return new DatasetDetail(dataset, publisher, details);
    }

    public ResourceVersion? LatestVersion(long resourceId) =>
        Query($"SELECT {VersionColumns} FROM resource_versions WHERE resource_id = @resourceId ORDER BY id DESC LIMIT 1", new { resourceId }, ReadVersion).FirstOrDefault();

    public IReadOnlyDictionary<long, ResourceVersion> LatestVersions(IReadOnlyCollection<long> resourceIds)
    {
        var latest = new Dictionary<long, ResourceVersion>(resourceIds.Count);
        foreach (var ids in resourceIds.Chunk(500))
        {
            // Ids inlined (they are numbers): Dapper expands a list for SQLite but passes an array to Npgsql, where IN needs ANY.
            var list = string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
            foreach (var v in Query($"SELECT {VersionColumns} FROM resource_versions WHERE id IN (SELECT max(id) FROM resource_versions WHERE resource_id IN ({list}) GROUP BY resource_id)",
                null, ReadVersion))
                latest[v.ResourceId] = v;
        }
        return latest;
    }

    public Publication? GetPublication(long resourceId) => Query(
        "SELECT resource_id, version_id, conversion_id, schema_id, published_at, rows FROM publications WHERE resource_id = @resourceId",
        new { resourceId }, ReadPublication).FirstOrDefault();

    // ---- versions, conversions, publishing

    public long StoreVersion(ResourceVersion v, Conversion? c, IReadOnlyList<RecordRow> rows, string schemaId, PublishDecision publish)
    {
        using var tx = Begin();
        // Two processes storing versions of one resource at once (a worker whose lease was taken over, still finishing an
        // item) would each delete the records of the version they saw published and both insert theirs: duplicated rows.
        // Locking the resource row first serializes them (SQLite has one writer anyway).
        Exec($"SELECT id FROM resources WHERE id = @rid{ForUpdate}", new { rid = v.ResourceId }, tx);
        var versionId = Scalar<long>(
            "INSERT INTO resource_versions (resource_id, sha256, fetched_at, etag, last_modified, size, media_type, declared_media_type, blob_key, final_url) " +
            "VALUES (@ResourceId, @Sha256, @FetchedAt, @ETag, @LastModified, @Size, @MediaType, @DeclaredMediaType, @BlobKey, @FinalUrl) RETURNING id",
            new { v.ResourceId, v.Sha256, FetchedAt = T(v.FetchedAt), v.ETag, LastModified = T(v.LastModified), v.Size, v.MediaType, v.DeclaredMediaType, v.BlobKey, v.FinalUrl }, tx);
        long? conversionId = null;
        if (c is not null)
        {
            conversionId = Scalar<long>(
                "INSERT INTO conversions (version_id, schema_id, confidence, report_json, rows_read, rows_written, errors, warnings, succeeded, error, converted_at) " +
                "VALUES (@versionId, @SchemaId, @Confidence, @ReportJson, @RowsRead, @RowsWritten, @Errors, @Warnings, @Succeeded, @Error, @ConvertedAt) RETURNING id",
                new
                {
                    versionId,
                    c.SchemaId,
                    c.Confidence,
                    c.ReportJson,
                    c.RowsRead,
                    c.RowsWritten,
                    c.Errors,
                    c.Warnings,
                    Succeeded = c.Succeeded ? 1 : 0,
                    c.Error,
                    ConvertedAt = T(c.ConvertedAt),
                }, tx);
        }
        if (publish.Publish && conversionId is { } cid)
        {
            var old = Scalar<long?>("SELECT version_id FROM publications WHERE resource_id = @rid", new { rid = v.ResourceId }, tx);
            var scope = First<(long DatasetId, string? Publisher)>(
                "SELECT d.id, d.publisher_code FROM resources r JOIN datasets d ON d.id = r.dataset_id WHERE r.id = @rid", new { rid = v.ResourceId }, tx);
            if (old is { } o) Exec("DELETE FROM records WHERE version_id = @o", new { o }, tx);
            InsertRecords(tx, schemaId, scope.DatasetId, v.ResourceId, versionId, scope.Publisher, rows);
            Exec(
                "INSERT INTO publications (resource_id, version_id, conversion_id, schema_id, published_at, rows) VALUES (@rid, @versionId, @cid, @schemaId, @at, @n) " +
                "ON CONFLICT (resource_id) DO UPDATE SET version_id = excluded.version_id, conversion_id = excluded.conversion_id, schema_id = excluded.schema_id, " +
                "published_at = excluded.published_at, rows = excluded.rows",
                new { rid = v.ResourceId, versionId, cid, schemaId, at = T(publish.At), n = (long)rows.Count }, tx);
            Log(tx, v.ResourceId, old, versionId, publish.At, publish.Reason);
        }
        tx.Commit();
        return versionId;
    }

    /// <summary>Bulk insert of a version's records (the one part that differs by engine).</summary>
    protected abstract void InsertRecords(DbTransaction tx, string schemaId, long datasetId, long resourceId, long versionId, string? datasetPublisher, IReadOnlyList<RecordRow> rows);

    public void Withdraw(long resourceId, DateTimeOffset at, string reason)
    {
        using var tx = Begin();
        WithdrawIn(tx, resourceId, at, reason);
        tx.Commit();
    }

    private void WithdrawIn(DbTransaction tx, long resourceId, DateTimeOffset at, string reason)
    {
        var old = Scalar<long?>("SELECT version_id FROM publications WHERE resource_id = @resourceId", new { resourceId }, tx);
        if (old is null) return;
        Exec("DELETE FROM records WHERE version_id = @old", new { old }, tx);
        Exec("DELETE FROM publications WHERE resource_id = @resourceId", new { resourceId }, tx);
        Log(tx, resourceId, old, null, at, reason);
    }

    private void Log(DbTransaction tx, long resourceId, long? oldVersion, long? newVersion, DateTimeOffset at, string reason) => Exec(
        "INSERT INTO publication_log (resource_id, old_version_id, new_version_id, at, reason) VALUES (@resourceId, @oldVersion, @newVersion, @at, @reason)",
        new { resourceId, oldVersion, newVersion, at = T(at), reason }, tx);

    // ---- unified records

    private const string RecordColumns = "id, schema_id, publisher_code, dataset_id, resource_id, version_id, source_row, lat, lng, values_json";

    private static UnifiedRecord ReadRecord(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        SchemaId = r.GetString(1),
        PublisherCode = S(r, 2),
        DatasetId = r.GetInt64(3),
        ResourceId = r.GetInt64(4),
        VersionId = r.GetInt64(5),
        SourceRow = (int)r.GetInt64(6),
        Lat = DN(r, 7),
        Lng = DN(r, 8),
        ValuesJson = r.GetString(9),
    };

    public IReadOnlyList<UnifiedRecord> Records(RecordQuery q)
    {
        var (where, p) = RecordWhere(q, keyset: true);
        p.Add("Limit", Math.Clamp(q.Limit, 1, 100_000));
        p.Add("Offset", Math.Max(0, q.Offset));
        return Query($"SELECT {RecordColumns} FROM records WHERE {where} ORDER BY id LIMIT @Limit OFFSET @Offset", p, ReadRecord);
    }

    public long CountRecords(RecordQuery q)
    {
        var (where, p) = RecordWhere(q, keyset: false);
        return Connection.ExecuteScalar<long>($"SELECT count(*) FROM records WHERE {where}", p, _ambient);
    }

    private (string Where, DynamicParameters Parameters) RecordWhere(RecordQuery q, bool keyset)
    {
        var p = new DynamicParameters();
        var sql = "schema_id = @SchemaId";
        p.Add("SchemaId", q.SchemaId);
        if (keyset)
        {
            sql += " AND id > @AfterId";
            p.Add("AfterId", q.AfterId);
        }
        if (q.PublisherCode is not null)
        {
            sql += " AND publisher_code = @PublisherCode";
            p.Add("PublisherCode", q.PublisherCode);
        }
        if (q.VersionId is { } v)
        {
            sql += " AND version_id = @VersionId";
            p.Add("VersionId", v);
        }
        if (q.BoundingBox is { } b)
        {
            sql += " AND lat BETWEEN @MinLat AND @MaxLat AND lng BETWEEN @MinLng AND @MaxLng";
            p.Add("MinLat", b.MinLat);
            p.Add("MaxLat", b.MaxLat);
            p.Add("MinLng", b.MinLng);
            p.Add("MaxLng", b.MaxLng);
        }
        var n = 0;
        foreach (var (field, value) in q.FieldEquals ?? new Dictionary<string, string>())
        {
            var (expr, key) = JsonText(field, "@f" + n);
            sql += $" AND {expr} = @v{n}";
            p.Add("f" + n, key);
            p.Add("v" + n, value);
            n++;
        }
        return (sql, p);
    }

    /// <summary>
    /// SQL for the text of one field of values_json (null when absent), with <paramref name="parameter"/> bound to the
    /// returned key (the engines name a JSON member differently).
    /// </summary>
    protected abstract (string Sql, string Key) JsonText(string field, string parameter);

    public IEnumerable<UnifiedRecord> StreamRecords(string schemaId, string? publisherCode = null)
    {
        var sql = $"SELECT {RecordColumns} FROM records WHERE schema_id = @schemaId" + (publisherCode is null ? "" : " AND publisher_code = @publisherCode") + " ORDER BY id";
        using var reader = (DbDataReader)Connection.ExecuteReader(sql, new { schemaId, publisherCode }, _ambient);
        while (reader.Read()) yield return ReadRecord(reader);
    }

    /// <summary>The columns and order of <see cref="ReadRecordBytes"/>; <c>@p</c> only when a publisher is given.</summary>
    protected static string RecordBytesSql(string schema, string? publisher) =>
        "SELECT id, publisher_code, dataset_id, resource_id, version_id, source_row, values_json FROM records WHERE schema_id = " + schema +
        (publisher is null ? "" : " AND publisher_code = " + publisher) + " ORDER BY id";

    /// <summary>The national downloads' read: values_json as the engine's UTF-8 bytes, no string per record.</summary>
    public abstract void ReadRecordBytes(string schemaId, string? publisherCode, RawRecordHandler handler);

    public IReadOnlyList<PublisherCount> CountsByPublisher(string schemaId) => Query(
        "SELECT r.publisher_code, p.name, count(*) FROM records r LEFT JOIN publishers p ON p.code = r.publisher_code WHERE r.schema_id = @schemaId " +
        "GROUP BY r.publisher_code, p.name ORDER BY r.publisher_code",
        new { schemaId }, r => new PublisherCount(S(r, 0), S(r, 1), r.GetInt64(2)));

    public IReadOnlyDictionary<string, long> CountsBySchema() =>
        Query("SELECT schema_id, count(*) FROM records GROUP BY schema_id ORDER BY schema_id", null, r => (r.GetString(0), r.GetInt64(1)))
            .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);

    private const string ProvenanceSelect = "SELECT r.id, d.id, d.source_id, d.title, coalesce(p.name, d.publisher_name), coalesce(r.url, r.local_path), d.landing_page " +
        "FROM resources r JOIN datasets d ON d.id = r.dataset_id LEFT JOIN publishers p ON p.code = d.publisher_code";

    private static (long, RecordProvenance) ReadProvenance(DbDataReader r) =>
        (r.GetInt64(0), new RecordProvenance(r.GetInt64(1), r.GetString(2), r.GetString(3), S(r, 4), S(r, 5), S(r, 6)));

    public RecordProvenance? Provenance(long resourceId) =>
        Query(ProvenanceSelect + " WHERE r.id = @resourceId", new { resourceId }, ReadProvenance).Select(x => x.Item2).FirstOrDefault();

    public IReadOnlyDictionary<long, RecordProvenance> Provenances(string schemaId) =>
        Query(ProvenanceSelect + " JOIN publications x ON x.resource_id = r.id WHERE x.schema_id = @schemaId", new { schemaId }, ReadProvenance)
            .ToDictionary(x => x.Item1, x => x.Item2);

    // ---- jobs

    private const string JobColumns = "id, source_id, state, started_at, finished_at, counts_json, message, lease_owner, lease_until";

    private static HarvestJob ReadJob(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        SourceId = r.GetString(1),
        State = Enum.Parse<HarvestJobState>(r.GetString(2)),
        StartedAt = ParseT(r.GetString(3)),
        FinishedAt = ParseTN(r, 4),
        Counts = S(r, 5) is { } c ? JsonSerializer.Deserialize<HarvestCounts>(c) ?? new() : new(),
        Message = S(r, 6),
        LeaseOwner = S(r, 7),
        LeaseUntil = ParseTN(r, 8),
    };

    /// <summary>" FOR UPDATE SKIP LOCKED" on PostgreSQL; SQLite has one writer at a time, so a plain read in the transaction is enough.</summary>
    protected abstract string SkipLocked { get; }

    /// <summary>" FOR UPDATE" on PostgreSQL (a row lock held to the end of the transaction); nothing on SQLite.</summary>
    protected abstract string ForUpdate { get; }

    /// <summary>True when the exception is a unique-constraint violation.</summary>
    protected abstract bool IsUniqueViolation(DbException e);

    public IReadOnlyList<HarvestJob> ListJobs(int limit = 50, string? sourceId = null) => Query(
        $"SELECT {JobColumns} FROM harvest_jobs" + (sourceId is null ? "" : " WHERE source_id = @sourceId") + " ORDER BY id DESC LIMIT @limit",
        new { sourceId, limit = Math.Clamp(limit, 1, 10_000) }, ReadJob);

    public HarvestJob? GetJob(long id) => Query($"SELECT {JobColumns} FROM harvest_jobs WHERE id = @id", new { id }, ReadJob).FirstOrDefault();

    public IReadOnlyList<HarvestItem> JobItems(long jobId) => Query(
        "SELECT job_id, resource_id, url, outcome, reason, version_id, schema_id, rows, updated_at FROM harvest_items WHERE job_id = @jobId ORDER BY resource_id",
        new { jobId }, r => new HarvestItem
        {
            JobId = r.GetInt64(0),
            ResourceId = r.GetInt64(1),
            Url = S(r, 2),
            Outcome = Enum.Parse<HarvestItemOutcome>(r.GetString(3)),
            Reason = S(r, 4),
            VersionId = LN(r, 5),
            SchemaId = S(r, 6),
            Rows = r.GetInt64(7),
            UpdatedAt = ParseT(r.GetString(8)),
        });

    public JobClaim? ClaimJob(string sourceId, string owner, DateTimeOffset now, TimeSpan lease, Func<string, bool>? ownerGone = null)
    {
        using var tx = Begin();
        var open = Query($"SELECT id, lease_owner, lease_until, state FROM harvest_jobs WHERE source_id = @sourceId AND finished_at IS NULL{SkipLocked}",
            new { sourceId }, r => (Id: r.GetInt64(0), Owner: S(r, 1), Until: S(r, 2), State: r.GetString(3)), tx).FirstOrDefault();
        var p = new { sourceId, owner, now = T(now), until = T(now + lease), running = nameof(HarvestJobState.Running) };
        if (open.Id != 0)
        {
            if (open.Owner is not null && open.Owner != owner && open.Until is not null && string.CompareOrdinal(open.Until, p.now) > 0 && ownerGone?.Invoke(open.Owner) != true) return null;
            Exec("UPDATE harvest_jobs SET state = @running, lease_owner = @owner, lease_until = @until, heartbeat_at = @now WHERE id = @id",
                new { p.owner, p.until, p.now, p.running, id = open.Id }, tx);
            tx.Commit();
            return new JobClaim(open.Id, sourceId, open.State != nameof(HarvestJobState.Queued));
        }
        try
        {
            var id = Scalar<long>(
                "INSERT INTO harvest_jobs (source_id, state, started_at, heartbeat_at, lease_owner, lease_until) VALUES (@sourceId, @running, @now, @now, @owner, @until) RETURNING id", p, tx);
            tx.Commit();
            return new JobClaim(id, sourceId, false);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            return null; // another process started one in between
        }
    }

    public JobClaim? ClaimNextJob(string owner, DateTimeOffset now, TimeSpan lease)
    {
        using var tx = Begin();
        var job = Query($"SELECT id, source_id, state FROM harvest_jobs WHERE finished_at IS NULL AND (lease_until IS NULL OR lease_until < @now) ORDER BY id LIMIT 1{SkipLocked}",
            new { now = T(now) }, r => (Id: r.GetInt64(0), Source: r.GetString(1), State: r.GetString(2)), tx).FirstOrDefault();
        if (job.Id == 0) return null;
        Exec("UPDATE harvest_jobs SET state = @running, lease_owner = @owner, lease_until = @until, heartbeat_at = @now WHERE id = @id",
            new { owner, until = T(now + lease), now = T(now), running = nameof(HarvestJobState.Running), id = job.Id }, tx);
        tx.Commit();
        return new JobClaim(job.Id, job.Source, job.State != nameof(HarvestJobState.Queued));
    }

    public int EnqueueDueJobs(DateTimeOffset now)
    {
        var queued = 0;
        foreach (var s in ListSources())
        {
            var interval = s.Schedule switch
            {
                "hourly" => TimeSpan.FromHours(1),
                "daily" => TimeSpan.FromDays(1),
                "weekly" => TimeSpan.FromDays(7),
                "monthly" => TimeSpan.FromDays(30),
                _ => (TimeSpan?)null,
            };
            if (interval is null || (s.LastHarvestAt is { } last && last + interval > now)) continue;
            // The partial unique index keeps one unfinished job per source, whoever queues it. The last harvest is checked
            // again in the statement: a job another worker finished after ListSources read the source must not queue a second run.
            queued += Exec(
                "INSERT INTO harvest_jobs (source_id, state, started_at) SELECT @id, @queued, @now WHERE NOT EXISTS " +
                "(SELECT 1 FROM harvest_jobs WHERE source_id = @id AND finished_at IS NULL) " +
                "AND coalesce((SELECT last_harvest_at FROM sources WHERE id = @id), '') = @last ON CONFLICT DO NOTHING",
                new { id = s.Id, queued = nameof(HarvestJobState.Queued), now = T(now), last = T(s.LastHarvestAt) ?? "" });
        }
        return queued;
    }

    public bool RenewLease(long jobId, string owner, DateTimeOffset now, TimeSpan lease) => Exec(
        "UPDATE harvest_jobs SET lease_until = @until, heartbeat_at = @now WHERE id = @jobId AND lease_owner = @owner AND finished_at IS NULL",
        new { jobId, owner, until = T(now + lease), now = T(now) }) == 1;

    public void ReleaseJob(long jobId, string owner, string message, DateTimeOffset at) => Exec(
        "UPDATE harvest_jobs SET state = @state, lease_owner = NULL, lease_until = NULL, heartbeat_at = @at, message = @message WHERE id = @jobId AND lease_owner = @owner",
        new { jobId, owner, state = nameof(HarvestJobState.Interrupted), message, at = T(at) });

    public bool SaveJobItem(HarvestItem i, string? owner = null) => Exec(
        "INSERT INTO harvest_items (job_id, resource_id, url, outcome, reason, version_id, schema_id, rows, attempts, updated_at) " +
        (owner is null
            ? "VALUES (@JobId, @ResourceId, @Url, @Outcome, @Reason, @VersionId, @SchemaId, @Rows, 1, @At) "
            // Only while the job is this owner's: a worker whose lease expired and was taken over writes nothing over the new owner's outcomes.
            : "SELECT @JobId, @ResourceId, @Url, @Outcome, @Reason, @VersionId, @SchemaId, @Rows, 1, @At WHERE EXISTS " +
              "(SELECT 1 FROM harvest_jobs WHERE id = @JobId AND lease_owner = @owner AND finished_at IS NULL) ") +
        "ON CONFLICT (job_id, resource_id) DO UPDATE SET url = excluded.url, outcome = excluded.outcome, reason = excluded.reason, version_id = excluded.version_id, " +
        "schema_id = excluded.schema_id, rows = excluded.rows, attempts = harvest_items.attempts + 1, updated_at = excluded.updated_at",
        new { i.JobId, i.ResourceId, i.Url, Outcome = i.Outcome.ToString(), i.Reason, i.VersionId, i.SchemaId, i.Rows, At = T(i.UpdatedAt), owner }) == 1;

    public bool FinishJob(long jobId, HarvestJobState state, HarvestCounts counts, string? message, DateTimeOffset at, string? owner = null)
    {
        using var tx = Begin();
        var finished = Exec("UPDATE harvest_jobs SET state = @state, finished_at = @at, heartbeat_at = @at, lease_until = NULL, counts_json = @counts, message = @message WHERE id = @jobId" +
            (owner is null ? "" : " AND lease_owner = @owner AND finished_at IS NULL"),
            new { jobId, state = state.ToString(), at = T(at), counts = JsonSerializer.Serialize(counts), message, owner }, tx);
        if (finished == 0) return false;
        Exec("UPDATE sources SET last_harvest_at = @at, last_job_id = @jobId WHERE id = (SELECT source_id FROM harvest_jobs WHERE id = @jobId)",
            new { jobId, at = T(at) }, tx);
        tx.Commit();
        return true;
    }
}
