using System.ComponentModel;
using System.Text.Json;
using Musubi.Catalog;
using Musubi.Harvest;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Musubi.Cli.Commands;

public sealed class SourceAddCommand : Command<SourceAddCommand.Settings>
{
    public sealed class Settings : DataSettings
    {
        [CommandArgument(0, "<KIND>")]
        [Description("ckan, dcat, page, urls or folder.")]
        public string Kind { get; init; } = "";

        [CommandArgument(1, "<URL-OR-PATH>")]
        [Description("The site, catalog, page or URL list (http/https), or a local folder (folder) or file (dcat, urls, a ckan manifest).")]
        public string Location { get; init; } = "";

        [CommandOption("--publisher <CODE>")]
        [Description("The publisher's 全国地方公共団体コード, for sources that do not say it.")]
        public string? Publisher { get; init; }

        [CommandOption("--name <NAME>")]
        public string? Name { get; init; }

        [CommandOption("--id <ID>")]
        [Description("The source's id (default: made from the kind and the location).")]
        public string? Id { get; init; }

        [CommandOption("--schedule <SCHEDULE>")]
        [Description("manual, hourly, daily (default), weekly or monthly.")]
        public string? Schedule { get; init; }

        [CommandOption("--depth <N>")]
        [Description("page: how many links deep to follow pages on the same site (default 1).")]
        public int? Depth { get; init; }

        [CommandOption("--filter <FQ>")]
        [Description("ckan: an extra filter query, e.g. organization:sapporo.")]
        public string? Filter { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var host = CliHost.Start(settings);
        var result = host.Run(host.Get<AddSourceOperation>(), new AddSourceRequest(settings.Kind, settings.Location)
        {
            Id = settings.Id,
            Name = settings.Name,
            PublisherCode = settings.Publisher,
            Schedule = settings.Schedule,
            PageDepth = settings.Depth,
            CkanFilter = settings.Filter,
        }, cancellationToken);
        if (!result.IsOk) return CliRunner.Fail(result.Error);
        Console.Out.WriteLine(result.Value.Id);
        CliRunner.Stderr.MarkupLine($"added source {Markup.Escape(result.Value.Id)} ({Markup.Escape(result.Value.Kind)} {Markup.Escape(result.Value.Location)}); run 'musubi harvest --source {Markup.Escape(result.Value.Id)}'");
        return CliRunner.Ok;
    }
}

public sealed class SourceListCommand : Command<SourceListCommand.Settings>
{
    public sealed class Settings : DataSettings
    {
        [CommandOption("--json")]
        [Description("Print the sources as JSON.")]
        public bool Json { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var host = CliHost.Start(settings);
        var result = host.Run(host.Get<ListSourcesOperation>(), new ListSourcesRequest(), cancellationToken);
        if (!result.IsOk) return CliRunner.Fail(result.Error);
        if (settings.Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(result.Value, CliJson.Options));
            return CliRunner.Ok;
        }
        var table = new Table().AddColumns("id", "kind", "location", "publisher", "schedule", "name", "last harvest");
        foreach (var s in result.Value)
            table.AddRow(Markup.Escape(s.Id), s.Kind, Markup.Escape(s.Location), s.PublisherCode ?? "", s.Schedule, Markup.Escape(s.Name ?? ""),
                s.LastHarvestAt?.ToString("yyyy-MM-dd HH:mm:ss'Z'") ?? "never");
        AnsiConsole.Write(table);
        return CliRunner.Ok;
    }
}

public sealed class SourceRemoveCommand : Command<SourceRemoveCommand.Settings>
{
    public sealed class Settings : DataSettings
    {
        [CommandArgument(0, "<ID>")]
        public string Id { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var host = CliHost.Start(settings);
        var result = host.Run(host.Get<RemoveSourceOperation>(), new RemoveSourceRequest(settings.Id), cancellationToken);
        if (!result.IsOk) return CliRunner.Fail(result.Error);
        CliRunner.Stderr.MarkupLine($"removed source {Markup.Escape(settings.Id)}: its datasets are withdrawn from the national tables (history kept)");
        return CliRunner.Ok;
    }
}

/// <summary>JSON as the CLI prints it (indented, Japanese text unescaped, enums by name).</summary>
internal static class CliJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
