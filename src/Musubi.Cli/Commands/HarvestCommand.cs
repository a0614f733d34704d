using System.ComponentModel;
using Musubi.Catalog;
using Musubi.Harvest;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Musubi.Cli.Commands;

public sealed class HarvestCommand : Command<HarvestCommand.Settings>
{
    public sealed class Settings : DataSettings
    {
        [CommandOption("--source <ID>")]
        [Description("Harvest this source (may be given several times).")]
        public string[] Sources { get; init; } = [];

        [CommandOption("--all")]
        [Description("Harvest every source in the catalog.")]
        public bool All { get; init; }

        [CommandOption("--allow-private-addresses")]
        [Description("Let the harvester fetch from loopback, private and link-local addresses (tests, closed networks). Also MUSUBI_ALLOW_PRIVATE_ADDRESSES=1.")]
        public bool AllowPrivateAddresses { get; init; }

        [CommandOption("--parallel <N>")]
        [Description("Resources of one source fetched and converted at once (default 4).")]
        public int Parallel { get; init; } = 4;

        [CommandOption("--sources <N>")]
        [Description("Sources harvested at once (default 512); sources listed on one host run one after another.")]
        public int ConcurrentSources { get; init; } = HarvestRequest.DefaultSources;

        [CommandOption("--job-deadline <MINUTES>")]
        [Description("The longest one source's job may run (default 360); then the items left are saved as failed and the job ends.")]
        public double JobDeadlineMinutes { get; init; } = HarvestRequest.DefaultJobDeadline.TotalMinutes;
    }

    public override ValidationResult Validate(CommandContext context, Settings settings) =>
        settings.All || settings.Sources.Length > 0 ? ValidationResult.Success() : ValidationResult.Error("give --source ID or --all");

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var host = CliHost.Start(settings, settings.AllowPrivateAddresses);
        var progress = new LineProgress();
        var result = host.Run(host.Get<HarvestOperation>(), new HarvestRequest
        {
            SourceIds = settings.Sources,
            All = settings.All,
            Parallelism = Math.Clamp(settings.Parallel, 1, 64),
            Sources = Math.Clamp(settings.ConcurrentSources, 1, 4096),
            JobDeadline = TimeSpan.FromMinutes(Math.Max(0.1, settings.JobDeadlineMinutes)),
            Progress = progress,
        }, cancellationToken);
        progress.Finish();
        if (!result.IsOk) return CliRunner.Fail(result.Error);
        var table = new Table().AddColumns("job", "source", "state", "datasets", "resources", "fetched", "unchanged", "converted", "published", "held", "skipped", "failed", "deleted", "records");
        foreach (var j in result.Value.Jobs)
        {
            var c = j.Counts;
            table.AddRow(j.Id.ToString(), Markup.Escape(j.SourceId), j.State.ToString().ToLowerInvariant(), c.Datasets.ToString(), c.Resources.ToString(), c.Fetched.ToString(),
                c.Unchanged.ToString(), c.Converted.ToString(), c.Published.ToString(), c.Held.ToString(), c.Skipped.ToString(), c.Failed.ToString(), c.Deleted.ToString(),
                c.Records.ToString());
        }
        AnsiConsole.Write(table);
        foreach (var j in result.Value.Jobs.Where(j => j.Message is not null))
            CliRunner.Stderr.MarkupLine($"{Markup.Escape(j.SourceId)}: {Markup.Escape(j.Message!)}");
        return result.Value.HasFailures ? CliRunner.OutputHasErrors : CliRunner.Ok;
    }

    /// <summary>Live progress on stderr: one rewritten line on a terminal, a line per stage change (at most one a second) into a pipe.</summary>
    private sealed class LineProgress : IProgress<HarvestProgress>
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, string> _stages = new(StringComparer.Ordinal);
        private DateTime _last;
        private bool _wrote;

        public void Report(HarvestProgress p)
        {
            lock (_lock)
            {
                var now = DateTime.UtcNow;
                // A line when a source's stage changes, else at most one a second (piped) or ten (terminal): many sources
                // run at once, and a line per item of each would flood the log.
                var changed = !_stages.TryGetValue(p.SourceId, out var stage) || stage != p.Stage;
                if (!changed && now - _last < TimeSpan.FromMilliseconds(Console.IsErrorRedirected ? 1000 : 100)) return;
                _last = now;
                _stages[p.SourceId] = p.Stage;
                var c = p.Counts;
                var line = $"{p.SourceId}: {p.Stage} — {c.Datasets} datasets, {c.Resources} resources; fetched {c.Fetched}, unchanged {c.Unchanged}, converted {c.Converted}, failed {c.Failed}";
                if (Console.IsErrorRedirected) Console.Error.WriteLine(line);
                else
                {
                    Console.Error.Write("\r" + line.PadRight(Math.Max(0, Console.WindowWidth - 1))[..Math.Max(0, Math.Min(line.Length + 10, Console.WindowWidth - 1))]);
                    _wrote = true;
                }
            }
        }

        public void Finish()
        {
            if (_wrote) Console.Error.WriteLine();
        }
    }
}
