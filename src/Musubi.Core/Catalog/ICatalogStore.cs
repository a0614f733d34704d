namespace Musubi.Catalog;

/// <summary>
/// Opens the catalog store the process uses (SQLite in the data folder, or PostgreSQL), implemented in Musubi.Storage.
/// One store object is one connection: open it, use it on one thread at a time, dispose it.
/// </summary>
public interface ICatalogStores
{
    /// <summary>Where the store is, for messages.</summary>
    string Description { get; }

    /// <summary>Opens the store for reading; never creates or changes a table. Null when there is no store yet (SQLite).</summary>
    ICatalogReader? OpenForRead();

    /// <summary>Opens the store for writing (created and migrated when needed).</summary>
    ICatalogStore OpenForWrite();

    /// <summary>Where fetched bytes are kept, by SHA-256.</summary>
    IBlobStore Blobs { get; }

    /// <summary>Connections that may usefully write at once: 1 for SQLite (one writer per file), a few for PostgreSQL.</summary>
    int Writers => 1;
}

/// <summary>What the portal, the export and the CLI read. Only published records are ever returned by the record methods.</summary>
public interface ICatalogReader : IDisposable
{
    string Description { get; }

    IReadOnlyList<PublisherSummary> ListPublishers();

    Publisher? GetPublisher(string code);

    IReadOnlyList<CatalogSource> ListSources();

    CatalogSource? GetSource(string id);

    /// <summary>Datasets in id order after <see cref="DatasetQuery.AfterId"/>.</summary>
    IReadOnlyList<DatasetSummary> ListDatasets(DatasetQuery query);

    DatasetDetail? GetDataset(long id);

    /// <summary>
    /// The resources (deleted ones too) of the datasets with ids in [<paramref name="minDatasetId"/>, <paramref name="maxDatasetId"/>],
    /// by dataset id, in position order: one read for a page of <see cref="ListDatasets"/> instead of a
    /// <see cref="GetDataset"/> per dataset (the search index build).
    /// </summary>
    IReadOnlyDictionary<long, IReadOnlyList<Resource>> ResourcesOf(long minDatasetId, long maxDatasetId)
    {
        var result = new Dictionary<long, IReadOnlyList<Resource>>();
        foreach (var d in ListDatasets(new DatasetQuery { AfterId = minDatasetId - 1, Limit = (int)Math.Min(10_000, maxDatasetId - minDatasetId + 1) }))
            if (d.Dataset.Id <= maxDatasetId && GetDataset(d.Dataset.Id) is { } detail) result[d.Dataset.Id] = [.. detail.Resources.Select(r => r.Resource)];
        return result;
    }

    /// <summary>Published records of one schema in id order (keyset cursor), filtered by publisher and bounding box.</summary>
    IReadOnlyList<UnifiedRecord> Records(RecordQuery query);

    /// <summary>How many records <see cref="Records"/> would give with no limit (AfterId, Limit and Offset ignored).</summary>
    long CountRecords(RecordQuery query);

    /// <summary>Every published record of one schema in id order, streamed (for exports; nothing is held in memory).</summary>
    IEnumerable<UnifiedRecord> StreamRecords(string schemaId, string? publisherCode = null);

    /// <summary>
    /// The records of <see cref="StreamRecords"/> without strings: each record's values_json reaches
    /// <paramref name="handler"/> as the store's UTF-8 bytes, valid only during the call (the national downloads).
    /// The handler runs on the caller's thread; an exception it throws ends the read.
    /// </summary>
    void ReadRecordBytes(string schemaId, string? publisherCode, RawRecordHandler handler)
    {
        // A store without a byte path of its own: the strings, encoded.
        byte[] buffer = [];
        foreach (var r in StreamRecords(schemaId, publisherCode))
        {
            var n = System.Text.Encoding.UTF8.GetMaxByteCount(r.ValuesJson.Length);
            if (buffer.Length < n) buffer = new byte[Math.Max(n, buffer.Length * 2)];
            n = System.Text.Encoding.UTF8.GetBytes(r.ValuesJson, buffer);
            handler(new RawRecord(r.Id, r.DatasetId, r.ResourceId, r.VersionId, r.SourceRow, System.Text.Encoding.UTF8.GetBytes(r.PublisherCode ?? ""), buffer.AsSpan(0, n)));
        }
    }

    /// <summary>Published records of one schema per publisher.</summary>
    IReadOnlyList<PublisherCount> CountsByPublisher(string schemaId);

    /// <summary>Published records per schema (schema id → count).</summary>
    IReadOnlyDictionary<string, long> CountsBySchema();

    /// <summary>The dataset and source a resource belongs to (export columns); null when unknown.</summary>
    RecordProvenance? Provenance(long resourceId);

    /// <summary>The provenance of every resource publishing in one schema, by resource id (read before streaming an export).</summary>
    IReadOnlyDictionary<long, RecordProvenance> Provenances(string schemaId);

    IReadOnlyList<HarvestJob> ListJobs(int limit = 50, string? sourceId = null);

    HarvestJob? GetJob(long id);

    IReadOnlyList<HarvestItem> JobItems(long jobId);
}

/// <summary>The catalog's writes, used by the harvester and the source operations.</summary>
public interface ICatalogStore : ICatalogReader
{
    void UpsertPublisher(Publisher publisher);

    /// <summary>Adds a source; false when a source with that id exists.</summary>
    bool AddSource(CatalogSource source);

    /// <summary>Removes a source: its datasets are withdrawn from the national tables (history kept). False when unknown.</summary>
    bool RemoveSource(string id, DateTimeOffset at);

    /// <summary>Creates or updates a dataset by (source, remote key); a dataset deleted earlier and listed again comes back. Returns its id.</summary>
    long UpsertDataset(DatasetInfo dataset, DateTimeOffset seenAt);

    /// <summary>Marks the source's datasets not in <paramref name="present"/> deleted and withdraws what they published. Returns the ids deleted now.</summary>
    IReadOnlyList<long> MarkMissingDatasetsDeleted(string sourceId, IReadOnlyCollection<long> present, DateTimeOffset at);

    /// <summary>Creates or updates a resource by (dataset, remote key). Returns its id.</summary>
    long UpsertResource(long datasetId, ResourceInfo resource);

    /// <summary>
    /// Marks the dataset's resources whose remote key is not in <paramref name="presentKeys"/> deleted and withdraws them; the
    /// tables taken out of a listed archive (key "ARCHIVE!entry") stay while the archive is listed.
    /// </summary>
    void MarkMissingResourcesDeleted(long datasetId, IReadOnlySet<string> presentKeys, DateTimeOffset at);

    /// <summary>The newest version fetched of a resource (null when never fetched).</summary>
    ResourceVersion? LatestVersion(long resourceId);

    /// <summary>The newest version of each of the resources that has one (one query per few hundred ids, not one per resource).</summary>
    IReadOnlyDictionary<long, ResourceVersion> LatestVersions(IReadOnlyCollection<long> resourceIds);

    /// <summary>
    /// Runs <paramref name="work"/> (calls of this store) in one transaction: all its writes commit together or not at all,
    /// and many small writes cost one commit. Nested calls join the open one. Not for <see cref="ClaimJob"/> (it recovers from
    /// a failed statement, which aborts a PostgreSQL transaction).
    /// </summary>
    T InTransaction<T>(Func<T> work);

    Publication? GetPublication(long resourceId);

    /// <summary>
    /// In one transaction: stores a new version, its conversion (when converted) and its records, and, when
    /// <paramref name="publish"/> is set, makes it the published version (logging which version it replaces and why).
    /// Records of a version that is not published are not kept (the version, report and bytes are). Returns the version id.
    /// </summary>
    long StoreVersion(ResourceVersion version, Conversion? conversion, IReadOnlyList<RecordRow> rows, string schemaId, PublishDecision publish);

    /// <summary>Withdraws what a resource publishes (logging why).</summary>
    void Withdraw(long resourceId, DateTimeOffset at, string reason);

    /// <summary>
    /// Takes the source's unfinished job for <paramref name="owner"/> (resumed: its finished items are not done again) or starts
    /// a new one, with a lease until <paramref name="now"/> + <paramref name="lease"/>. Null when another owner's lease on the
    /// source's job has not expired (a harvest of it is running elsewhere).
    /// </summary>
    /// <param name="ownerGone">Says whether a lease's owner is known to be dead (a process of this machine that no longer runs): its lease counts as expired.</param>
    JobClaim? ClaimJob(string sourceId, string owner, DateTimeOffset now, TimeSpan lease, Func<string, bool>? ownerGone = null);

    /// <summary>
    /// Takes the oldest unfinished job nobody holds (queued, or whose owner's lease expired: a dead worker's), as
    /// <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL so several workers never take the same one. Null when there is none.
    /// </summary>
    JobClaim? ClaimNextJob(string owner, DateTimeOffset now, TimeSpan lease);

    /// <summary>Queues a job for every source whose schedule is due (none when it has an unfinished job). Returns how many.</summary>
    int EnqueueDueJobs(DateTimeOffset now);

    /// <summary>Extends the lease; false when the job is no longer this owner's (it was taken over).</summary>
    bool RenewLease(long jobId, string owner, DateTimeOffset now, TimeSpan lease);

    /// <summary>Gives an unfinished job back (clean shutdown): Interrupted, no lease, so the next harvest or worker resumes it at once.</summary>
    void ReleaseJob(long jobId, string owner, string message, DateTimeOffset at);

    /// <summary>
    /// Saves an item's outcome. With <paramref name="owner"/>, only while the job is that owner's and unfinished (false
    /// otherwise, nothing written): a worker whose lease expired and was taken over must not write over the new owner's outcomes.
    /// </summary>
    bool SaveJobItem(HarvestItem item, string? owner = null);

    /// <summary>Finishes a job. With <paramref name="owner"/>, only while the job is that owner's and unfinished (false otherwise, nothing written).</summary>
    bool FinishJob(long jobId, HarvestJobState state, HarvestCounts counts, string? message, DateTimeOffset at, string? owner = null);
}

/// <summary>Whether a stored version becomes the published one, and the reason logged.</summary>
public sealed record PublishDecision(bool Publish, string Reason, DateTimeOffset At)
{
    public static PublishDecision Keep(string reason, DateTimeOffset at) => new(false, reason, at);
}

/// <summary>Content-addressed storage of fetched bytes (key sha256:HEX).</summary>
public interface IBlobStore
{
    /// <summary>Stores the file's bytes under their SHA-256 (moved or copied; an existing blob is kept). Returns the key.</summary>
    string Put(string filePath, string sha256);

    bool Exists(string key);

    /// <summary>A local path holding the blob's bytes (to convert from); null when missing.</summary>
    string? PathOf(string key);
}
