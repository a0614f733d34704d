using System.ComponentModel;
using Musubi.Convert;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Musubi.Cli.Commands;

/// <summary>Shows what Musubi sees in a file — tables, header, schema candidates, column mapping — without converting it.</summary>
public sealed class InspectCommand : Command<InspectCommand.Settings>
{
    public sealed class Settings : ReadSettings
    {
        [CommandArgument(0, "<INPUT>")]
        [Description("CSV, TSV, XLSX or XLS file.")]
        public string Input { get; init; } = "";

        [CommandOption("--schema <ID>")]
        [Description("Show the mapping onto this schema instead of the detected one.")]
        public string? Schema { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var limits = settings.ResolveLimits();
        using var host = CliHost.Start(settings);
        var result = host.Run(host.Get<InspectOperation>(), new InspectRequest
        {
            Input = ConvertInput.FromFile(settings.Input),
            SchemaId = settings.Schema,
            Read = new Musubi.Read.ReadOptions { Limits = limits },
        }, cancellationToken);
        if (!result.IsOk) return CliRunner.Fail(result.Error);
        foreach (var t in result.Value)
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(Path.GetFileName(settings.Input))}[/]{(t.Sheet is null ? "" : $", sheet {Markup.Escape(t.Sheet)}")}: {Markup.Escape(t.Format)}, {Markup.Escape(t.Encoding)}, header on row {t.HeaderRow}");
            foreach (var p in t.Preamble) AnsiConsole.MarkupLine($"  above the header: {Markup.Escape(p)}");
            var candidates = new Table().AddColumns("schema", "score", "confidence", "own fields", "common fields", "file name", "title");
            foreach (var c in t.Candidates)
                candidates.AddRow(Markup.Escape(c.Schema.Id), c.Score.ToString("0.0"), c.Confidence.ToString("0.00"), c.SpecificFields.ToString(), c.CommonFields.ToString(), c.FileNameHint ? "yes" : "", c.TitleHint ? "yes" : "");
            AnsiConsole.Write(candidates);
            var columns = new Table().AddColumns("#", "source column", $"{Markup.Escape(t.Mapping.Schema.Id)} field", "how");
            foreach (var c in t.Mapping.Columns)
                columns.AddRow((c.Index + 1).ToString(), Markup.Escape(c.Source), Markup.Escape(c.Field ?? "—"), c.How.ToString().ToLowerInvariant());
            AnsiConsole.Write(columns);
        }
        return CliRunner.Ok;
    }
}
