using System.Text.Json;
using System.Text.Json.Nodes;
using Musubi.Catalog;
using Musubi.Tests.Support;
using Musubi.Write;

namespace Musubi.Tests.Harvest;

/// <summary>
/// Whole harvests on 127.0.0.1 into a real store (SQLite always, PostgreSQL when MUSUBI_TEST_PG is set): a CKAN site and a
/// folder harvested, converted, published and exported; a second harvest that changes nothing; added, changed and deleted
/// datasets; a source that misbehaves in every known way while the rest of the harvest goes on.
/// </summary>
public sealed class HarvestTests
{
    private const string Sendai = "041009";

    [Fact]
    public Task Sqlite_ckan_site_full_harvest_then_unchanged_added_changed_deleted() => CkanLifecycle("sqlite");

    [PostgresFact]
    public Task Postgres_ckan_site_full_harvest_then_unchanged_added_changed_deleted() => CkanLifecycle("postgresql");

    [Fact]
    public Task Sqlite_folder_harvest_and_export() => FolderHarvest("sqlite");

    [PostgresFact]
    public Task Postgres_folder_harvest_and_export() => FolderHarvest("postgresql");

    [Fact]
    public Task Sqlite_misbehaving_resources_leave_the_rest_and_the_last_good_data() => Misbehaviours("sqlite");

    [PostgresFact]
    public Task Postgres_misbehaving_resources_leave_the_rest_and_the_last_good_data() => Misbehaviours("postgresql");

    private static JsonObject Package(HarvestRig rig, string id, string name, string title, string org = "c041009") =>
        FakeCkanSite.Package(id, name, title, rig.Server.Url("/files/"), org);

    private static async Task CkanLifecycle(string engine)
    {
        await using var rig = await HarvestRig.StartAsync(engine);
        rig.CopySample("ckan-miyagi/files/041009/041009_aed.csv", "sendai-aed.csv");
        rig.CopySample("ckan-miyagi/files/041009/041009_evacuation_space.csv", "sendai-evac.csv");
        rig.CopySample("ckan-miyagi/files/041009/041009_tourism.csv", "sendai-tourism.csv");
        var site = new FakeCkanSite(rig.Server) { MaxRows = 2 };
        site.Add(Package(rig, "00000000-0000-0000-0000-00000000000a", "sendai-aed", "AED設置箇所一覧"));
        site.Add(Package(rig, "00000000-0000-0000-0000-00000000000b", "sendai-evac", "指定緊急避難場所一覧"));
        site.Add(Package(rig, "00000000-0000-0000-0000-00000000000c", "sendai-tourism", "観光施設一覧"));
        var source = rig.AddSource("ckan", site.SiteUrl.ToString(), id: "miyagi");

        // 1. Full harvest: three datasets, three tables converted and published.
        var job = Assert.Single((await rig.HarvestAsync(source.Id)).Jobs);
        Assert.Equal(HarvestJobState.Done, job.State);
        Assert.Equal(3, job.Counts.Datasets);
        Assert.Equal(3, job.Counts.Published);
        Assert.Equal(0, job.Counts.Failed);
        var aed = rig.Export("aed");
        var aedLines = aed.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(151, aedLines.Length); // header + 150 rows
        Assert.Contains("source_publisher_code", aedLines[0], StringComparison.Ordinal);
        Assert.StartsWith("全国地方公共団体コード,ID,", aedLines[0], StringComparison.Ordinal);
        Assert.All(aedLines.Skip(1), l => Assert.StartsWith(Sendai + ",", l, StringComparison.Ordinal));
        using (var read = rig.Read())
        {
            var counts = read.CountsByPublisher("aed");
            Assert.Equal(150, Assert.Single(counts).Records);
            var datasets = read.ListDatasets(new DatasetQuery { SourceId = "miyagi" });
            Assert.Equal(3, datasets.Count);
            var detail = read.GetDataset(datasets.Single(d => d.Schemas.Contains("aed")).Dataset.Id)!;
            Assert.Equal("AED設置箇所一覧", detail.Dataset.Info.Title);
            Assert.Equal("CC-BY-4.0", detail.Dataset.Info.LicenseId);
            Assert.Equal("随時", detail.Dataset.Info.Frequency);
            Assert.Contains("推奨データセット", detail.Dataset.Info.Tags);
            var res = Assert.Single(detail.Resources);
            Assert.Single(res.Versions);
            Assert.NotNull(res.Versions[0].ETag);
            Assert.True(res.LatestConversion!.Succeeded);
            Assert.Equal("aed", res.LatestConversion.SchemaId);
            Assert.Equal(150, res.Published!.Rows);
            Assert.Equal("first version", Assert.Single(res.History).Reason);
            var page = read.Records(new RecordQuery("aed") { Limit = 100 });
            Assert.Equal(100, page.Count);
            var next = read.Records(new RecordQuery("aed") { AfterId = page[^1].Id, Limit = 100 });
            Assert.Equal(50, next.Count);
            Assert.True(next[0].Id > page[^1].Id);
            Assert.True(page.Count(r => r.Lat is not null && r.Lng is not null) >= 95);
            var box = read.Records(new RecordQuery("aed") { BoundingBox = new BoundingBox(140.0, 38.0, 141.0, 38.26), Limit = 1000 });
            Assert.InRange(box.Count, 1, 149);
            Assert.All(box, r => Assert.InRange(r.Lat!.Value, 38.0, 38.26));
        }

        // 2. Nothing changed: nothing is downloaded (conditional requests) or converted.
        var before = rig.Server.Requests.Count(r => r.Path.StartsWith("/files/", StringComparison.Ordinal) && r.Header("If-None-Match") is not null);
        job = Assert.Single((await rig.HarvestAsync(source.Id)).Jobs);
        Assert.Equal(3, job.Counts.Unchanged);
        Assert.Equal(0, job.Counts.Converted);
        Assert.Equal(0, job.Counts.Fetched);
        Assert.Equal(before + 3, rig.Server.Requests.Count(r => r.Path.StartsWith("/files/", StringComparison.Ordinal) && r.Header("If-None-Match") is not null));
        Assert.Equal(aed, rig.Export("aed"));

        // 3. One added, one changed (a row fewer), one deleted at the source.
        rig.CopySample("ckan-miyagi/files/044016/044016_toilet.csv", "matsushima-toilet.csv");
        site.Add(Package(rig, "00000000-0000-0000-0000-00000000000d", "matsushima-toilet", "公衆トイレ一覧", org: "matsushima"));
        var lines = File.ReadAllLines(Path.Combine(rig.Files, "sendai-aed.csv"));
        File.WriteAllLines(Path.Combine(rig.Files, "sendai-aed.csv"), lines.Take(lines.Length - 1));
        Assert.True(site.Remove("00000000-0000-0000-0000-00000000000c"));
        job = Assert.Single((await rig.HarvestAsync(source.Id)).Jobs);
        Assert.Equal(3, job.Counts.Datasets);
        Assert.Equal(1, job.Counts.Deleted);
        Assert.Equal(2, job.Counts.Published); // the changed AED table and the new toilet table
        Assert.Equal(1, job.Counts.Unchanged);
        Assert.Equal(150, rig.Export("aed").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Single(rig.Export("tourist-facility").Split('\n', StringSplitOptions.RemoveEmptyEntries)); // withdrawn: header only
        Assert.True(rig.Export("public-toilet").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 1);
        using (var read = rig.Read())
        {
            var all = read.ListDatasets(new DatasetQuery { SourceId = "miyagi", IncludeDeleted = true });
            var deleted = Assert.Single(all, d => d.Dataset.DeletedAt is not null);
            Assert.Equal("観光施設一覧", deleted.Dataset.Info.Title);
            var history = Assert.Single(read.GetDataset(deleted.Dataset.Id)!.Resources).History;
            Assert.Equal(["first version", "dataset deleted at the source"], history.Select(h => h.Reason));
            Assert.Null(history[1].NewVersionId);
            var aedDetail = read.GetDataset(all.Single(d => d.Dataset.Info.Title == "AED設置箇所一覧").Dataset.Id)!;
            Assert.Equal(2, aedDetail.Resources[0].Versions.Count);
            Assert.Equal(aedDetail.Resources[0].Versions[0].Id, aedDetail.Resources[0].History[^1].NewVersionId);
            Assert.Equal(aedDetail.Resources[0].Versions[1].Id, aedDetail.Resources[0].History[^1].OldVersionId);
            var items = read.JobItems(job.Id);
            Assert.Equal(3, items.Count);
            Assert.Equal(job.Id, read.ListJobs()[0].Id);
        }
    }

    private static async Task FolderHarvest(string engine)
    {
        await using var rig = await HarvestRig.StartAsync(engine);
        var folder = Path.Combine(rig.TempPath, "drop");
        Directory.CreateDirectory(folder);
        foreach (var f in Directory.GetFiles(Path.Combine(SharedPaths.Repo, "samples", "demo", "folder-aso")))
            File.Copy(f, Path.Combine(folder, Path.GetFileName(f)));
        var source = rig.AddSource("folder", folder, publisher: "432148");
        var job = Assert.Single((await rig.HarvestAsync(source.Id)).Jobs);
        Assert.Equal(5, job.Counts.Published);
        Assert.Equal(0, job.Counts.Failed);

        var csv = rig.Export("aed");
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(rows.Length > 10);
        Assert.All(rows.Skip(1), l => Assert.StartsWith("432148,", l, StringComparison.Ordinal));
        var geo = JsonDocument.Parse(rig.Export("aed", OutputFormat.GeoJson));
        var features = geo.RootElement.GetProperty("features");
        Assert.Equal(rows.Length - 1, features.GetArrayLength());
        Assert.Equal("folder-aso".Length > 0 ? source.Id : "", features[0].GetProperty("properties").GetProperty("source_id").GetString());
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(rig.Export("aed", OutputFormat.Json)).RootElement.ValueKind);
        Assert.Single(rig.Export("aed", publisher: "041009").Split('\n', StringSplitOptions.RemoveEmptyEntries));

        // Unchanged files are not converted again; a removed file withdraws its dataset.
        job = Assert.Single((await rig.HarvestAsync(source.Id)).Jobs);
        Assert.Equal(5, job.Counts.Unchanged);
        Assert.Equal(0, job.Counts.Converted);
        File.Delete(Path.Combine(folder, "【阿蘇市】AED設置箇所一覧.csv"));
        job = Assert.Single((await rig.HarvestAsync(source.Id)).Jobs);
        Assert.Equal(1, job.Counts.Deleted);
        Assert.Single(rig.Export("aed").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var read = rig.Read();
        Assert.Equal("熊本県阿蘇市", Assert.Single(read.ListPublishers()).Name);
    }

    private static async Task Misbehaviours(string engine)
    {
        await using var rig = await HarvestRig.StartAsync(engine);
        rig.CopySample("ckan-miyagi/files/041009/041009_aed.csv", "good.csv");
        rig.CopySample("ckan-miyagi/files/041009/041009_tourism.csv", "lied.csv");
        rig.CopySample("ckan-miyagi/files/041009/041009_evacuation_space.csv", "shrinks.csv");
        var site = new FakeCkanSite(rig.Server);
        var p = Package(rig, "00000000-0000-0000-0000-000000000001", "good", "AED設置箇所一覧");
        var resources = (JsonArray)p["resources"]!;
        var template = resources[0]!.DeepClone().AsObject();
        void AddResource(string key, string url)
        {
            var r = template.DeepClone().AsObject();
            r["id"] = key;
            r["name"] = key;
            r["url"] = url;
            resources.Add(r);
        }
        AddResource("status500", rig.Server.Url("/status/500").ToString());
        AddResource("hang", rig.Server.Url("/hang").ToString());
        AddResource("reset", rig.Server.Url("/reset").ToString());
        AddResource("truncated", rig.Server.Url("/truncate?declared=5000&sent=100").ToString());
        AddResource("lie", rig.Server.Url("/files/lied.csv?type=application/pdf").ToString());
        AddResource("loop", rig.Server.Url("/loop/a").ToString());
        AddResource("private", rig.Server.Url("/redirect?to=" + Uri.EscapeDataString($"http://internal.test:{rig.Server.Port}/files/good.csv")).ToString());
        AddResource("metadata", $"http://metadata.test:{rig.Server.Port}/latest/meta-data/");
        AddResource("bomb", rig.Server.Url("/zipbomb.zip").ToString());
        AddResource("shrinks", rig.Server.Url("/files/shrinks.csv").ToString());
        site.Add(p);
        var source = rig.AddSource("ckan", site.SiteUrl.ToString(), id: "bad");

        var job = Assert.Single((await rig.HarvestAsync(source.Id)).Jobs);
        Assert.Equal(HarvestJobState.Done, job.State);
        using (var read = rig.Read())
        {
            var items = read.JobItems(job.Id).ToDictionary(i => i.Url!.Contains("files/good.csv", StringComparison.Ordinal) && !i.Url.Contains("redirect", StringComparison.Ordinal) ? "good" : Key(i.Url));
            Assert.Equal(HarvestItemOutcome.Published, items["good"].Outcome);
            Assert.Equal(HarvestItemOutcome.Published, items["lie"].Outcome); // the content decides, not the declared type
            Assert.Equal(HarvestItemOutcome.Published, items["shrinks"].Outcome);
            foreach (var bad in new[] { "status500", "hang", "reset", "truncate", "loop", "redirect", "metadata" })
                Assert.True(items[bad].Outcome == HarvestItemOutcome.Failed, $"{bad}: {items[bad].Outcome} {items[bad].Reason}");
            Assert.Contains("HttpStatus", items["status500"].Reason, StringComparison.Ordinal);
            Assert.Contains("Timeout", items["hang"].Reason, StringComparison.Ordinal);
            Assert.Contains("Truncated", items["truncate"].Reason, StringComparison.Ordinal);
            Assert.Contains("RedirectLoop", items["loop"].Reason, StringComparison.Ordinal);
            Assert.Contains("PrivateAddressRefused", items["redirect"].Reason, StringComparison.Ordinal);
            Assert.Contains("PrivateAddressRefused", items["metadata"].Reason, StringComparison.Ordinal);
            Assert.Equal(HarvestItemOutcome.Failed, items["zipbomb"].Outcome);
            Assert.Contains("archive refused", items["zipbomb"].Reason, StringComparison.Ordinal);
        }
        Assert.Equal(150, rig.Export("aed").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1);
        var evac = rig.Export("evacuation-site").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.True(evac > 100);

        // A truncated re-publication (a tenth of the rows) is kept but does not replace the published table.
        var lines = File.ReadAllLines(Path.Combine(rig.Files, "shrinks.csv"));
        File.WriteAllLines(Path.Combine(rig.Files, "shrinks.csv"), lines.Take(lines.Length / 10));
        job = Assert.Single((await rig.HarvestAsync(source.Id)).Jobs);
        Assert.Equal(1, job.Counts.Held);
        Assert.Equal(evac, rig.Export("evacuation-site").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        using (var read = rig.Read())
        {
            var held = Assert.Single(read.JobItems(job.Id), i => i.Outcome == HarvestItemOutcome.Held);
            Assert.Contains("rows dropped", held.Reason, StringComparison.Ordinal);
        }
        Assert.All(rig.Server.Requests, r => Assert.DoesNotContain("meta-data", r.Path, StringComparison.Ordinal));
    }

    private static string Key(string url)
    {
        var path = new Uri(url).AbsolutePath;
        if (url.Contains("metadata.test", StringComparison.Ordinal)) return "metadata";
        if (path.StartsWith("/status/", StringComparison.Ordinal)) return "status500";
        if (path.StartsWith("/loop/", StringComparison.Ordinal)) return "loop";
        if (path.Contains("lied", StringComparison.Ordinal)) return "lie";
        if (path.Contains("shrinks", StringComparison.Ordinal)) return "shrinks";
        return path.Trim('/').Replace(".zip", "", StringComparison.Ordinal);
    }
}
