using System.Text;
using Musubi.Cli;
using Musubi.Cli.Commands;
using Spectre.Console.Cli;

Console.OutputEncoding = new UTF8Encoding(false);
Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

// Tables and lines printed into a pipe or file keep their full width instead of Spectre's 80-column default: never wrapped.
if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = CliRunner.UnwrappedWidth;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("musubi");
    config.PropagateExceptions();
    // Unknown options and extra arguments are errors, not silently ignored.
    config.UseStrictParsing();
    config.AddCommand<ConvertCommand>("convert")
        .WithDescription("Convert a municipal table (CSV, TSV, XLSX, XLS) into the national standard format.")
        .WithExample("convert", "222127_public_toilet.csv", "--out", "toilet.csv", "--report", "report.json");
    config.AddCommand<InspectCommand>("inspect")
        .WithDescription("Show the tables, header, schema candidates and column mapping Musubi finds in a file, without converting it.");
    config.AddBranch("schemas", schemas =>
    {
        schemas.SetDescription("List the standard dataset schemas, or show one.");
        schemas.SetDefaultCommand<SchemasListCommand>();
        schemas.AddCommand<SchemasListCommand>("list").WithDescription("List the standard dataset schemas.");
        schemas.AddCommand<SchemasShowCommand>("show").WithDescription("Show one schema's fields.");
    });
    config.AddCommand<AddressCommand>("address")
        .WithDescription("Normalize a Japanese address (one text, or a CSV column) into its parts and codes.");
    config.AddBranch("registry", registry =>
    {
        registry.SetDescription("Base registries: local-government codes, postal codes, towns (町字).");
        registry.AddCommand<RegistryInfoCommand>("info").WithDescription("Show which registries are loaded, their sources and dates.");
        registry.AddCommand<RegistryImportTownsCommand>("import-towns").WithDescription("Import a town (町字) list: Address Base Registry CSV or geolonia japanese-addresses JSON.");
    });
    CatalogCommands.Register(config);
    PortalCommands.Add(config);
});

return CliRunner.Run(app, args);
