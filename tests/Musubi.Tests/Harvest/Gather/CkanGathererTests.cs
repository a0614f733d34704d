using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Musubi.Harvest.Gather;
using Musubi.Tests.Support;

namespace Musubi.Tests.Harvest.Gather;

/// <summary>The ckan gatherer against <see cref="FakeCkanSite"/> on 127.0.0.1, with generated and recorded real package dicts.</summary>
public sealed class CkanGathererTests : IAsyncLifetime
{
    private TestWebServer _server = null!;
    private readonly TempDir _temp = new();
    private TestFetch _fetch = null!;

    public async Task InitializeAsync()
    {
        _server = await TestWebServer.StartAsync();
        _fetch = new TestFetch(TestFetch.Short(_temp.Path));
    }

    public async Task DisposeAsync()
    {
        _fetch.Dispose();
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    private GatherContext Context(GatherLimits? limits = null) => new(_fetch.Fetcher, _temp.Path, limits);

    private static SourceDefinition Source(Uri location, int pageSize = 10) => new("src-1", SourceKind.Ckan, location.ToString()) { PageSize = pageSize };

    private async Task<GatherResult> Gather(Uri location, int pageSize = 10, GatherLimits? limits = null)
    {
        var r = await new CkanGatherer().GatherAsync(Source(location, pageSize), Context(limits)).WaitAsync(TimeSpan.FromSeconds(120));
        Assert.Empty(Directory.GetFiles(_temp.Path)); // listing pages are deleted once parsed
        return r;
    }

    [Fact]
    public async Task Every_dataset_is_listed_once_by_key_set_paging()
    {
        var site = new FakeCkanSite(_server);
        var packages = site.AddGenerated(95);
        var r = await Gather(site.SiteUrl, pageSize: 10);
        Assert.True(r.IsOk, r.Failure?.Message);
        Assert.True(r.IsComplete, r.IncompleteReason);
        Assert.Equal(packages.Select(p => (string)p["id"]!).Order(StringComparer.Ordinal), r.Datasets.Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.Equal(new Uri(site.SiteUrl, "api/3/action/"), r.CanonicalUrl);
        // Pages after the first ask for ids after the last one seen; none uses an offset.
        var searches = _server.Requests.Where(q => q.Path.EndsWith("package_search", StringComparison.Ordinal)).ToList();
        Assert.Contains(searches, q => Uri.UnescapeDataString(q.Query).Contains("+id:{\""));
        Assert.All(searches, q => Assert.DoesNotContain("start=1", q.Query));
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public async Task Package_dicts_become_plain_records()
    {
        var site = new FakeCkanSite(_server);
        var p = site.AddGenerated(1)[0];
        var r = await Gather(site.SiteUrl);
        var d = Assert.Single(r.Datasets);
        Assert.Equal((string)p["id"]!, d.Key);
        Assert.Equal((string)p["name"]!, d.Name);
        Assert.Equal("テストデータ 1-0", d.Title);
        Assert.Equal("クリエイティブ・コモンズ 表示（CC BY）", d.License);
        Assert.Equal("CC-BY-4.0", d.LicenseId);
        Assert.Equal(["推奨データセット"], d.Tags);
        Assert.Equal(["行財政"], d.Categories);
        Assert.Equal("随時", d.UpdateFrequency);
        Assert.Equal("情報推進課", d.ContactName);
        Assert.Equal("西東京市", d.Publisher);
        Assert.Equal("132292", d.PublisherCode); // the organization is named by its 全国地方公共団体コード
        Assert.Equal(new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero), d.Modified!.Value.Utc);
        Assert.Equal("2024-04-01T00:00:00.000000", d.Modified!.Value.Raw);
        Assert.Equal(new Uri(site.SiteUrl, "dataset/" + d.Name), d.LandingPage);
        var res = Assert.Single(d.Resources);
        Assert.Equal("CSV", res.Format);
        Assert.Equal(_server.Url("/files/" + d.Name + ".csv"), res.Url);
    }

    [Fact]
    public async Task Both_api_paths_and_a_path_prefix_work()
    {
        var site = new FakeCkanSite(_server, "/data/");
        site.AddGenerated(3);
        foreach (var location in new[] { site.SiteUrl, new Uri(site.SiteUrl, "api/action/"), new Uri(site.SiteUrl, "api/3/action/"), new Uri(site.SiteUrl, "api/") })
        {
            var r = await Gather(location);
            Assert.True(r.IsComplete, $"{location}: {r.Failure?.Message ?? r.IncompleteReason}");
            Assert.Equal(3, r.Datasets.Count);
        }
    }

    [Fact]
    public async Task Paging_neither_loses_nor_duplicates_when_datasets_are_added_and_removed_between_pages()
    {
        var site = new FakeCkanSite(_server);
        site.AddGenerated(60, seed: 11);
        var before = site.Ids.ToHashSet();
        var sorted = site.Ids.Order(StringComparer.Ordinal).ToList();
        var removed = new List<string>();
        site.BeforeSearchPage = (n, s) =>
        {
            // Between pages 2 and 3 of the walk (call 1 is the probe): remove datasets already listed and not yet listed,
            // and add new ones whose ids fall before and after the cursor.
            if (n != 4) return;
            foreach (var id in new[] { sorted[0], sorted[5], sorted[50] })
            {
                s.Remove(id);
                removed.Add(id);
            }
            s.AddGenerated(7, seed: 99);
        };
        var r = await Gather(site.SiteUrl, pageSize: 10);
        Assert.True(r.IsComplete, r.IncompleteReason);
        var keys = r.Datasets.Select(d => d.Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count()); // no duplicates
        var survivors = before.Except(removed).ToList();
        Assert.All(survivors, id => Assert.Contains(id, keys)); // nothing that existed throughout is lost
        Assert.DoesNotContain(sorted[50], keys); // removed before it was reached
    }

    [Fact]
    public async Task Offset_paging_on_a_site_that_ignores_the_id_range_reruns_a_pass_that_saw_changes()
    {
        var site = new FakeCkanSite(_server) { HonourIdRange = false };
        site.AddGenerated(45, seed: 21);
        var before = site.Ids.ToHashSet();
        var first = site.Ids.Order(StringComparer.Ordinal).First();
        var changed = false;
        site.BeforeSearchPage = (n, s) =>
        {
            // During the first offset pass, remove a dataset already listed: offsets shift and one would be skipped.
            if (changed || n < 5) return;
            changed = true;
            s.Remove(first);
        };
        var r = await Gather(site.SiteUrl, pageSize: 10);
        Assert.True(r.IsComplete, r.IncompleteReason);
        Assert.Contains(r.Warnings, w => w.Contains("ignores the id range"));
        Assert.Contains(r.Warnings, w => w.Contains("changed while paging"));
        var keys = r.Datasets.Select(d => d.Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(before.Except([first]).Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_site_that_keeps_changing_under_offset_paging_gives_an_incomplete_listing()
    {
        var site = new FakeCkanSite(_server) { HonourIdRange = false };
        site.AddGenerated(30, seed: 31);
        var seed = 100;
        site.BeforeSearchPage = (n, s) =>
        {
            if (n % 2 == 0) s.AddGenerated(1, seed: seed++);
        };
        var r = await Gather(site.SiteUrl, pageSize: 10);
        Assert.True(r.IsOk);
        Assert.False(r.IsComplete);
        Assert.Contains("changing", r.IncompleteReason);
    }

    [Fact]
    public async Task A_site_that_ignores_start_is_detected_and_marked_incomplete()
    {
        var site = new FakeCkanSite(_server) { HonourIdRange = false, HonourStart = false };
        site.AddGenerated(25, seed: 41);
        var r = await Gather(site.SiteUrl, pageSize: 10);
        Assert.False(r.IsComplete);
        Assert.Contains("does not advance", r.IncompleteReason);
        Assert.Equal(10, r.Datasets.Count);
    }

    [Fact]
    public async Task Without_package_search_it_falls_back_to_package_list_and_package_show()
    {
        var site = new FakeCkanSite(_server) { PackageSearchEnabled = false };
        var ids = site.AddGenerated(12, seed: 51).Select(p => (string)p["id"]!).ToList();
        var r = await Gather(site.SiteUrl);
        Assert.True(r.IsComplete, r.IncompleteReason ?? r.Failure?.Message);
        Assert.Equal(ids.Order(StringComparer.Ordinal), r.Datasets.Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.Contains(r.Warnings, w => w.Contains("package_list"));
    }

    [Fact]
    public async Task Deleted_and_private_datasets_disappear_from_the_next_listing()
    {
        var site = new FakeCkanSite(_server);
        var ids = site.AddGenerated(5, seed: 61).Select(p => (string)p["id"]!).ToList();
        var first = await Gather(site.SiteUrl);
        Assert.Equal(5, first.Datasets.Count);
        site.Remove(ids[2]); // deleted, or made private: CKAN stops listing it either way
        var second = await Gather(site.SiteUrl);
        Assert.True(second.IsComplete);
        Assert.Equal(ids.Except([ids[2]]).Order(StringComparer.Ordinal), second.Datasets.Select(d => d.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Sites_that_are_not_ckan_are_reported_clearly()
    {
        _server.MapPrefix("/html/", ctx => ctx.Response.WriteAsync("<!DOCTYPE html><html><body>ようこそ</body></html>"));
        var html = await Gather(_server.Url("/html/"));
        Assert.Equal(GatherFailureReason.NotCkan, html.Failure?.Reason);
        Assert.Contains("HTML", html.Failure!.Message);

        _server.MapPrefix("/nosuccess/", ctx => { ctx.Response.ContentType = "application/json"; return ctx.Response.WriteAsync("{\"result\": {\"count\": 1, \"results\": []}}"); });
        var noSuccess = await Gather(_server.Url("/nosuccess/"));
        Assert.Equal(GatherFailureReason.NotCkan, noSuccess.Failure?.Reason);
        Assert.Contains("`success` missing", noSuccess.Failure!.Message);

        var missing = await Gather(_server.Url("/nothing-here/"));
        Assert.Equal(GatherFailureReason.NotCkan, missing.Failure?.Reason);
        Assert.Contains("404", missing.Failure!.Message);
    }

    [Fact]
    public async Task An_unreachable_or_refused_site_is_a_fetch_failure()
    {
        var refused = await Gather(new Uri($"http://internal.test:{_server.Port}/"));
        Assert.Equal(GatherFailureReason.FetchFailed, refused.Failure?.Reason);
        Assert.Equal(Musubi.Source.FetchFailureReason.PrivateAddressRefused, refused.Failure!.Fetch?.Reason);
        Assert.DoesNotContain(_fetch.Connections, c => !System.Net.IPAddress.IsLoopback(c.Address));

        var bad = await new CkanGatherer().GatherAsync(new SourceDefinition("s", SourceKind.Ckan, "file:///etc/passwd"), Context());
        Assert.Equal(GatherFailureReason.InvalidSource, bad.Failure?.Reason);
    }

    [Fact]
    public async Task Resources_with_non_http_urls_are_dropped_and_flagged()
    {
        var site = new FakeCkanSite(_server);
        var p = FakeCkanSite.Package("00000000-0000-0000-0000-000000000001", "mixed", "混在", _server.Url("/files/"));
        var resources = (JsonArray)p["resources"]!;
        resources.Add(new JsonObject { ["id"] = "r-file", ["url"] = "file:///etc/passwd", ["format"] = "CSV" });
        resources.Add(new JsonObject { ["id"] = "r-js", ["url"] = "javascript:alert(1)", ["format"] = "CSV" });
        resources.Add(new JsonObject { ["id"] = "r-rel", ["url"] = "/download/rel.csv", ["format"] = "CSV" });
        site.Add(p);
        var r = await Gather(site.SiteUrl);
        var d = Assert.Single(r.Datasets);
        Assert.True(d.ResourcesIncomplete);
        Assert.Equal(2, d.Resources.Count);
        Assert.All(d.Resources, x => Assert.Contains(x.Url!.Scheme, new[] { "http", "https" }));
        Assert.Contains(d.Resources, x => x.Url == _server.Url("/download/rel.csv"));
        Assert.Contains(r.Warnings, w => w.Contains("r-file"));
    }

    [Fact]
    public async Task The_dataset_cap_makes_the_listing_incomplete()
    {
        var site = new FakeCkanSite(_server);
        site.AddGenerated(30, seed: 71);
        var r = await Gather(site.SiteUrl, pageSize: 10, new GatherLimits { MaxDatasets = 15 });
        Assert.False(r.IsComplete);
        Assert.Equal(15, r.Datasets.Count);
    }

    [SharedFact]
    public async Task Recorded_tokyo_and_data_go_jp_packages_are_read()
    {
        var site = new FakeCkanSite(_server);
        string Hub(string f) => SharedPaths.Get("reference", "hub", "ckan-responses", f);
        site.AddRecorded(Hub("tokyo_package_show_9089b48e-8e7e-44a5-8f46-54c91cf08dd6.json"));
        site.AddRecorded(Hub("tokyo_package_show_00066383-1352-4761-8549-ae42a2380900.json"));
        site.AddRecorded(Hub("tokyo_package_show_259d46a9-1460-4463-8ff6-a04f024f89cf.json"));
        site.AddRecorded(Hub("tokyo_package_search_item_soumu_2026.json"));
        site.AddRecorded(Hub("datagojp_package_show_via_xckan_catalog.json"));
        var r = await Gather(site.SiteUrl, pageSize: 2);
        Assert.True(r.IsComplete, r.IncompleteReason);
        Assert.Equal(5, r.Datasets.Count);

        var nishitokyo = r.Datasets.Single(d => d.Key == "9089b48e-8e7e-44a5-8f46-54c91cf08dd6");
        Assert.Equal("西東京市イベント一覧", nishitokyo.Title);
        Assert.Equal("西東京市", nishitokyo.Publisher);
        Assert.Equal("132292", nishitokyo.PublisherCode);
        Assert.Equal("随時", nishitokyo.UpdateFrequency);
        Assert.Equal(["スポーツ", "推奨データセット"], nishitokyo.Tags);
        Assert.Equal(new Uri("http://www.city.nishitokyo.lg.jp/siseizyoho/zyoho/opendata20181205.html"), nishitokyo.LandingPage);
        Assert.Equal(new Uri("http://www.city.nishitokyo.lg.jp/opendata/132292_event.csv"), Assert.Single(nishitokyo.Resources).Url);

        var big = r.Datasets.Single(d => d.Key == "259d46a9-1460-4463-8ff6-a04f024f89cf");
        Assert.Equal(502, big.Resources.Count);
        Assert.Null(big.PublisherCode); // t000003 is a bureau of the prefecture, not a code

        var soumu = r.Datasets.Single(d => d.Title == "東京都指定管理者制度");
        Assert.Equal("1年ごと", soumu.UpdateFrequency);
        Assert.Equal(5, soumu.Resources.Count);
        Assert.Equal(47104, soumu.Resources[0].Size);

        var caa = r.Datasets.Single(d => d.Key == "dedc355f-ecab-494f-806c-b6bc5fc7e785");
        Assert.Equal("消費者庁", caa.Publisher);
        Assert.Equal(["行財政"], caa.Categories);
    }

    [SharedFact]
    public async Task Recorded_package_with_a_result_cap_of_resources_is_truncated_with_a_warning()
    {
        var site = new FakeCkanSite(_server);
        site.AddRecorded(SharedPaths.Get("reference", "hub", "ckan-responses", "tokyo_package_show_259d46a9-1460-4463-8ff6-a04f024f89cf.json"));
        var r = await Gather(site.SiteUrl, limits: new GatherLimits { MaxResourcesPerDataset = 100 });
        var d = Assert.Single(r.Datasets);
        Assert.Equal(100, d.Resources.Count);
        Assert.True(d.ResourcesIncomplete);
        Assert.Contains(r.Warnings, w => w.Contains("more than 100 resources"));
    }
}
