using Musubi.Catalog;
using Musubi.Harvest;
using Musubi.Operations;
using Musubi.Tests.Support;

namespace Musubi.Tests.Harvest;

/// <summary>The bundled demo sources harvested from code, as `musubi demo` does: manifest CKAN, pages on a loopback server, a folder.</summary>
public sealed class DemoHarvestTests
{
    [Fact]
    public async Task Demo_sources_harvest_into_five_municipalities()
    {
        var demo = Path.Combine(SharedPaths.Repo, "samples", "demo");
        await using var server = await TestWebServer.StartAsync(demo);
        await using var rig = await HarvestRig.StartAsync("sqlite");
        var definitions = DemoSources.Load(Path.Combine(demo, "sources.json"), server.Url("/files/"));
        Assert.Equal(4, definitions.Count);
        var result = (await rig.Get<HarvestOperation>().RunAsync(new HarvestRequest { Definitions = definitions }, Caller.Operator)).Value;
        Assert.Equal(4, result.Jobs.Count);
        Assert.All(result.Jobs, j => Assert.Equal(HarvestJobState.Done, j.State));
        Assert.Equal(25, result.Jobs.Sum(j => j.Counts.Published));
        Assert.Equal(0, result.Jobs.Sum(j => j.Counts.Failed));
        using var read = rig.Read();
        Assert.Equal(["041009", "044016", "202029", "203211", "432148"], read.ListPublishers().Select(p => p.Code));
        var aed = read.CountsByPublisher("aed");
        Assert.True(aed.Count == 5, string.Join("; ", aed));
        Assert.InRange(read.CountsBySchema().Values.Sum(), 1_300, 1_500);
        Assert.Equal(4, read.ListSources().Count);

        // Harvesting the same definitions again registers nothing twice and changes nothing.
        result = (await rig.Get<HarvestOperation>().RunAsync(new HarvestRequest { Definitions = definitions }, Caller.Operator)).Value;
        Assert.Equal(0, result.Jobs.Sum(j => j.Counts.Converted));
        Assert.Equal(4, read.ListSources().Count);
    }
}
