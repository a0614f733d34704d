using System.ComponentModel;
using System.Text.Json;
using Musubi.Registry;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Musubi.Cli.Commands;

public sealed class RegistryInfoCommand : Command<RegistryInfoCommand.Settings>
{
    public sealed class Settings : DataSettings
    {
        [CommandOption("--json")]
        [Description("Print JSON instead of a table.")]
        public bool Json { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var host = CliHost.Start(settings);
        var result = host.Run(host.Get<DescribeRegistriesOperation>(), new DescribeRegistriesRequest(), cancellationToken);
        if (!result.IsOk) return CliRunner.Fail(result.Error);
        var sources = result.Value;
        if (settings.Json)
        {
            var list = sources.Select(s => new { name = s.Name, loaded = s.Loaded, count = s.Count, source = s.Source, licence = s.Licence, date = s.Date });
            Console.Out.WriteLine(JsonSerializer.Serialize(list, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true }));
            return CliRunner.Ok;
        }
        foreach (var s in sources)
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(s.Name)}[/]: {(s.Loaded ? "[green]loaded[/]" : "[yellow]not loaded[/]")}, {s.Count} entries");
            var grid = new Grid().AddColumn(new GridColumn().PadLeft(2).PadRight(2)).AddColumn();
            grid.AddRow("source", Markup.Escape(s.Source));
            if (s.Licence.Length > 0) grid.AddRow("licence", Markup.Escape(s.Licence));
            if (s.Date.Length > 0) grid.AddRow("date", Markup.Escape(s.Date));
            AnsiConsole.Write(grid);
        }
        return CliRunner.Ok;
    }
}
