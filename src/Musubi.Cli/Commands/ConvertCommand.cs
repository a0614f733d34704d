using System.ComponentModel;
using Musubi.Convert;
using Musubi.Issues;
using Musubi.Operations;
using Musubi.Read;
using Musubi.Write;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Musubi.Cli.Commands;

public sealed class ConvertCommand : Command<ConvertCommand.Settings>
{
    public sealed class Settings : ReadSettings
    {
        [CommandArgument(0, "<INPUT>")]
        [Description("CSV, TSV, XLSX or XLS file.")]
        public string Input { get; init; } = "";

        [CommandOption("--schema <ID>")]
        [Description("Standard dataset id (skip detection), e.g. aed. See 'musubi schemas'.")]
        public string? Schema { get; init; }

        [CommandOption("--map <SRC=FIELD>")]
        [Description("Map a source column to a standard field; repeatable.")]
        public string[] Map { get; init; } = [];

        [CommandOption("--publisher <CODE>")]
        [Description("全国地方公共団体コード of the publisher, for tables that do not say it.")]
        public string? Publisher { get; init; }

        [CommandOption("--out <FILE>")]
        [Description("Output file (default: stdout).")]
        public string? Out { get; init; }

        [CommandOption("--format <FORMAT>")]
        [Description("csv, json or geojson (default: from --out's extension, else csv).")]
        public string? Format { get; init; }

        [CommandOption("--report <FILE>")]
        [Description("Write the machine-readable JSON report here.")]
        public string? Report { get; init; }

        [CommandOption("--extra <FILE>")]
        [Description("File for columns that match no standard field (default: OUT.extra.csv next to --out).")]
        public string? Extra { get; init; }

        [CommandOption("--sheet <NAME>")]
        [Description("Sheet to convert in a workbook (default: the one that best matches a schema).")]
        public string? Sheet { get; init; }

        [CommandOption("--encoding <NAME>")]
        [Description("Input encoding (default: detected), e.g. cp932, utf-8.")]
        public string? Encoding { get; init; }

        [CommandOption("--bom")]
        [Description("Write a UTF-8 BOM in CSV output (for Excel).")]
        public bool Bom { get; init; }

        [CommandOption("--no-address")]
        [Description("Do not fill or check the 所在地 fields with the base registries.")]
        public bool NoAddress { get; init; }

        [CommandOption("--quiet")]
        [Description("No progress bar or summary table.")]
        public bool Quiet { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in settings.Map)
        {
            var eq = m.LastIndexOf('=');
            if (eq <= 0 || eq == m.Length - 1)
            {
                CliRunner.Error($"--map '{m}': expected \"source column=standard field\"");
                return CliRunner.CannotRead;
            }
            map[m[..eq].Trim()] = m[(eq + 1)..].Trim();
        }
        if (RecordWriters.TryParseFormat(settings.Format, settings.Out) is not { } format)
        {
            CliRunner.Error($"unknown output format '{settings.Format}' (use csv, json or geojson)");
            return CliRunner.CannotRead;
        }

        var limits = settings.ResolveLimits();
        using var host = CliHost.Start(settings);
        var toStdout = settings.Out is null or "-";
        using var stdout = toStdout ? Console.OpenStandardOutput() : null;
        var err = CliRunner.Stderr;
        var interactive = !settings.Quiet && !Console.IsErrorRedirected;
        var fileSize = File.Exists(settings.Input) ? new FileInfo(settings.Input).Length : 0;
        var name = Markup.Escape(Path.GetFileName(settings.Input));

        Result<ConvertReport> Convert(IProgress<ConvertProgress>? progress) => host.Run(host.Get<ConvertOperation>(), new ConvertRequest
        {
            Input = ConvertInput.FromFile(settings.Input),
            Output = toStdout ? ConvertOutput.ToStream(stdout!) : ConvertOutput.ToFile(settings.Out!),
            ReportPath = settings.Report,
            SchemaId = settings.Schema,
            Map = map.Count > 0 ? map : null,
            Publisher = settings.Publisher,
            Sheet = settings.Sheet,
            ExtraColumnsPath = settings.Extra,
            Format = format,
            Bom = settings.Bom,
            Read = new ReadOptions { Encoding = settings.Encoding, Limits = limits },
            Addresses = !settings.NoAddress,
            Progress = progress,
        }, cancellationToken);

        Result<ConvertReport> result = default;
        if (interactive && fileSize > 4 * 1024 * 1024)
        {
            err.Progress()
                .Columns(new SpinnerColumn(), new TaskDescriptionColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask($"converting {name}");
                    task.IsIndeterminate = true;
                    result = Convert(new Progress<ConvertProgress>(p => task.Description = $"converting {name}: {p.RowsRead:N0} rows"));
                    task.StopTask();
                });
        }
        else
        {
            result = Convert(null);
        }
        stdout?.Flush();
        if (!result.IsOk) return CliRunner.Fail(result.Error);
        var report = result.Value;
        if (!settings.Quiet) PrintSummary(err, report);
        return report.RequiredFieldErrors ? CliRunner.OutputHasErrors : CliRunner.Ok;
    }

    private static void PrintSummary(IAnsiConsole console, ConvertReport r)
    {
        var where = r.Sheet is null ? "" : $", sheet {Markup.Escape(r.Sheet)}";
        console.MarkupLine($"[bold]{Markup.Escape(Path.GetFileName(r.Input))}[/]{where} → [bold]{Markup.Escape(r.Schema)}[/] {Markup.Escape(r.SchemaTitle)} " +
            $"(confidence {r.Confidence:0.00}, {r.SchemaChosenBy}), {Markup.Escape(r.Encoding)}, header on row {r.HeaderRow}");
        console.MarkupLine($"rows read {r.RowsRead:N0}, written {r.RowsWritten:N0} in {r.Seconds:0.00} s → {Markup.Escape(r.Output ?? "stdout")}");
        var mapped = r.Columns.Count(c => c.Field is not null);
        console.MarkupLine($"columns: {mapped} of {r.Columns.Count} mapped" + (r.ExtraColumnsFile is not null ? $", unmapped columns in {Markup.Escape(r.ExtraColumnsFile)}" : ""));
        // How much of the content reached a standard field, and which required fields stayed empty.
        var share = r.SourceCellsTotal == 0 ? 1.0 : (double)r.SourceCellsMapped / r.SourceCellsTotal;
        console.MarkupLine($"content: {share:P0} of the source's non-blank cells reached a standard field ({r.SourceCellsMapped:N0} of {r.SourceCellsTotal:N0})"
            + (r.BlankRecords > 0 ? $"; {r.BlankRecords:N0} blank records not written" : ""));
        if (r.RequiredFieldsEmpty.Count > 0)
            console.MarkupLine("[yellow]required fields left empty:[/] " + Markup.Escape(string.Join(", ", r.RequiredFieldsEmpty.Select(kv => $"{kv.Key} ({kv.Value:N0} rows)"))));
        if (r.Summary.Count > 0)
        {
            var table = new Table().AddColumns("severity", "code", "count", "what").Border(TableBorder.Rounded);
            foreach (var s in r.Summary)
            {
                var color = s.Severity switch { Severity.Error => "red", Severity.Warning => "yellow", _ => "green" };
                table.AddRow($"[{color}]{s.Severity.ToString().ToLowerInvariant()}[/]", Markup.Escape(s.Code), s.Count.ToString("N0"), Markup.Escape(s.Title));
            }
            console.Write(table);
        }
        var verdict = r.RequiredFieldErrors ? "[red]required fields have errors[/]" : "[green]converted[/]";
        console.MarkupLine($"{verdict}: {r.Errors:N0} errors, {r.Warnings:N0} warnings, {r.Fixes:N0} fixes" + (r.IssuesNotListed > 0 ? $" ({r.IssuesNotListed:N0} not listed in the report)" : ""));
    }
}
