using System.ComponentModel;
using Musubi.Registry;
using Musubi.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Musubi.Cli.Commands;

public sealed class RegistryImportTownsCommand : Command<RegistryImportTownsCommand.Settings>
{
    public sealed class Settings : DataSettings
    {
        [CommandArgument(0, "<PATH>")]
        [Description("geolonia japanese-addresses folder (api/ja) or city JSON file, or an Address Base Registry town CSV (mt_town_*.csv).")]
        public string Path { get; init; } = "";

        [CommandOption("--db <CONNECTION>")]
        [Description("PostgreSQL connection string (default: $MUSUBI_DB, else SQLite <data>/musubi.db).")]
        public string? Db { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        DataErrors.Guard(() => Run(settings));

    private static int Run(Settings settings)
    {
        var dataDir = DataDirectory.Resolve(settings.Data);
        List<TownRecord> records = [];
        var format = "";
        CliRunner.Stderr.Progress().AutoClear(true).Start(ctx =>
        {
            var task = ctx.AddTask("reading", maxValue: 1);
            (records, format) = TownImporter.Read(settings.Path, LocalGovernmentRegistry.Default, (done, total) =>
            {
                task.MaxValue = total;
                task.Value = done;
            });
            task.Value = task.MaxValue;
        });
        if (records.Count == 0) throw new InvalidDataException($"{settings.Path}: no towns found");
        using var store = TownStores.OpenForWrite(dataDir, TownStores.ResolveDb(settings.Db));
        store.ReplaceCities(records, System.IO.Path.GetFullPath(settings.Path), format);
        var cities = records.Select(r => r.LgCode).Distinct().Count();
        CliRunner.Stderr.MarkupLine($"imported {records.Count} towns of {cities} municipalities ({Markup.Escape(format)}) into {Markup.Escape(store.Description)}");
        return CliRunner.Ok;
    }
}
