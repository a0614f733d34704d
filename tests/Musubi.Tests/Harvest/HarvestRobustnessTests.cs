using Musubi.Catalog;
using Musubi.Harvest;
using Musubi.Operations;
using Musubi.Tests.Support;

namespace Musubi.Tests.Harvest;

/// <summary>
/// What a long national harvest meets besides bad files: a CKAN listing that breaks midway (nothing it did not list is
/// deleted), a source that never answers (the job deadline ends the job, the items left are failed with the reason),
/// and a worker whose lease expired and was taken over (it writes no outcome over the new owner's, queued ones included).
/// SQLite always, PostgreSQL when MUSUBI_TEST_PG is set.
/// </summary>
public sealed class HarvestRobustnessTests
{
    [Fact]
    public Task Sqlite_a_ckan_listing_broken_midway_deletes_nothing() => BrokenListing("sqlite");

    [PostgresFact]
    public Task Postgres_a_ckan_listing_broken_midway_deletes_nothing() => BrokenListing("postgresql");

    [Fact]
    public Task Sqlite_the_job_deadline_ends_a_job_whose_source_hangs() => Deadline("sqlite");

    [PostgresFact]
    public Task Postgres_the_job_deadline_ends_a_job_whose_source_hangs() => Deadline("postgresql");

    [Fact]
    public Task Sqlite_a_worker_whose_lease_was_taken_over_writes_no_outcome() => TakenOver("sqlite");

    [PostgresFact]
    public Task Postgres_a_worker_whose_lease_was_taken_over_writes_no_outcome() => TakenOver("postgresql");

    private static async Task BrokenListing(string engine)
    {
        await using var rig = await HarvestRig.StartAsync(engine);
        rig.CopySample("ckan-miyagi/files/041009/041009_aed.csv", "sendai-aed.csv");
        rig.CopySample("ckan-miyagi/files/041009/041009_evacuation_space.csv", "sendai-evac.csv");
        rig.CopySample("ckan-miyagi/files/041009/041009_tourism.csv", "sendai-tourism.csv");
        // One dataset a page: the second and third pages are the ones that break.
        var site = new FakeCkanSite(rig.Server) { MaxRows = 1 };
        var files = rig.Server.Url("/files/");
        site.Add(FakeCkanSite.Package("00000000-0000-0000-0000-00000000000a", "sendai-aed", "AED設置箇所一覧", files, "c041009"));
        site.Add(FakeCkanSite.Package("00000000-0000-0000-0000-00000000000b", "sendai-evac", "指定緊急避難場所一覧", files, "c041009"));
        site.Add(FakeCkanSite.Package("00000000-0000-0000-0000-00000000000c", "sendai-tourism", "観光施設一覧", files, "c041009"));
        var source = rig.AddSource("ckan", site.SiteUrl.ToString(), id: "miyagi");
        var job = Assert.Single((await rig.HarvestAsync(source.Id)).Jobs);
        Assert.Equal(3, job.Counts.Published);
        var aed = rig.Export("aed");
        var tourism = rig.Export("tourist-facility");
        int Live()
        {
            using var read = rig.Read();
            return read.ListDatasets(new DatasetQuery { SourceId = source.Id }).Count;
        }
        static bool AfterFirstPage(string fq) => fq.Contains("TO *]", StringComparison.Ordinal);

        // 1. Pages after the first answer 500: the gather fails, nothing is deleted or withdrawn.
        site.PageFault = fq => AfterFirstPage(fq) ? 500 : null;
        job = Assert.Single((await rig.HarvestAsync(source.Id)).Jobs);
        Assert.Equal(HarvestJobState.Failed, job.State);
        Assert.Equal(0, job.Counts.Deleted);
        Assert.Equal(3, Live());

        // 2. A page after the first is empty while the site counts more: the listing is incomplete, nothing is deleted.
        site.PageFault = fq => AfterFirstPage(fq) ? FakeCkanSite.EmptyPage : null;
        job = Assert.Single((await rig.HarvestAsync(source.Id)).Jobs);
        Assert.Equal(HarvestJobState.Done, job.State);
        Assert.Equal(0, job.Counts.Deleted);
        Assert.Contains("listing incomplete", job.Message, StringComparison.Ordinal);
        Assert.Contains("empty page", job.Message, StringComparison.Ordinal);
        Assert.Equal(3, Live());
        Assert.Equal(aed, rig.Export("aed"));
        Assert.Equal(tourism, rig.Export("tourist-facility"));

        // 3. The site works again and one dataset is really gone: that one is deleted and withdrawn.
        site.PageFault = null;
        Assert.True(site.Remove("00000000-0000-0000-0000-00000000000c"));
        job = Assert.Single((await rig.HarvestAsync(source.Id)).Jobs);
        Assert.Equal(1, job.Counts.Deleted);
        Assert.Equal(2, Live());
        Assert.Single(rig.Export("tourist-facility").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(aed, rig.Export("aed"));
    }

    private static async Task Deadline(string engine)
    {
        // A fetcher that waits long for a silent server (60 s per item): the job deadline, not a fetch timeout, must end it.
        await using var rig = await HarvestRig.StartAsync(engine, o => o with { IdleTimeout = TimeSpan.FromSeconds(60), TotalTimeout = TimeSpan.FromSeconds(120) });
        rig.CopySample("ckan-miyagi/files/041009/041009_aed.csv", "good.csv");
        // One good table, then three that never answer: each would hold the job for a minute.
        var urls = new[] { rig.Server.Url("/files/good.csv") }
            .Concat(Enumerable.Range(0, 3).Select(i => rig.Server.Url($"/hang?n={i}")))
            .Select(u => u.ToString());
        rig.Server.MapText("/list.txt", string.Join('\n', urls));
        var source = rig.AddSource("urls", rig.Server.Url("/list.txt").ToString(), publisher: "041009");
        var deadline = TimeSpan.FromSeconds(10);
        var r = await rig.Get<HarvestOperation>().RunAsync(new HarvestRequest { SourceIds = [source.Id], Parallelism = 1, JobDeadline = deadline }, Caller.Operator)
            .WaitAsync(TimeSpan.FromSeconds(180));
        var job = Assert.Single(r.Value.Jobs);
        Assert.Equal(HarvestJobState.Done, job.State);
        Assert.Contains("job deadline", job.Message, StringComparison.Ordinal);
        Assert.NotNull(job.FinishedAt);
        using var read = rig.Read();
        var items = read.JobItems(job.Id);
        Assert.Equal(4, items.Count);
        var drips = items.Where(i => i.Url!.Contains("/hang", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, drips.Count);
        Assert.All(drips, i => Assert.Equal(HarvestItemOutcome.Failed, i.Outcome));
        // The one being fetched and the two never started: failed for the deadline.
        Assert.All(drips, i => Assert.Contains("job deadline", i.Reason, StringComparison.Ordinal));
        // The good table is published (on a machine so loaded that its first conversion outlasts the deadline, it is
        // failed for the deadline like the rest: never anything else).
        var good = Assert.Single(items, i => i.Url!.Contains("good.csv", StringComparison.Ordinal));
        Assert.True(good.Outcome == HarvestItemOutcome.Published || good.Reason?.Contains("job deadline", StringComparison.Ordinal) == true, $"{good.Outcome}: {good.Reason}");
        Assert.Equal(items.Count(i => i.Outcome == HarvestItemOutcome.Failed), job.Counts.Failed);
        // The job is over: the next harvest starts a new one rather than resuming it.
        Assert.NotEqual(HarvestJobState.Running, read.GetJob(job.Id)!.State);
    }

    private static async Task TakenOver(string engine)
    {
        await using var rig = await HarvestRig.StartAsync(engine);
        rig.Server.MapText("/list.txt", rig.Server.Url("/files/a.csv").ToString());
        var source = rig.AddSource("urls", rig.Server.Url("/list.txt").ToString());
        var stores = rig.Get<ICatalogStores>();
        var t0 = DateTimeOffset.UtcNow;
        // Two workers, each on its own connection: a takes the job with a short lease, stalls; b takes it over after it.
        using var a = stores.OpenForWrite();
        using var b = stores.OpenForWrite();
        var claimA = a.ClaimJob(source.Id, "worker-a", t0, TimeSpan.FromSeconds(1))!;
        Assert.Null(b.ClaimJob(source.Id, "worker-b", t0 + TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60)));
        var claimB = b.ClaimJob(source.Id, "worker-b", t0 + TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60))!;
        Assert.Equal(claimA.JobId, claimB.JobId);
        Assert.True(claimB.Resumed);
        HarvestItem Item(long resource, HarvestItemOutcome outcome, string reason) => new()
        {
            JobId = claimA.JobId,
            ResourceId = resource,
            Url = "http://example.invalid/" + resource,
            Outcome = outcome,
            Reason = reason,
            UpdatedAt = t0 + TimeSpan.FromSeconds(3),
        };

        // b's outcomes stand; a's direct write, a's queued (batched) write and a's finish are all refused.
        Assert.True(b.SaveJobItem(Item(1, HarvestItemOutcome.Published, "by b"), "worker-b"));
        Assert.True(b.SaveJobItem(Item(2, HarvestItemOutcome.Published, "by b"), "worker-b"));
        Assert.False(a.SaveJobItem(Item(1, HarvestItemOutcome.Unchanged, "by a"), "worker-a"));
        using (var shared = new SharedStore(stores, 1))
        {
            Assert.False(shared.Queue(Item(2, HarvestItemOutcome.Unchanged, "queued by a"), "worker-a"));
            Assert.False(shared.Queue(Item(3, HarvestItemOutcome.Unchanged, "queued by a"), "worker-a"));
            await shared.FlushAsync(CancellationToken.None);
        }
        Assert.False(a.RenewLease(claimA.JobId, "worker-a", t0 + TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(60)));
        Assert.False(a.FinishJob(claimA.JobId, HarvestJobState.Done, new HarvestCounts { Unchanged = 3 }, "by a", t0 + TimeSpan.FromSeconds(3), "worker-a"));
        using (var read = rig.Read())
        {
            var items = read.JobItems(claimA.JobId).OrderBy(i => i.ResourceId).ToList();
            Assert.Equal([1L, 2L], items.Select(i => i.ResourceId));
            Assert.All(items, i => Assert.Equal("by b", i.Reason));
            var job = read.GetJob(claimA.JobId)!;
            Assert.Equal(HarvestJobState.Running, job.State);
            Assert.Equal("worker-b", job.LeaseOwner);
        }

        // The new owner finishes; after that nobody writes into the job, b included.
        Assert.True(b.FinishJob(claimA.JobId, HarvestJobState.Done, new HarvestCounts { Published = 2 }, null, t0 + TimeSpan.FromSeconds(4), "worker-b"));
        Assert.False(b.SaveJobItem(Item(3, HarvestItemOutcome.Failed, "late"), "worker-b"));
        using (var read = rig.Read())
        {
            Assert.Equal(HarvestJobState.Done, read.GetJob(claimA.JobId)!.State);
            Assert.Equal(2, read.JobItems(claimA.JobId).Count);
        }
    }
}
