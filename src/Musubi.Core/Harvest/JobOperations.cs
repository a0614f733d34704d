using Musubi.Catalog;
using Musubi.Operations;

namespace Musubi.Harvest;

public sealed record ListJobsRequest
{
    public string? SourceId { get; init; }

    public int Limit { get; init; } = 50;
}

public sealed record ShowJobRequest(long Id);

/// <summary>A job and every item with its outcome and reason.</summary>
public sealed record JobDetail(HarvestJob Job, IReadOnlyList<HarvestItem> Items);

public sealed class ListJobsOperation(ICatalogStores stores) : IOperation<ListJobsRequest, IReadOnlyList<HarvestJob>>
{
    public Task<Result<IReadOnlyList<HarvestJob>>> RunAsync(ListJobsRequest request, Caller caller, CancellationToken cancellationToken = default) =>
        Task.FromResult(Operation.Run<IReadOnlyList<HarvestJob>>(() =>
        {
            using var store = stores.OpenForRead();
            return store?.ListJobs(request.Limit, request.SourceId) ?? [];
        }));
}

public sealed class ShowJobOperation(ICatalogStores stores) : IOperation<ShowJobRequest, JobDetail>
{
    public Task<Result<JobDetail>> RunAsync(ShowJobRequest request, Caller caller, CancellationToken cancellationToken = default) =>
        Task.FromResult(Operation.Run(() =>
        {
            using var store = stores.OpenForRead();
            var job = store?.GetJob(request.Id) ?? throw new OperationException(OperationError.NotFound($"no harvest job {request.Id}", request.Id.ToString()));
            return new JobDetail(job, store.JobItems(job.Id));
        }));
}

/// <summary>Runs due and interrupted jobs until cancelled (or, with <see cref="ExitWhenIdle"/>, until there is nothing to do).</summary>
public sealed record WorkerRequest
{
    public string Owner { get; init; } = JobOwners.New();

    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Queue jobs for sources whose schedule is due (off: only run jobs queued or interrupted).</summary>
    public bool Schedule { get; init; } = true;

    public bool ExitWhenIdle { get; init; }

    public int Parallelism { get; init; } = 4;

    /// <summary>The longest one job may run (<see cref="HarvestRequest.JobDeadline"/>).</summary>
    public TimeSpan JobDeadline { get; init; } = HarvestRequest.DefaultJobDeadline;

    public IProgress<HarvestProgress>? Progress { get; init; }

    /// <summary>Called with every job the worker finished.</summary>
    public Action<HarvestJob>? JobDone { get; init; }
}

public sealed record WorkerResult(int Jobs, bool Stopped);

/// <summary>
/// A worker: queues due sources, takes the oldest job nobody holds (on PostgreSQL with FOR UPDATE SKIP LOCKED, so several
/// workers on several machines share the queue), runs it under a lease it renews, and on cancellation gives the job back
/// (Interrupted, no lease) so another worker resumes it at once. A killed worker's job is taken over when its lease expires.
/// </summary>
public sealed class WorkerOperation(ICatalogStores stores, HarvestOperation harvest, TimeProvider time) : IOperation<WorkerRequest, WorkerResult>
{
    public async Task<Result<WorkerResult>> RunAsync(WorkerRequest request, Caller caller, CancellationToken cancellationToken = default)
    {
        if (Operation.RequireWrite(caller) is { } denied) return denied;
        return await Operation.RunAsync(() => WorkAsync(request, cancellationToken)).ConfigureAwait(false);
    }

    private async Task<WorkerResult> WorkAsync(WorkerRequest request, CancellationToken ct)
    {
        var jobs = 0;
        var options = new HarvestRequest { Owner = request.Owner, Lease = request.Lease, Parallelism = request.Parallelism, JobDeadline = request.JobDeadline, Progress = request.Progress };
        try
        {
            while (!ct.IsCancellationRequested)
            {
                JobClaim? claim;
                using (var store = stores.OpenForWrite())
                {
                    if (request.Schedule) store.EnqueueDueJobs(time.GetUtcNow());
                    claim = store.ClaimNextJob(request.Owner, time.GetUtcNow(), request.Lease);
                }
                if (claim is null)
                {
                    if (request.ExitWhenIdle) break;
                    await Task.Delay(request.PollInterval, time, ct).ConfigureAwait(false);
                    continue;
                }
                var job = await harvest.RunClaimedAsync(claim, options, ct).ConfigureAwait(false);
                if (job is not null)
                {
                    jobs++;
                    request.JobDone?.Invoke(job);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return new WorkerResult(jobs, true);
        }
        return new WorkerResult(jobs, ct.IsCancellationRequested);
    }
}
