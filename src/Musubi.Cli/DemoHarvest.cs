using Musubi.Web.Demo;
using Spectre.Console;

namespace Musubi.Cli;

/// <summary>Registers the demo's sources and harvests them into the store (through the catalog's harvest operation).</summary>
internal static class DemoHarvest
{
    public static Task<int> RunAsync(IServiceProvider services, DemoSamples site, string baseUrl, IAnsiConsole console, CancellationToken cancellationToken)
    {
        foreach (var source in site.Sources)
            console.MarkupLine($"  source [bold]{Markup.Escape(source.Id)}[/] ({Markup.Escape(source.Kind)}) {Markup.Escape(site.LocationOf(source, baseUrl))}");
        // The catalog (sources, harvests) arrives with issue 13; until then the portal serves an empty store.
        return Task.FromResult(CliRunner.Ok);
    }
}
