using System.ComponentModel;
using Musubi.Catalog;
using Musubi.Write;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Musubi.Cli.Commands;

public sealed class ExportCommand : Command<ExportCommand.Settings>
{
    public sealed class Settings : DataSettings
    {
        [CommandArgument(0, "<SCHEMA-ID>")]
        [Description("The standard dataset, e.g. aed (see 'musubi schemas').")]
        public string SchemaId { get; init; } = "";

        [CommandOption("--format <FORMAT>")]
        [Description("csv (default), json or geojson; default from --out's extension.")]
        public string? Format { get; init; }

        [CommandOption("--out <FILE>")]
        [Description("Write here (replaced only when the export is complete); default stdout.")]
        public string? Out { get; init; }

        [CommandOption("--publisher <CODE>")]
        [Description("Only this publisher's rows (全国地方公共団体コード).")]
        public string? Publisher { get; init; }

        [CommandOption("--bom")]
        [Description("Start CSV output with a UTF-8 BOM (for Excel).")]
        public bool Bom { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var format = RecordWriters.TryParseFormat(settings.Format, settings.Out);
        if (format is null)
        {
            CliRunner.Error($"unknown format '{settings.Format}' (csv, json, geojson)");
            return CliRunner.CannotRead;
        }
        using var host = CliHost.Start(settings);
        string? temp = null;
        Stream output;
        if (settings.Out is { } path)
        {
            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            temp = OutputFile.TempPathFor(full);
            output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        }
        else
        {
            output = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
        }
        Musubi.Operations.Result<ExportResult> result;
        try
        {
            result = host.Run(host.Get<ExportOperation>(), new ExportRequest(settings.SchemaId, output)
            {
                Format = format.Value,
                PublisherCode = settings.Publisher,
                Bom = settings.Bom,
            }, cancellationToken);
            output.Flush();
        }
        finally
        {
            output.Dispose();
        }
        if (!result.IsOk)
        {
            if (temp is not null) File.Delete(temp);
            return CliRunner.Fail(result.Error);
        }
        if (temp is not null) OutputFile.Replace(temp, Path.GetFullPath(settings.Out!));
        CliRunner.Stderr.MarkupLine($"exported {result.Value.Rows} rows of {result.Value.Publishers} publishers ({Markup.Escape(result.Value.SchemaId)})");
        return CliRunner.Ok;
    }
}
