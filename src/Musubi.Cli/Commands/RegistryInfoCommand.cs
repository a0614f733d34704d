using System.ComponentModel;
using System.Text.Json;
using Musubi.Registry;
using Musubi.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Musubi.Cli.Commands;

public sealed class RegistryInfoCommand : Command<RegistryInfoCommand.Settings>
{
    public sealed class Settings : DataSettings
    {
        [CommandOption("--db <CONNECTION>")]
        [Description("PostgreSQL connection string of the town store (default: $MUSUBI_DB, else SQLite in the data folder).")]
        public string? Db { get; init; }

        [CommandOption("--json")]
        [Description("Print JSON instead of a table.")]
        public bool Json { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        DataErrors.Guard(() => Run(settings));

    private static int Run(Settings settings)
    {
        var dataDir = DataDirectory.Resolve(settings.Data);
        var sources = new[]
        {
            LocalGovernmentRegistry.Default.Info,
            PostalCodeRegistry.Default.Info,
            TownRegistry.Load(dataDir, settings.Db).Info,
        };
        if (settings.Json)
        {
            var list = sources.Select(s => new { name = s.Name, loaded = s.Loaded, count = s.Count, source = s.Source, licence = s.Licence, date = s.Date });
            Console.Out.WriteLine(JsonSerializer.Serialize(list, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true }));
            return CliRunner.Ok;
        }
        var table = new Table().AddColumns("registry", "loaded", "count", "source", "licence", "date");
        foreach (var s in sources)
            table.AddRow(Markup.Escape(s.Name), s.Loaded ? "yes" : "no", s.Count.ToString(), Markup.Escape(s.Source), Markup.Escape(s.Licence), Markup.Escape(s.Date));
        AnsiConsole.Write(table);
        return CliRunner.Ok;
    }
}
