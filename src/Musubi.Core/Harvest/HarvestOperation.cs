using Musubi.Catalog;
using Musubi.Convert;
using Musubi.Harvest.Gather;
using Musubi.Operations;
using Musubi.Registry;
using Musubi.Source;

namespace Musubi.Harvest;

/// <summary>Harvests sources: the catalog's (by id, or all), or definitions given in code (registered first when new).</summary>
public sealed record HarvestRequest
{
    public IReadOnlyList<string> SourceIds { get; init; } = [];

    /// <summary>Every source in the catalog.</summary>
    public bool All { get; init; }

    /// <summary>Sources given in code (e.g. the demo's): added to the catalog when missing, then harvested.</summary>
    public IReadOnlyList<SourceDefinition> Definitions { get; init; } = [];

    /// <summary>Resources of one source processed at once (fetch and convert); per-host politeness still applies.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>
    /// Sources harvested at once (<see cref="DefaultSources"/>). Sources whose listing is on one host run one after another,
    /// so the per-host politeness is not shared out among them (their items would wait in its queue and time out).
    /// </summary>
    public int Sources { get; init; } = DefaultSources;

    /// <summary>
    /// Politeness makes a source slow and cheap (21 requests to one host at 4 a second take 5 s and little CPU), so a
    /// national harvest needs many at once (2,000 sources 512 at a time: ≥ 4 × 5.25 s); whatever this is, conversions
    /// are limited to the processor count, and converted tables waiting for the store to twice that.
    /// </summary>
    public const int DefaultSources = 512;

    public IProgress<HarvestProgress>? Progress { get; init; }

    /// <summary>Who runs the jobs (host:pid:random by default); the lease on a job names it.</summary>
    public string Owner { get; init; } = DefaultOwner;

    /// <summary>How long a job stays this owner's without a renewal (renewed at a third of it); a dead owner's job is taken over after it.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The longest one job may run (<see cref="DefaultJobDeadline"/>): a source that hangs or trickles cannot hold a job for days.
    /// At the deadline the items not done are saved as failed with the reason, and the job ends (a gather not finished fails the job).
    /// </summary>
    public TimeSpan JobDeadline { get; init; } = DefaultJobDeadline;

    /// <summary>Six hours: a source of 10,000 resources at 4 requests a second takes under one; a job still running after six is stuck.</summary>
    public static readonly TimeSpan DefaultJobDeadline = TimeSpan.FromHours(6);

    public static readonly string DefaultOwner = JobOwners.New();
}

/// <summary>A live view of a running job (for a progress display).</summary>
public sealed record HarvestProgress(string SourceId, string Stage, HarvestCounts Counts);

public sealed record HarvestResult(IReadOnlyList<HarvestJob> Jobs)
{
    /// <summary>True when a job failed or an item failed.</summary>
    public bool HasFailures => Jobs.Any(j => j.State == HarvestJobState.Failed || j.Counts.Failed > 0);
}

/// <summary>
/// gather → fetch → convert → publish for each source, one job per source with its items in the store. The converter is
/// <see cref="ConvertOperation"/> as it is, writing into a <see cref="RecordBuffer"/>; the store takes a version, its
/// conversion, its records and the publishing decision in one transaction, so a crash leaves either all or nothing of it.
/// </summary>
public sealed class HarvestOperation(ICatalogStores stores, ConvertOperation convert, SafeFetcher fetcher, LocalGovernmentRegistry governments, TimeProvider time)
    : IOperation<HarvestRequest, HarvestResult>
{
    /// <summary>A published version is not replaced by one with fewer than this share of its rows (a truncated file), unless the source deleted it.</summary>
    public const double ShrinkLimit = 0.5;

    /// <summary>Versions with fewer published rows than this may shrink freely (small tables change a lot).</summary>
    public const int ShrinkMinimumRows = 10;

    private ICatalogStores Stores => stores;

    private ConvertOperation Converter => convert;

    private SafeFetcher Fetcher => fetcher;

    private LocalGovernmentRegistry Governments => governments;

    private TimeProvider Time => time;

    public async Task<Result<HarvestResult>> RunAsync(HarvestRequest request, Caller caller, CancellationToken cancellationToken = default)
    {
        if (Operation.RequireWrite(caller) is { } denied) return denied;
        return await Operation.RunAsync(() => HarvestAsync(request, cancellationToken)).ConfigureAwait(false);
    }

    private async Task<HarvestResult> HarvestAsync(HarvestRequest request, CancellationToken ct)
    {
        List<CatalogSource> sources;
        using (var store = stores.OpenForWrite())
        {
            foreach (var d in request.Definitions)
            {
                if (store.GetSource(d.Id) is null) store.AddSource(Sources.FromDefinition(d, time.GetUtcNow()));
                if (d.PublisherCode is { } code && governments.ByCode(code) is { } g) store.UpsertPublisher(new Publisher(g.Code, g.FullName) { Prefecture = g.Prefecture });
            }
            var ids = request.SourceIds.Concat(request.Definitions.Select(d => d.Id)).Distinct(StringComparer.Ordinal).ToList();
            if (request.All) sources = [.. store.ListSources()];
            else
            {
                if (ids.Count == 0) throw new OperationException(OperationError.InvalidInput("name a source to harvest, or all of them", "SourceIds"));
                sources = [];
                foreach (var id in ids)
                    sources.Add(store.GetSource(id) ?? throw new OperationException(OperationError.NotFound($"no source '{id}'", id) with { Field = "SourceIds" }));
            }
        }
        var concurrency = Math.Max(1, request.Sources);
        var jobs = new HarvestJob?[sources.Count];
        using var shared = new SharedStore(stores, concurrency);
        // One lane per listing host: lanes run at once, the sources of a lane one after another.
        var lanes = sources.Select((s, i) => (Source: s, Index: i)).GroupBy(x => Lane(x.Source), StringComparer.OrdinalIgnoreCase).Select(g => g.ToList()).ToList();
        await Parallel.ForEachAsync(lanes, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (lane, token) =>
        {
            foreach (var (s, i) in lane)
            {
                token.ThrowIfCancellationRequested();
                var claim = await shared.RunAsync(store => store.ClaimJob(s.Id, request.Owner, time.GetUtcNow(), request.Lease, JobOwners.IsGone), token).ConfigureAwait(false)
                    ?? throw new OperationException(OperationError.Conflict($"source {s.Id} is being harvested by another process", s.Id));
                jobs[i] = await new SourceHarvest(this, s, claim, request, shared, token).RunAsync().ConfigureAwait(false)
                    ?? await shared.RunAsync(store => store.GetJob(claim.JobId)!, CancellationToken.None).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        return new HarvestResult([.. jobs.Select(j => j!)]);
    }

    /// <summary>The host a source's listing is on (host name and port, as the politeness is), or the source itself when it has none (a folder).</summary>
    private static string Lane(CatalogSource s) =>
        Uri.TryCreate(s.Location, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) ? u.Authority : "\0" + s.Id;

    /// <summary>Conversions run at once in this process: they are CPU work, and a thread held by one delays every job's I/O.</summary>
    private readonly SemaphoreSlim _converters = new(Environment.ProcessorCount, Environment.ProcessorCount);

    /// <summary>
    /// Conversions started and not yet in the store: a converted table (its records and its report, often ~100 KB of JSON)
    /// waits here for the store, so without a bound hundreds of them pile up behind the one SQLite connection.
    /// </summary>
    private readonly SemaphoreSlim _unstored = new(UnstoredConversions, UnstoredConversions);

    private static readonly int UnstoredConversions = 2 * Environment.ProcessorCount;

    /// <summary>
    /// Runs a job a worker claimed (<see cref="ICatalogStore.ClaimNextJob"/>). Null when the lease was lost to another
    /// worker meanwhile. Throws <see cref="OperationCanceledException"/> after giving the job back when cancelled.
    /// </summary>
    public async Task<HarvestJob?> RunClaimedAsync(JobClaim claim, HarvestRequest options, CancellationToken ct)
    {
        using var shared = new SharedStore(stores, 1);
        return await RunClaimedAsync(claim, options, shared, ct).ConfigureAwait(false);
    }

    internal async Task<HarvestJob?> RunClaimedAsync(JobClaim claim, HarvestRequest options, SharedStore shared, CancellationToken ct)
    {
        var source = await shared.RunAsync(store => store.GetSource(claim.SourceId), ct).ConfigureAwait(false);
        if (source is null)
        {
            return await shared.RunAsync(store =>
            {
                return store.FinishJob(claim.JobId, HarvestJobState.Failed, new HarvestCounts(), "the source was removed", time.GetUtcNow(), options.Owner)
                    ? store.GetJob(claim.JobId)
                    : null;
            }, CancellationToken.None).ConfigureAwait(false);
        }
        return await new SourceHarvest(this, source, claim, options, shared, ct).RunAsync().ConfigureAwait(false);
    }

    /// <summary>One job: one source's gather and items, over the connections the harvest's jobs share.</summary>
    private sealed class SourceHarvest(HarvestOperation op, CatalogSource source, JobClaim claim, HarvestRequest request, SharedStore shared, CancellationToken ct)
    {
        private readonly Counter _counts = new();
        private IReadOnlyDictionary<long, ResourceVersion> _latest = new Dictionary<long, ResourceVersion>();
        private long _jobId;
        private string _temp = null!;
        private HashSet<long> _done = [];
        private CancellationToken _token;
        private CancellationTokenSource _cancel = null!;
        private volatile bool _leaseLost;

        // The job's items once gathered, and those whose outcome this run saved (or queued): at the deadline the rest are failed.
        private List<Item>? _items;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<long, byte> _saved = new();

        private DateTimeOffset Now => op.Time.GetUtcNow();

        /// <summary>The finished job; null when another owner took it over (the lease could not be renewed).</summary>
        public async Task<HarvestJob?> RunAsync()
        {
            _jobId = claim.JobId;
            if (claim.Resumed)
            {
                _done = await Db(s => s.JobItems(_jobId).Where(i => i.Outcome != HarvestItemOutcome.Pending).Select(i => i.ResourceId).ToHashSet(), ct)
                    .ConfigureAwait(false);
            }
            _temp = Directory.CreateTempSubdirectory("musubi-harvest-").FullName;
            using var deadline = new CancellationTokenSource(request.JobDeadline, op.Time);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
            _cancel = cts;
            _token = cts.Token;
            var renew = RenewLeaseAsync(cts);
            try
            {
                HarvestJobState state;
                string? message;
                try
                {
                    (state, message) = await HarvestAsync().ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested && !_leaseLost)
                {
                    (state, message) = await ExpireAsync().ConfigureAwait(false);
                }
                if (_leaseLost) return null;
                if (claim.Resumed) message = (message is null ? "" : message + "; ") + $"resumed ({_done.Count} items done before)";
                var job = await Db(s =>
                {
                    // The queued outcomes first: the counts are read from the items.
                    shared.Flush(s);
                    return s.FinishJob(_jobId, state, Totals(s), message, Now, request.Owner) ? s.GetJob(_jobId)! : null;
                }, CancellationToken.None).ConfigureAwait(false);
                if (job is null) return null; // taken over by another owner meanwhile: its outcome, not ours
                Report("done");
                return job;
            }
            catch (OperationCanceledException) when (_leaseLost && !ct.IsCancellationRequested)
            {
                return null;
            }
            catch (OperationCanceledException)
            {
                await Db(s =>
                {
                    shared.Flush(s);
                    s.ReleaseJob(_jobId, request.Owner, "stopped before the end; the next harvest resumes it", Now);
                    return 0;
                }, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
            finally
            {
                await cts.CancelAsync().ConfigureAwait(false);
                try
                {
                    await renew.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
                try
                {
                    Directory.Delete(_temp, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }

        private Task<T> Db<T>(Func<ICatalogStore, T> work, CancellationToken token) => shared.RunAsync(work, token);

        /// <summary>Another owner has the job (a write was refused): stop, writing nothing more.</summary>
        private void LeaseLost()
        {
            _leaseLost = true;
            _cancel.Cancel();
        }

        /// <summary>
        /// The job's deadline passed: the items this run did not finish are saved as failed (with the reason) in one
        /// transaction, and the job ends; a job still gathering fails.
        /// </summary>
        private async Task<(HarvestJobState, string?)> ExpireAsync()
        {
            var limit = request.JobDeadline.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
            if (_items is null) return (HarvestJobState.Failed, $"job deadline ({limit}) reached while gathering the listing");
            var left = _items.Where(i => !_done.Contains(i.ResourceId) && !_saved.ContainsKey(i.ResourceId)).ToList();
            var reason = $"not done before the job deadline ({limit})";
            var refused = await Db(s => s.InTransaction(() =>
            {
                shared.Flush(s);
                return left.Count(i => !s.SaveJobItem(Outcome(i, HarvestItemOutcome.Failed, reason, null, null, 0), request.Owner));
            }), CancellationToken.None).ConfigureAwait(false);
            if (refused > 0)
            {
                _leaseLost = true;
                return (HarvestJobState.Failed, null);
            }
            Interlocked.Add(ref _counts.Failed, left.Count);
            return (HarvestJobState.Done, $"job deadline ({limit}) reached: {left.Count} items not done, saved as failed");
        }

        /// <summary>Renews the lease at a third of its length; cancels the job when another owner has it.</summary>
        private async Task RenewLeaseAsync(CancellationTokenSource cts)
        {
            var period = request.Lease / 3;
            while (!cts.IsCancellationRequested)
            {
                await Task.Delay(period, op.Time, cts.Token).ConfigureAwait(false);
                var ok = await Db(s => s.RenewLease(_jobId, request.Owner, Now, request.Lease), cts.Token).ConfigureAwait(false);
                if (!ok)
                {
                    _leaseLost = true;
                    await cts.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }

        /// <summary>The job's counts: outcomes from its items (including those done before a resume), the rest from this run.</summary>
        private HarvestCounts Totals(ICatalogStore store)
        {
            var items = store.JobItems(_jobId);
            var c = _counts.Snapshot();
            return c with
            {
                Unchanged = items.Count(i => i.Outcome == HarvestItemOutcome.Unchanged),
                Published = items.Count(i => i.Outcome == HarvestItemOutcome.Published),
                Held = items.Count(i => i.Outcome == HarvestItemOutcome.Held),
                Skipped = items.Count(i => i.Outcome == HarvestItemOutcome.Skipped),
                Failed = items.Count(i => i.Outcome == HarvestItemOutcome.Failed),
                Records = items.Where(i => i.Outcome == HarvestItemOutcome.Published).Sum(i => i.Rows),
            };
        }

        private void Report(string stage) => request.Progress?.Report(new HarvestProgress(source.Id, stage, _counts.Snapshot()));

        private async Task<(HarvestJobState, string?)> HarvestAsync()
        {
            var definition = Sources.ToDefinition(source);
            Report("gathering");
            var gather = CkanManifestGatherer.IsManifest(definition)
                ? CkanManifestGatherer.Gather(definition, new GatherLimits())
                : await SourceGatherers.GatherAsync(definition, new GatherContext(op.Fetcher, _temp), _token).ConfigureAwait(false);
            if (!gather.IsOk) return (HarvestJobState.Failed, gather.Failure?.ToString());

            var items = new List<Item>();
            var at = Now;
            _token.ThrowIfCancellationRequested();
            // The listing's datasets and resources in one transaction (one commit, not one per row), with the versions
            // the items compare against; all or nothing of it after a crash, and the resumed job gathers again anyway.
            (_counts.Deleted, _latest) = await Db(store => store.InTransaction(() =>
            {
                var datasetIds = new HashSet<long>();
                var publishers = new HashSet<string>(StringComparer.Ordinal);
                foreach (var d in gather.Datasets)
                {
                    var code = op.Governments.ByLooseCode(d.PublisherCode)?.Code ?? source.PublisherCode;
                    if (code is not null && publishers.Add(code) && op.Governments.ByCode(code) is { } g)
                        store.UpsertPublisher(new Publisher(g.Code, g.FullName) { Prefecture = g.Prefecture });
                    var id = store.UpsertDataset(ToInfo(d, code), at);
                    datasetIds.Add(id);
                    var position = 0;
                    foreach (var r in d.Resources)
                    {
                        var rid = store.UpsertResource(id, ToInfo(r, position++));
                        items.Add(new Item(rid, id, d, r, code));
                    }
                    if (!d.ResourcesIncomplete) store.MarkMissingResourcesDeleted(id, d.Resources.Select(r => r.Key).ToHashSet(StringComparer.Ordinal), at);
                }
                var deleted = gather.IsComplete ? store.MarkMissingDatasetsDeleted(source.Id, datasetIds, at).Count : 0;
                return (deleted, store.LatestVersions([.. items.Where(i => !_done.Contains(i.ResourceId)).Select(i => i.ResourceId)]));
            }), _token).ConfigureAwait(false);
            _items = items;
            _counts.Datasets = gather.Datasets.Count;
            _counts.Resources = items.Count;
            Report("fetching");

            await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, request.Parallelism), CancellationToken = _token },
                async (item, token) =>
                {
                    if (_done.Contains(item.ResourceId)) return; // finished before the interruption
                    await ProcessAsync(item, token).ConfigureAwait(false);
                    Report("fetching");
                }).ConfigureAwait(false);
            var message = gather.IsComplete ? null : "listing incomplete (nothing deleted): " + gather.IncompleteReason;
            return (HarvestJobState.Done, message);
        }

        private DatasetInfo ToInfo(GatheredDataset d, string? code) => new()
        {
            SourceId = source.Id,
            RemoteKey = d.Key,
            Name = d.Name,
            Title = d.Title,
            Description = d.Description,
            License = d.License,
            LicenseId = d.LicenseId,
            LicenseUrl = d.LicenseUrl,
            Tags = d.Tags,
            Categories = d.Categories,
            Frequency = d.UpdateFrequency,
            ContactName = d.ContactName,
            ContactEmail = d.ContactEmail,
            Issued = d.Issued?.Raw,
            Modified = d.Modified?.Raw,
            PublisherCode = code,
            PublisherName = d.Publisher,
            LandingPage = d.LandingPage?.ToString(),
            ExtrasJson = d.Extras.Count == 0 ? null : System.Text.Json.JsonSerializer.Serialize(d.Extras),
        };

        private static ResourceInfo ToInfo(GatheredResource r, int position) => new()
        {
            RemoteKey = r.Key,
            Url = r.Url?.ToString(),
            LocalPath = r.LocalPath,
            ArchiveEntry = r.ArchiveEntry,
            Name = r.Name,
            Format = r.Format,
            MediaType = r.MediaType,
            Position = position,
        };

        private sealed record Item(long ResourceId, long DatasetId, GatheredDataset Dataset, GatheredResource Resource, string? PublisherCode);

        private HarvestItem Outcome(Item item, HarvestItemOutcome outcome, string? reason, long? version, string? schema, long rows) => new()
        {
            JobId = _jobId,
            ResourceId = item.ResourceId,
            Url = item.Resource.Url?.ToString() ?? item.Resource.LocalPath,
            Outcome = outcome,
            Reason = reason,
            VersionId = version,
            SchemaId = schema,
            Rows = rows,
            UpdatedAt = Now,
        };

        /// <summary>Saves an item's outcome while the job is this owner's; when another owner took it over, the job stops.</summary>
        private async Task Save(Item item, HarvestItemOutcome outcome, string? reason, long? version = null, string? schema = null, long rows = 0, CancellationToken token = default)
        {
            var saved = await Db(s => s.SaveJobItem(Outcome(item, outcome, reason, version, schema, rows), request.Owner), token).ConfigureAwait(false);
            if (!saved)
            {
                LeaseLost();
                token.ThrowIfCancellationRequested();
            }
            _saved.TryAdd(item.ResourceId, 0);
        }

        /// <summary>An outcome that wrote no data (unchanged): queued and saved with others in one transaction.</summary>
        private async Task SaveLater(Item item, HarvestItemOutcome outcome, string reason, long? version, CancellationToken token)
        {
            _saved.TryAdd(item.ResourceId, 0);
            if (shared.Queue(Outcome(item, outcome, reason, version, null, 0), request.Owner)) await shared.FlushAsync(token).ConfigureAwait(false);
        }

        private async Task ProcessAsync(Item item, CancellationToken token)
        {
            // The item's folder is made only when it gets a file: an unchanged item (a 304) makes none. A directory made
            // and removed for each of 40,000 items cost a third of an unchanged national harvest's CPU (ext4's inode search).
            var dir = Path.Combine(_temp, "item-" + item.ResourceId);
            try
            {
                await ProcessCoreAsync(item, dir, token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException && Operation.ToError(e) is { } error)
            {
                Interlocked.Increment(ref _counts.Failed);
                await Save(item, HarvestItemOutcome.Failed, error.Message, token: token).ConfigureAwait(false);
            }
            finally
            {
                try
                {
                    if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }

        private async Task ProcessCoreAsync(Item item, string dir, CancellationToken token)
        {
            var r = item.Resource;
            var previous = _latest.GetValueOrDefault(item.ResourceId);
            string path;
            string sha;
            ResourceVersion version;
            if (r.Url is { } url)
            {
                var fetch = await op.Fetcher.FetchAsync(new FetchRequest(url)
                {
                    Previous = previous is null ? null : new FetchValidators(previous.ETag, previous.LastModified),
                    TempDirectory = _temp,
                }, token).ConfigureAwait(false);
                if (fetch.Outcome == FetchOutcome.NotModified && previous is not null)
                {
                    Interlocked.Increment(ref _counts.Unchanged);
                    await SaveLater(item, HarvestItemOutcome.Unchanged, "not modified (conditional request)", previous.Id, token).ConfigureAwait(false);
                    return;
                }
                if (!fetch.IsOk)
                {
                    Interlocked.Increment(ref _counts.Failed);
                    await Save(item, HarvestItemOutcome.Failed, fetch.Failure?.ToString() ?? "not modified, but never fetched before", token: token).ConfigureAwait(false);
                    return;
                }
                Interlocked.Increment(ref _counts.Fetched);
                sha = fetch.Sha256!;
                Directory.CreateDirectory(dir);
                path = Path.Combine(dir, FileName(url, r, fetch.TempFilePath!));
                File.Move(fetch.TempFilePath!, path);
                version = new ResourceVersion
                {
                    Id = 0,
                    ResourceId = item.ResourceId,
                    Sha256 = sha,
                    FetchedAt = Now,
                    ETag = fetch.ETag,
                    LastModified = fetch.LastModified,
                    Size = fetch.Length,
                    DeclaredMediaType = fetch.DeclaredContentType,
                    BlobKey = "",
                    FinalUrl = fetch.FinalUrl.ToString(),
                };
            }
            else if (r.LocalPath is { } local)
            {
                if (r.ArchiveEntry is { } entry)
                {
                    Directory.CreateDirectory(dir);
                    var expansion = ArchiveExpander.Expand(local, dir, null, token);
                    var e = expansion.IsOk ? expansion.Entries.FirstOrDefault(x => x.Name == entry) : null;
                    if (e is null)
                    {
                        Interlocked.Increment(ref _counts.Failed);
                        await Save(item, HarvestItemOutcome.Failed, expansion.Failure?.ToString() ?? $"{local} has no entry {entry}", token: token).ConfigureAwait(false);
                        return;
                    }
                    path = Path.Combine(dir, Path.GetFileName(e.Name));
                    File.Move(e.TempFilePath, path);
                    sha = e.Sha256;
                }
                else
                {
                    path = local;
                    await using var fs = File.OpenRead(local);
                    sha = System.Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(fs, token).ConfigureAwait(false));
                }
                Interlocked.Increment(ref _counts.Fetched);
                version = new ResourceVersion
                {
                    Id = 0,
                    ResourceId = item.ResourceId,
                    Sha256 = sha,
                    FetchedAt = Now,
                    Size = new FileInfo(path).Length,
                    BlobKey = "",
                    LastModified = new DateTimeOffset(File.GetLastWriteTimeUtc(local), TimeSpan.Zero),
                };
            }
            else
            {
                Interlocked.Increment(ref _counts.Skipped);
                await Save(item, HarvestItemOutcome.Skipped, "no URL or file", token: token).ConfigureAwait(false);
                return;
            }

            if (previous is not null && previous.Sha256 == sha)
            {
                Interlocked.Increment(ref _counts.Unchanged);
                await SaveLater(item, HarvestItemOutcome.Unchanged, "same content (SHA-256)", previous.Id, token).ConfigureAwait(false);
                return;
            }
            await StoreAndConvertAsync(item, path, version, token).ConfigureAwait(false);
        }

        private async Task StoreAndConvertAsync(Item item, string path, ResourceVersion version, CancellationToken token)
        {
            var kind = MediaSniffer.Sniff(path);
            version = version with { MediaType = MediaSniffer.Extension(kind).TrimStart('.') is { Length: > 0 } ext ? ext : kind.ToString().ToLowerInvariant() };
            version = version with { BlobKey = op.Stores.Blobs.Put(path, version.Sha256) };
            if (kind == MediaKind.Zip)
            {
                await ExpandArchiveAsync(item, path, version, token).ConfigureAwait(false);
                return;
            }
            if (!MediaSniffer.IsTable(kind))
            {
                var vid = await Db(s => s.StoreVersion(version, null, [], "", PublishDecision.Keep("not a table", Now)), token).ConfigureAwait(false);
                Interlocked.Increment(ref _counts.Skipped);
                await Save(item, HarvestItemOutcome.Skipped, $"not a table ({kind.ToString().ToLowerInvariant()})", vid, token: token).ConfigureAwait(false);
                return;
            }

            var d = item.Dataset;
            var hints = new SourceHints
            {
                Title = string.IsNullOrWhiteSpace(item.Resource.Name) || item.Resource.Name == d.Title ? d.Title : d.Title + " " + item.Resource.Name,
                Publisher = item.PublisherCode,
                Organization = d.Publisher,
                Url = item.Resource.Url?.ToString(),
                MediaType = item.Resource.MediaType,
                Keywords = d.Tags,
            };
            await op._unstored.WaitAsync(token).ConfigureAwait(false);
            try
            {
                await ConvertAndStoreAsync(item, path, version, hints, token).ConfigureAwait(false);
            }
            finally
            {
                op._unstored.Release();
            }
        }

        /// <summary>Converts the file and stores the version with its conversion, records and publishing decision.</summary>
        private async Task ConvertAndStoreAsync(Item item, string path, ResourceVersion version, SourceHints hints, CancellationToken token)
        {
            RecordBuffer? buffer = null;
            await op._converters.WaitAsync(token).ConfigureAwait(false);
            Result<ConvertReport> result;
            try
            {
                result = op.Converter.Run(new ConvertRequest
                {
                    Input = ConvertInput.FromFile(path, hints),
                    Output = ConvertOutput.ToWriter(schema => buffer = new RecordBuffer(schema)),
                    Publisher = item.PublisherCode,
                }, token);
            }
            finally
            {
                op._converters.Release();
            }
            var at = Now;
            if (!result.IsOk || buffer is null)
            {
                var error = result.IsOk ? "no records were written" : result.Error.Message;
                var failed = new Conversion { VersionId = 0, Succeeded = false, Error = error, ConvertedAt = at };
                var vid = await Db(s => s.StoreVersion(version, failed, [], "", PublishDecision.Keep("conversion failed", at)), token).ConfigureAwait(false);
                Interlocked.Increment(ref _counts.Failed);
                await Save(item, HarvestItemOutcome.Failed, "conversion failed: " + error, vid, token: token).ConfigureAwait(false);
                return;
            }
            Interlocked.Increment(ref _counts.Converted);
            var report = result.Value;
            var conversion = new Conversion
            {
                VersionId = 0,
                SchemaId = report.Schema,
                Confidence = report.Confidence,
                ReportJson = report.ToJson(),
                RowsRead = report.RowsRead,
                RowsWritten = report.RowsWritten,
                Errors = report.Errors,
                Warnings = report.Warnings,
                Succeeded = true,
                ConvertedAt = at,
            };
            var rows = buffer.Rows;
            var (versionId, decision) = await Db<(long, PublishDecision)>(s =>
            {
                var decision = Decide(s.GetPublication(item.ResourceId), rows.Count, at);
                return (s.StoreVersion(version, conversion, rows, report.Schema, decision), decision);
            }, token).ConfigureAwait(false);
            if (decision.Publish)
            {
                Interlocked.Increment(ref _counts.Published);
                Interlocked.Add(ref _counts.Records, rows.Count);
                await Save(item, HarvestItemOutcome.Published, decision.Reason, versionId, report.Schema, rows.Count, token).ConfigureAwait(false);
            }
            else
            {
                Interlocked.Increment(ref _counts.Held);
                await Save(item, HarvestItemOutcome.Held, decision.Reason, versionId, report.Schema, rows.Count, token).ConfigureAwait(false);
            }
        }

        /// <summary>The publishing rule: a version replaces the published one only when it has rows and did not shrink sharply.</summary>
        private static PublishDecision Decide(Publication? published, int rows, DateTimeOffset at)
        {
            if (rows == 0) return PublishDecision.Keep("no rows: the last good version stays published", at);
            if (published is { } p && p.Rows >= ShrinkMinimumRows && rows < p.Rows * ShrinkLimit)
                return PublishDecision.Keep($"rows dropped from {p.Rows} to {rows} without a deletion at the source: the last good version stays published", at);
            return new PublishDecision(true, published is null ? "first version" : "new version", at);
        }

        /// <summary>A fetched ZIP: the archive is a version of its resource; each table inside is a resource of the dataset.</summary>
        private async Task ExpandArchiveAsync(Item item, string path, ResourceVersion version, CancellationToken token)
        {
            var vid = await Db(s => s.StoreVersion(version, null, [], "", PublishDecision.Keep("archive", Now)), token).ConfigureAwait(false);
            var sub = Path.Combine(Path.GetDirectoryName(path)!, "entries");
            Directory.CreateDirectory(sub);
            var expansion = ArchiveExpander.Expand(path, sub, null, token);
            if (!expansion.IsOk)
            {
                Interlocked.Increment(ref _counts.Failed);
                await Save(item, HarvestItemOutcome.Failed, "archive refused: " + expansion.Failure, vid, token: token).ConfigureAwait(false);
                return;
            }
            var position = 1000;
            foreach (var e in expansion.Entries)
            {
                var child = item.Resource with { Key = item.Resource.Key + "!" + e.Name, ArchiveEntry = e.Name, Name = e.Name };
                var rid = await Db(s => s.UpsertResource(item.DatasetId, ToInfo(child, position++) with { Url = item.Resource.Url + "#" + e.Name }), token).ConfigureAwait(false);
                var childItem = item with { ResourceId = rid, Resource = child with { Url = null } };
                Interlocked.Increment(ref _counts.Resources);
                var previous = await Db(s => s.LatestVersion(rid), token).ConfigureAwait(false);
                if (previous is not null && previous.Sha256 == e.Sha256)
                {
                    Interlocked.Increment(ref _counts.Unchanged);
                    await Save(childItem, HarvestItemOutcome.Unchanged, "same content (SHA-256)", previous.Id, token: token).ConfigureAwait(false);
                    continue;
                }
                var named = Path.Combine(sub, "named-" + position);
                Directory.CreateDirectory(named);
                var entryPath = Path.Combine(named, Path.GetFileName(e.Name));
                File.Move(e.TempFilePath, entryPath);
                var v = version with { ResourceId = rid, Sha256 = e.Sha256, Size = e.Length, BlobKey = "" };
                await StoreAndConvertAsync(childItem, entryPath, v, token).ConfigureAwait(false);
            }
            // Saved last: a job resumed after a crash among the entries takes the archive again (unchanged entries are skipped by hash).
            await Save(item, HarvestItemOutcome.Skipped, $"archive with {expansion.Entries.Count} tables (each a resource)", vid, token: token).ConfigureAwait(false);
        }

        /// <summary>The file's name for the converter (name and extension are detection evidence): the URL's last segment, else the resource's name.</summary>
        private static string FileName(Uri url, GatheredResource r, string tempPath)
        {
            var name = Uri.UnescapeDataString(url.Segments.LastOrDefault() ?? "").Trim('/');
            if (name.Length == 0) name = r.Name ?? "resource";
            foreach (var c in Path.GetInvalidFileNameChars()) name = name.Replace(c, '_');
            if (name.Length > 120) name = name[^120..];
            if (!Path.HasExtension(name))
            {
                var ext = MediaSniffer.Extension(MediaSniffer.Sniff(tempPath));
                if (ext.Length > 0) name += ext.StartsWith('.') ? ext : "." + ext;
            }
            return name;
        }
    }

    /// <summary>Counts updated from parallel items.</summary>
    private sealed class Counter
    {
        public int Datasets;
        public int Resources;
        public int Fetched;
        public int Unchanged;
        public int Converted;
        public int Published;
        public int Held;
        public int Skipped;
        public int Failed;
        public int Deleted;
        public long Records;

        public HarvestCounts Snapshot() => new()
        {
            Datasets = Volatile.Read(ref Datasets),
            Resources = Volatile.Read(ref Resources),
            Fetched = Volatile.Read(ref Fetched),
            Unchanged = Volatile.Read(ref Unchanged),
            Converted = Volatile.Read(ref Converted),
            Published = Volatile.Read(ref Published),
            Held = Volatile.Read(ref Held),
            Skipped = Volatile.Read(ref Skipped),
            Failed = Volatile.Read(ref Failed),
            Deleted = Volatile.Read(ref Deleted),
            Records = Interlocked.Read(ref Records),
        };
    }
}
