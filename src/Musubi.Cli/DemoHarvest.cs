using Musubi.Harvest;
using Musubi.Operations;
using Musubi.Web.Demo;
using Spectre.Console;

namespace Musubi.Cli;

/// <summary>Harvests the demo's sources into the store with the catalog's harvest operation, as the operator.</summary>
internal static class DemoHarvest
{
    public static async Task<int> RunAsync(IServiceProvider services, DemoSamples site, string baseUrl, IAnsiConsole console, CancellationToken cancellationToken)
    {
        // The ckan source is read from its manifest, the folder from disk, the pages from this server's /demo-sources/.
        var definitions = DemoSources.Load(Path.Combine(site.Root, "sources.json"), new Uri(baseUrl + DemoSamples.Prefix + "/"));
        var harvest = (HarvestOperation)services.GetService(typeof(HarvestOperation))!;
        console.MarkupLine($"harvesting {definitions.Count} demo sources …");
        var result = await harvest.RunAsync(new HarvestRequest { Definitions = definitions }, Caller.Operator, cancellationToken);
        if (!result.IsOk) return CliRunner.Fail(result.Error!);
        foreach (var job in result.Value.Jobs)
        {
            var c = job.Counts;
            console.MarkupLine($"  {Markup.Escape(job.SourceId)}: {Markup.Escape(job.State.ToString().ToLowerInvariant())}, {c.Datasets} datasets, {c.Published} files published, {c.Records} records, {c.Failed} failed");
        }
        return CliRunner.Ok;
    }
}
