using Musubi.Catalog;
using Musubi.Harvest;
using Musubi.Operations;
using Musubi.Tests.Support;

namespace Musubi.Tests.Harvest;

/// <summary>
/// Several sources harvested at once publish exactly what the same sources harvested one after another publish (the
/// exports without store ids), and an unchanged re-harvest at once changes nothing. The sources are spread over three
/// loopback servers (three hosts, so three lanes) with two sources on each (run in turn within a lane).
/// </summary>
public sealed class ConcurrentHarvestTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("musubi-concurrent-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public Task Sqlite_concurrent_harvest_publishes_what_a_sequential_one_does() => SameAsSequential("sqlite");

    [PostgresFact]
    public Task Postgres_concurrent_harvest_publishes_what_a_sequential_one_does() => SameAsSequential("postgresql");

    private static readonly string[] Publishers = ["041009", "432148", "131016"];

    private static readonly string[] Schemas = ["aed", "evacuation-site", "tourist-facility", "public-toilet"];

    private async Task SameAsSequential(string engine)
    {
        var files = Directory.CreateDirectory(Path.Combine(_dir.FullName, "files")).FullName;
        var servers = new List<TestWebServer>();
        try
        {
            var lists = new List<(string Id, string Url, string Publisher)>();
            for (var h = 0; h < 3; h++)
            {
                var server = await TestWebServer.StartAsync(files);
                servers.Add(server);
                for (var k = 0; k < 2; k++)
                {
                    var names = CrashResumeTests.WriteVariants(files, 8, $"h{h}k{k}_");
                    server.MapText($"/list{k}.txt", string.Join('\n', names.Select(n => server.Url("/files/" + Uri.EscapeDataString(n)).ToString())));
                    lists.Add(($"s{h}{k}", server.Url($"/list{k}.txt").ToString(), Publishers[(h + k) % Publishers.Length]));
                }
            }

            await using var sequential = await HarvestRig.StartAsync(engine);
            await using var concurrent = await HarvestRig.StartAsync(engine);
            foreach (var (id, url, publisher) in lists)
            {
                sequential.AddSource("urls", url, publisher, id);
                concurrent.AddSource("urls", url, publisher, id);
            }

            var one = await Harvest(sequential, 1);
            var many = await Harvest(concurrent, 8);
            Assert.Equal(6, one.Jobs.Count);
            Assert.Equal(lists.Select(l => l.Id), many.Jobs.Select(j => j.SourceId)); // in the catalog's order, whatever finished first
            Assert.All(many.Jobs, j => Assert.Equal(HarvestJobState.Done, j.State));
            Assert.Equal(one.Jobs.Sum(j => j.Counts.Published), many.Jobs.Sum(j => j.Counts.Published));
            Assert.Equal(48, many.Jobs.Sum(j => j.Counts.Resources));
            Assert.Equal(0, many.Jobs.Sum(j => j.Counts.Failed));
            var total = 0;
            foreach (var schema in Schemas)
            {
                var expected = HarvestRig.StableLines(sequential.Export(schema));
                var actual = HarvestRig.StableLines(concurrent.Export(schema));
                Assert.Equal(expected.Count, actual.Count);
                Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
                total += actual.Count;
            }
            Assert.True(total > 500, $"{total} lines exported");

            // Unchanged, at once: every item unchanged (saved in batches), nothing converted, the same data.
            var before = Schemas.Select(s => concurrent.Export(s)).ToList();
            var again = await Harvest(concurrent, 8);
            Assert.Equal(48, again.Jobs.Sum(j => j.Counts.Unchanged));
            Assert.Equal(0, again.Jobs.Sum(j => j.Counts.Converted));
            using (var read = concurrent.Read())
            {
                foreach (var j in again.Jobs)
                    Assert.All(read.JobItems(j.Id), i => Assert.Equal(HarvestItemOutcome.Unchanged, i.Outcome));
            }
            Assert.Equal(before, Schemas.Select(s => concurrent.Export(s)).ToList());
        }
        finally
        {
            foreach (var s in servers) await s.DisposeAsync();
        }
    }

    private static async Task<HarvestResult> Harvest(HarvestRig rig, int sources)
    {
        var r = await rig.Get<HarvestOperation>().RunAsync(new HarvestRequest { All = true, Sources = sources }, Caller.Operator).WaitAsync(TimeSpan.FromSeconds(300));
        Assert.True(r.IsOk, r.IsOk ? "" : r.Error.Message);
        return r.Value;
    }
}
