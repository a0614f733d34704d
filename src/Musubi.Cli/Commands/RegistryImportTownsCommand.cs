using System.ComponentModel;
using Musubi.Registry;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Musubi.Cli.Commands;

public sealed class RegistryImportTownsCommand : Command<RegistryImportTownsCommand.Settings>
{
    public sealed class Settings : ReadSettings
    {
        [CommandArgument(0, "<PATH>")]
        [Description("geolonia japanese-addresses folder (api/ja) or city JSON file, or an Address Base Registry town CSV (mt_town_*.csv).")]
        public string Path { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var limits = settings.ResolveLimits();
        using var host = CliHost.Start(settings);
        var result = default(Musubi.Operations.Result<ImportTownsResult>);
        Musubi.Operations.Result<ImportTownsResult> Import(Action<int, int>? progress) => host.Run(host.Get<ImportTownsOperation>(),
            new ImportTownsRequest(settings.Path, progress) { Read = new Musubi.Read.ReadOptions { Limits = limits } }, cancellationToken);
        if (Console.IsErrorRedirected)
        {
            result = Import(null); // no progress display into a pipe or file
        }
        else
        {
            CliRunner.Stderr.Progress().AutoClear(true).Start(ctx =>
            {
                var task = ctx.AddTask("reading", maxValue: 1);
                result = Import((done, total) =>
                {
                    task.MaxValue = total;
                    task.Value = done;
                });
                task.Value = task.MaxValue;
            });
        }
        if (!result.IsOk) return CliRunner.Fail(result.Error);
        var r = result.Value;
        CliRunner.Stderr.MarkupLine($"imported {r.Towns} towns of {r.Cities} municipalities ({Markup.Escape(r.Format)}) into {Markup.Escape(r.Store)}");
        return CliRunner.Ok;
    }
}
