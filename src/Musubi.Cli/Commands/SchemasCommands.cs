using System.ComponentModel;
using Musubi.Schemas;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Musubi.Cli.Commands;

public sealed class SchemasListCommand : Command<SchemasListCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var host = CliHost.StartStateless();
        var result = host.Run(host.Get<ListSchemasOperation>(), new ListSchemasRequest(), cancellationToken);
        if (!result.IsOk) return CliRunner.Fail(result.Error);
        var table = new Table().AddColumns("id", "No", "title", "title (en)", "fields", "version");
        foreach (var s in result.Value)
            table.AddRow(Markup.Escape(s.Id), Markup.Escape(s.StandardNumber ?? ""), Markup.Escape(s.Title), Markup.Escape(s.TitleEn), s.Fields.Count.ToString(), Markup.Escape(s.Version));
        AnsiConsole.Write(table);
        return 0;
    }
}

public sealed class SchemasShowCommand : Command<SchemasShowCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("Schema id, e.g. aed.")]
        public string Id { get; init; } = "";

        [CommandOption("--json")]
        [Description("Print the schema document (Frictionless Table Schema JSON).")]
        public bool Json { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var host = CliHost.StartStateless();
        var result = host.Run(host.Get<ShowSchemaOperation>(), new ShowSchemaRequest(settings.Id), cancellationToken);
        if (!result.IsOk) return CliRunner.Fail(result.Error);
        var schema = result.Value;
        if (settings.Json)
        {
            Console.Out.WriteLine(SchemaCatalog.ToJson(schema));
            return 0;
        }
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(schema.Id)}[/] {Markup.Escape(schema.Title)} ({Markup.Escape(schema.TitleEn)}), version {Markup.Escape(schema.Version)}");
        AnsiConsole.MarkupLine($"source: {Markup.Escape(schema.Source)}");
        var table = new Table().AddColumns("#", "field", "english", "level", "type", "format", "aliases");
        var i = 1;
        foreach (var f in schema.Fields)
        {
            var level = f.Level switch { FieldLevel.Required => "◎", FieldLevel.Recommended => "○", _ => "" };
            table.AddRow((i++).ToString(), Markup.Escape(f.Name), Markup.Escape(f.EnglishName ?? ""), level, f.Type, f.Format, Markup.Escape(string.Join(", ", f.Aliases)));
        }
        AnsiConsole.Write(table);
        return 0;
    }
}
