using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text.Json;
using Musubi.Catalog;
using Musubi.Harvest;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Musubi.Cli.Commands;

public sealed class JobsCommand : Command<JobsCommand.Settings>
{
    public sealed class Settings : DataSettings
    {
        [CommandOption("--json")]
        public bool Json { get; init; }

        [CommandOption("--source <ID>")]
        public string? Source { get; init; }

        [CommandOption("--limit <N>")]
        public int Limit { get; init; } = 50;
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var host = CliHost.Start(settings);
        var result = host.Run(host.Get<ListJobsOperation>(), new ListJobsRequest { SourceId = settings.Source, Limit = settings.Limit }, cancellationToken);
        if (!result.IsOk) return CliRunner.Fail(result.Error);
        if (settings.Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(result.Value, CliJson.Options));
            return CliRunner.Ok;
        }
        var table = new Table().AddColumns("job", "source", "state", "started", "finished", "resources", "published", "unchanged", "held", "failed", "message");
        foreach (var j in result.Value)
            table.AddRow(j.Id.ToString(), Markup.Escape(j.SourceId), j.State.ToString().ToLowerInvariant(), CliTime.Format(j.StartedAt), CliTime.Format(j.FinishedAt),
                j.Counts.Resources.ToString(), j.Counts.Published.ToString(), j.Counts.Unchanged.ToString(), j.Counts.Held.ToString(), j.Counts.Failed.ToString(),
                Markup.Escape(j.Message ?? ""));
        AnsiConsole.Write(table);
        return CliRunner.Ok;
    }
}

public sealed class JobShowCommand : Command<JobShowCommand.Settings>
{
    public sealed class Settings : DataSettings
    {
        [CommandArgument(0, "<ID>")]
        public long Id { get; init; }

        [CommandOption("--json")]
        public bool Json { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var host = CliHost.Start(settings);
        var result = host.Run(host.Get<ShowJobOperation>(), new ShowJobRequest(settings.Id), cancellationToken);
        if (!result.IsOk) return CliRunner.Fail(result.Error);
        var (job, items) = (result.Value.Job, result.Value.Items);
        if (settings.Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(result.Value, CliJson.Options));
            return CliRunner.Ok;
        }
        AnsiConsole.MarkupLine($"job {job.Id} of source [bold]{Markup.Escape(job.SourceId)}[/]: {job.State.ToString().ToLowerInvariant()}, started {CliTime.Format(job.StartedAt)}, finished {CliTime.Format(job.FinishedAt)}");
        if (job.Message is not null) AnsiConsole.MarkupLine(Markup.Escape(job.Message));
        var table = new Table().AddColumns("resource", "outcome", "schema", "rows", "version", "url", "reason");
        foreach (var i in items)
            table.AddRow(i.ResourceId.ToString(), i.Outcome.ToString().ToLowerInvariant(), i.SchemaId ?? "", i.Rows.ToString(), i.VersionId?.ToString() ?? "",
                Markup.Escape(i.Url ?? ""), Markup.Escape(i.Reason ?? ""));
        AnsiConsole.Write(table);
        return CliRunner.Ok;
    }
}

public sealed class WorkerCommand : Command<WorkerCommand.Settings>
{
    public sealed class Settings : DataSettings
    {
        [CommandOption("--allow-private-addresses")]
        [Description("Let the harvester fetch from loopback, private and link-local addresses. Also MUSUBI_ALLOW_PRIVATE_ADDRESSES=1.")]
        public bool AllowPrivateAddresses { get; init; }

        [CommandOption("--lease <SECONDS>")]
        [Description("A job stays this worker's this long without renewal (renewed at a third); default 60.")]
        public int LeaseSeconds { get; init; } = 60;

        [CommandOption("--poll <SECONDS>")]
        [Description("How often to look for work when idle; default 10.")]
        public double PollSeconds { get; init; } = 10;

        [CommandOption("--once")]
        [Description("Exit when there is nothing left to do.")]
        public bool Once { get; init; }

        [CommandOption("--no-schedule")]
        [Description("Only run jobs queued or interrupted; do not queue sources whose schedule is due.")]
        public bool NoSchedule { get; init; }

        [CommandOption("--parallel <N>")]
        public int Parallel { get; init; } = 4;

        [CommandOption("--job-deadline <MINUTES>")]
        [Description("The longest one job may run (default 360); then the items left are saved as failed and the job ends.")]
        public double JobDeadlineMinutes { get; init; } = HarvestRequest.DefaultJobDeadline.TotalMinutes;
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var host = CliHost.Start(settings, settings.AllowPrivateAddresses);
        using var stop = ShutdownSignal.Create(cancellationToken);
        var failed = 0;
        var result = host.Run(host.Get<WorkerOperation>(), new WorkerRequest
        {
            Lease = TimeSpan.FromSeconds(Math.Max(3, settings.LeaseSeconds)),
            PollInterval = TimeSpan.FromSeconds(Math.Max(0.1, settings.PollSeconds)),
            ExitWhenIdle = settings.Once,
            Schedule = !settings.NoSchedule,
            Parallelism = Math.Clamp(settings.Parallel, 1, 64),
            JobDeadline = TimeSpan.FromMinutes(Math.Max(0.1, settings.JobDeadlineMinutes)),
            JobDone = j =>
            {
                if (j.State == HarvestJobState.Failed || j.Counts.Failed > 0) Interlocked.Increment(ref failed);
                Console.Error.WriteLine($"job {j.Id} ({j.SourceId}): {j.State.ToString().ToLowerInvariant()}; {j.Counts.Published} published, {j.Counts.Unchanged} unchanged, {j.Counts.Held} held, {j.Counts.Failed} failed");
            },
        }, stop.Token);
        if (!result.IsOk) return CliRunner.Fail(result.Error);
        Console.Error.WriteLine(result.Value.Stopped ? $"stopped after {result.Value.Jobs} jobs" : $"no more work after {result.Value.Jobs} jobs");
        return failed > 0 ? CliRunner.OutputHasErrors : CliRunner.Ok;
    }
}

/// <summary>SIGTERM and Ctrl+C cancel a token instead of killing the process, so a job is given back cleanly.</summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly PosixSignalRegistration _term;
    private readonly PosixSignalRegistration _int;

    private ShutdownSignal(CancellationToken outer)
    {
        _cts = CancellationTokenSource.CreateLinkedTokenSource(outer);
        void Handler(PosixSignalContext c)
        {
            c.Cancel = true;
            _cts.Cancel();
        }
        _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handler);
        _int = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handler);
    }

    public CancellationToken Token => _cts.Token;

    public static ShutdownSignal Create(CancellationToken outer) => new(outer);

    public void Dispose()
    {
        _term.Dispose();
        _int.Dispose();
        _cts.Dispose();
    }
}

internal static class CliTime
{
    public static string Format(DateTimeOffset? t) => t?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
