using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Musubi.Catalog;
using Musubi.Harvest;
using Musubi.Operations;

namespace Musubi.Web.Pages;

/// <summary>
/// "Harvest now" from the admin pages: runs the harvest operation in the background of the web process (`musubi serve`
/// runs no worker), so the button answers at once and the job page shows its progress. On shutdown the harvests are
/// cancelled, which gives their jobs back as Interrupted (the next harvest resumes them).
/// </summary>
internal sealed class AdminHarvests(HarvestOperation harvest, ListJobsOperation jobs, ILogger<AdminHarvests> log) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _running = new();

    /// <summary>Starts a harvest of one source and waits briefly for its job to appear; the job's id, or null when none appeared.</summary>
    public async Task<long?> StartAsync(string sourceId, Caller caller, CancellationToken ct)
    {
        var before = await NewestJob(sourceId, caller, ct);
        var task = Task.Run(async () =>
        {
            var result = await harvest.RunAsync(new HarvestRequest { SourceIds = [sourceId] }, caller, _stopping.Token);
            if (!result.IsOk) log.LogWarning("harvest of {Source} from the admin page: {Error}", sourceId, result.Error.Message);
        });
        _running[task] = true;
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
        for (var i = 0; i < 30 && !task.IsCompleted; i++)
        {
            if (await NewestJob(sourceId, caller, ct) is { } job && (job.Id != before?.Id || job.State == HarvestJobState.Running)) return job.Id;
            await Task.Delay(100, ct);
        }
        return (await NewestJob(sourceId, caller, ct))?.Id;
    }

    private async Task<HarvestJob?> NewestJob(string sourceId, Caller caller, CancellationToken ct)
    {
        var list = await jobs.RunAsync(new ListJobsRequest { SourceId = sourceId, Limit = 1 }, caller, ct);
        return list.IsOk && list.Value.Count > 0 ? list.Value[0] : null;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            // Shutdown's own timeout ran out; the jobs' leases expire and another harvest takes them over.
        }
    }
}
