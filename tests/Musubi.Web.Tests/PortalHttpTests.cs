using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Musubi.Harvest;
using Musubi.Hosting;
using Musubi.Operations;
using Musubi.Web.Tests.Support;
using Parquet;

namespace Musubi.Web.Tests;

/// <summary>The portal over the harvested demo sources: search, pages, API, downloads, CKAN compatibility, DCAT, hostile data.</summary>
public sealed class PortalHttpTests(PortalSite site) : IClassFixture<PortalSite>
{
    private HttpClient Http => site.Server.Http;

    private async Task<JsonNode> Json(string path) => JsonNode.Parse(await Http.GetStringAsync(path))!;

    private static string Q(string s) => Uri.EscapeDataString(s);

    [Fact]
    public void The_demo_sources_were_harvested()
    {
        Assert.Equal(5, site.Jobs.Count);
        Assert.All(site.Jobs, j => Assert.Equal(Musubi.Catalog.HarvestJobState.Done, j.State));
        Assert.True(site.Jobs.Sum(j => j.Counts.Published) >= 26);
    }

    [Fact]
    public async Task A_second_musubi_harvests_this_one_as_a_ckan_source_and_a_second_harvest_changes_nothing()
    {
        // Loopback is a private address: the second store allows it, as `musubi serve --allow-private-addresses` would.
        var store = new MusubiOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "musubi-web-" + Guid.NewGuid().ToString("N")), AllowPrivateAddresses = true };
        await using var second = await TestServer.StartAsync(store: store);
        var add = await second.App.Services.GetRequiredService<AddSourceOperation>()
            .RunAsync(new AddSourceRequest("ckan", new Uri(site.Server.BaseAddress, "api/3/action/").ToString()) { Id = "first-musubi", Schedule = "manual" }, Caller.Operator);
        Assert.True(add.IsOk, add.IsOk ? "" : add.Error.Message);
        var harvest = second.App.Services.GetRequiredService<HarvestOperation>();

        var run = await harvest.RunAsync(new HarvestRequest { SourceIds = ["first-musubi"] }, Caller.Operator);
        Assert.True(run.IsOk, run.IsOk ? "" : run.Error.Message);
        var job = run.Value.Jobs.Single();
        Assert.True(job.State == Musubi.Catalog.HarvestJobState.Done, job.Message);
        var packages = (await Json("/api/3/action/package_list"))["result"]!.AsArray().Count;
        Assert.Equal(packages, job.Counts.Datasets);
        Assert.True(job.Counts.Published >= 20, $"published {job.Counts.Published} of {job.Counts.Resources}");

        var again = (await harvest.RunAsync(new HarvestRequest { SourceIds = ["first-musubi"] }, Caller.Operator)).Value.Jobs.Single();
        Assert.Equal(Musubi.Catalog.HarvestJobState.Done, again.State);
        Assert.Equal(0, again.Counts.Published);
        Assert.Equal(0, again.Counts.Deleted);
        Assert.Equal(job.Counts.Datasets, again.Counts.Datasets);
    }

    [Theory]
    [InlineData("AED", "aed")]
    [InlineData("避難", "evacuation-site")]
    [InlineData("ＡＥＤ", "aed")]
    [InlineData("トイレ", "public-toilet")]
    public async Task Search_finds_the_datasets_of_the_standard(string q, string standard)
    {
        var r = await Json($"/api/v1/search?kind=dataset&q={Q(q)}");
        var hits = r["hits"]!.AsArray();
        Assert.True(hits.Count >= 4, $"{q}: {hits.Count} hits");
        Assert.Equal(standard, hits[0]!["standard"]!.GetValue<string>());
        Assert.True(r["facets"]!["prefecture"]!.AsArray().Count >= 2);
    }

    [Fact]
    public async Task A_dataset_whose_title_says_nothing_is_found_by_its_standard_and_parks_by_their_records()
    {
        var aed = await Json($"/api/v1/search?kind=dataset&size=50&q={Q("AED")}");
        Assert.Contains(aed["hits"]!.AsArray(), h => h!["title"]!.GetValue<string>().StartsWith("一覧表", StringComparison.Ordinal));

        var parks = await Json($"/api/v1/search?kind=record&q={Q("公園")}");
        Assert.True(parks["total"]!.GetValue<int>() > 10);
        Assert.Contains("公園", parks["hits"]![0]!["title"]!.GetValue<string>());
        var datasets = await Json($"/api/v1/search?kind=dataset&q={Q("公園")}");
        Assert.True(datasets["total"]!.GetValue<int>() > 0, "a dataset is found by its records' content");
    }

    [Fact]
    public async Task Near_queries_come_back_nearest_first_and_cursors_page_without_repeats()
    {
        var near = await Json("/api/v1/standards/evacuation-site/records?near=38.2626,140.8711&radius=3000&limit=5");
        var d = near["records"]!.AsArray().Select(r => r!["distanceMeters"]!.GetValue<double>()).ToList();
        Assert.NotEmpty(d);
        Assert.Equal(d.Order(), d);
        Assert.All(d, x => Assert.True(x <= 3000));

        var seen = new HashSet<long>();
        long? after = 0;
        var pages = 0;
        while (after is not null && pages++ < 100)
        {
            var page = await Json($"/api/v1/standards/aed/records?limit=100&after={after}");
            foreach (var r in page["records"]!.AsArray()) Assert.True(seen.Add(r!["id"]!.GetValue<long>()));
            after = page["next"]?.GetValue<long>();
        }
        Assert.True(seen.Count > 300);
        var filtered = await Json($"/api/v1/standards/aed/records?publisher=202029&limit=1000");
        Assert.All(filtered["records"]!.AsArray(), r => Assert.Equal("202029", r!["publisherCode"]!.GetValue<string>()));
    }

    [Fact]
    public async Task National_downloads_parse_as_csv_geojson_json_and_parquet_with_the_same_rows()
    {
        using var csv = await Http.GetAsync("/api/v1/standards/aed/records.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.False(bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }));
        var lines = Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("全国地方公共団体コード,ID,", lines[0]);
        var etag = csv.Headers.ETag!;
        Assert.NotNull(csv.Content.Headers.LastModified);

        using (var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/standards/aed/records.csv"))
        {
            again.Headers.IfNoneMatch.Add(etag);
            Assert.Equal(HttpStatusCode.NotModified, (await Http.SendAsync(again)).StatusCode);
        }

        var bom = await Http.GetByteArrayAsync("/api/v1/standards/aed/records.csv?bom=1");
        Assert.True(bom.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }));

        var geo = await Json("/api/v1/standards/aed/records.geojson");
        Assert.Equal("FeatureCollection", geo["type"]!.GetValue<string>());
        var features = geo["features"]!.AsArray();
        Assert.True(features.Count > 300);
        Assert.Equal("Point", features.First(f => f!["geometry"] is JsonObject)!["geometry"]!["type"]!.GetValue<string>());

        await using var parquet = new MemoryStream(await Http.GetByteArrayAsync("/api/v1/standards/aed/records.parquet"));
        await using var reader = await ParquetReader.CreateAsync(parquet);
        long rows = 0;
        for (var g = 0; g < reader.RowGroupCount; g++) rows += reader.OpenRowGroupReader(g).RowCount;
        Assert.Equal(features.Count, rows);
        Assert.Contains(reader.Schema.GetDataFields(), f => f.Name == "名称");
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/v1/standards/no-such/records.csv")).StatusCode);
    }

    [Fact]
    public async Task Hostile_data_is_shown_inert_and_neutralized_in_exports()
    {
        var hits = await Json($"/api/v1/search?kind=record&q={Q("evil")}");
        var evil = hits["hits"]!.AsArray().First(h => h!["title"]!.GetValue<string>().Contains("<script>", StringComparison.Ordinal))!;
        var datasetId = evil["datasetId"]!.GetValue<long>();
        foreach (var path in new[] { $"/datasets/{datasetId}", $"/en/datasets/{datasetId}", $"/search?kind=record&q={Q("evil")}", "/standards/aed?publisher=131016", "/publishers/131016" })
        {
            var html = await Http.GetStringAsync(path);
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("<img src=x", html);
            Assert.DoesNotContain("href=\"javascript:", html);
            Assert.DoesNotContain("<i>hostile</i>", html);
        }
        var page = await Http.GetStringAsync($"/datasets/{datasetId}");
        Assert.Contains("&lt;script&gt;", page);

        var csv = await Http.GetStringAsync("/api/v1/standards/aed/records.csv?publisher=131016");
        Assert.Contains("'=HYPERLINK", csv);
        Assert.DoesNotContain(",=HYPERLINK", csv);
        await using var parquet = new MemoryStream(await Http.GetByteArrayAsync("/api/v1/standards/aed/records.parquet?publisher=131016"));
        await using var reader = await ParquetReader.CreateAsync(parquet);
        var name = reader.Schema.GetDataFields().First(f => f.Name == "名称");
        var group = reader.OpenRowGroupReader(0);
        var values = new string?[group.RowCount];
        await group.ReadAsync(name, values.AsMemory());
        Assert.Contains(values, v => v is not null && v.StartsWith("'=HYPERLINK", StringComparison.Ordinal));
    }

    [SharedFact]
    public async Task Ckan_answers_have_the_keys_and_types_of_a_recorded_real_package()
    {
        var recorded = JsonNode.Parse(await File.ReadAllTextAsync(Shared.Hub("ckan-responses", "tokyo_package_search_item_soumu_2026.json")!))!.AsObject();
        var search = await Json("/api/3/action/package_search?q=AED&rows=2&facet.field=organization&facet.field=res_format");
        Assert.True(search["success"]!.GetValue<bool>());
        var result = search["result"]!.AsObject();
        Assert.Equal(["count", "facets", "results", "search_facets", "sort"], result.Select(p => p.Key).Order());
        var ours = result["results"]![0]!.AsObject();
        foreach (var (key, value) in recorded)
        {
            Assert.True(ours.ContainsKey(key), $"package key {key} missing");
            if (value is not null && ours[key] is { } mine && key is not ("url" or "version" or "license_url" or "maintainer" or "maintainer_email" or "author" or "author_email" or "creator_user_id"))
                Assert.True(value.GetValueKind() == mine.GetValueKind(), $"{key}: {value.GetValueKind()} vs {mine.GetValueKind()}");
        }
        var recordedResource = recorded["resources"]![0]!.AsObject();
        var resource = ours["resources"]![0]!.AsObject();
        foreach (var (key, _) in recordedResource) Assert.True(resource.ContainsKey(key), $"resource key {key} missing");
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$", ours["metadata_modified"]!.GetValue<string>());
        Assert.True(result["search_facets"]!["organization"]!["items"]!.AsArray().Count > 0);

        var show = await Json("/api/3/action/package_show?id=" + ours["id"]!.GetValue<string>());
        Assert.Equal(ours["title"]!.GetValue<string>(), show["result"]!["title"]!.GetValue<string>());
        var resourceShow = await Json("/api/3/action/resource_show?id=" + resource["id"]!.GetValue<string>());
        Assert.Equal(resource["url"]!.GetValue<string>(), resourceShow["result"]!["url"]!.GetValue<string>());
        using var missing = await Http.GetAsync("/api/3/action/package_show?id=nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Not Found Error", JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["error"]!["__type"]!.GetValue<string>());
        using var negative = await Http.GetAsync("/api/3/action/package_search?rows=-1");
        Assert.Equal(HttpStatusCode.Conflict, negative.StatusCode);
        using var unknown = await Http.GetAsync("/api/3/action/package_search?bogus=1");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("Search Query Error", JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["error"]!["__type"]!.GetValue<string>());

        var datastore = await Json("/api/3/action/datastore_search?resource_id=aed&limit=5&filters=" + Q("{\"全国地方公共団体コード\":\"202029\"}"));
        var ds = datastore["result"]!.AsObject();
        foreach (var key in new[] { "fields", "records", "limit", "offset", "total", "_links", "next_page", "total_was_estimated", "resource_id" }) Assert.True(ds.ContainsKey(key), key);
        Assert.Equal(5, ds["records"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_ckan_harvester_and_magda_paging_sequences_see_every_package_once()
    {
        // ckanext-harvest: rows=N&start=k*N&sort=id asc until an empty page, never reading count.
        var ids = new List<string>();
        string? previous = null;
        for (var start = 0; start < 1000; start += 4)
        {
            var body = await Http.GetStringAsync($"/api/3/action/package_search?rows=4&start={start}&sort=id+asc");
            Assert.NotEqual(previous, body);
            previous = body;
            var results = JsonNode.Parse(body)!["result"]!["results"]!.AsArray();
            if (results.Count == 0) break;
            ids.AddRange(results.Select(r => r!["id"]!.GetValue<string>()));
        }
        var list = (await Json("/api/3/action/package_list"))["result"]!.AsArray();
        Assert.Equal(list.Count, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());

        // Magda: organization_list?all_fields=true with offset/limit until an empty page.
        var orgs = new List<string>();
        for (var offset = 0; offset < 100; offset += 2)
        {
            var page = (await Json($"/api/3/action/organization_list?all_fields=true&offset={offset}&limit=2"))["result"]!.AsArray();
            if (page.Count == 0) break;
            orgs.AddRange(page.Select(o => o!["name"]!.GetValue<string>()));
        }
        Assert.Equal(6, orgs.Distinct().Count());

        // ckanapi posts to /api/action/ without a version, and a POST is never redirected.
        using var post = await Http.PostAsync("/api/action/package_search", new StringContent("{\"q\":\"避難\",\"rows\":1}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.True(JsonNode.Parse(await post.Content.ReadAsStringAsync())!["result"]!["count"]!.GetValue<int>() >= 4);
    }

    private static string NodeTools => NpmFactAttribute.Directory;

    private static async Task<string> Node(string script, params string[] args)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = NodeTools, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"node {script}: {await stderr}");
        return await stdout;
    }

    [NpmFact]
    public async Task The_npm_ckan_clients_work_against_musubi()
    {
        var answer = JsonNode.Parse(await Node("ckan-clients.mjs", site.Server.BaseAddress.ToString(), "AED"))!;
        Assert.True(answer["ckanapi_search"]!["count"]!.GetValue<int>() >= 4);
        Assert.Equal(answer["ckanapi_search"]!["results"]![0]!["id"]!.GetValue<string>(), answer["ckanapi_show"]!["id"]!.GetValue<string>());
        Assert.True(answer["ckanapi_orgs"]!.AsArray().Count >= 5);
        Assert.Equal("Not Found Error", answer["ckanapi_missing"]!["__type"]!.GetValue<string>());
        Assert.Null(answer["ckanjs_list"]!["err"]);
        Assert.True(answer["ckanjs_list"]!["res"]!["success"]!.GetValue<bool>());
        Assert.Equal("2.10.4", answer["ckanjs_status"]!["res"]!["result"]!["ckan_version"]!.GetValue<string>());
        Assert.Contains("404", answer["ckanjs_missing"]!["err"]!.GetValue<string>());
    }

    [NpmFact(NeedsShared = true)]
    public async Task The_dcat_ap_catalog_passes_the_semic_shacl_shapes()
    {
        var ttl = await Http.GetStringAsync("/catalog.ttl");
        var jsonld = await Json("/catalog.jsonld");
        Assert.True(jsonld["@graph"]!.AsArray().Count > 20);
        var file = Path.Combine(Path.GetTempPath(), "musubi-catalog-" + Guid.NewGuid().ToString("N") + ".ttl");
        await File.WriteAllTextAsync(file, ttl);
        try
        {
            var shapes = Shared.Hub("dcat-ap-shacl", "3.0.1", "html__shacl__shapes.ttl")!;
            var report = JsonNode.Parse(await Node("shacl.mjs", shapes, file))!;
            Assert.True(report["conforms"]!.GetValue<bool>(), report["results"]!.ToJsonString());
            Assert.True(report["quads"]!.GetValue<int>() > 100);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
