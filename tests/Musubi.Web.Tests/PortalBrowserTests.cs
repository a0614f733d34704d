using System.Text.Json.Nodes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Musubi.Web.Tests.Support;

namespace Musubi.Web.Tests;

/// <summary>
/// The data pages in headless chromium over the harvested demo: search 「AED」「避難」「公園」, open a dataset, download,
/// the national map, the nearest shelter from an address; axe-core WCAG 2.1 AA on each page in ja and en; screenshots.
/// </summary>
public sealed class PortalBrowserTests(PortalSite site) : IClassFixture<PortalSite>
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static string Shot(string name) => Path.Combine(Browser.ScreenshotDirectory, $"portal-{name}.png");

    private async Task<long> AedDatasetId()
    {
        var r = JsonNode.Parse(await site.Server.Http.GetStringAsync("/api/v1/search?kind=dataset&q=AED"))!;
        return r["hits"]![0]!["datasetId"]!.GetValue<long>();
    }

    private static string Describe(AxeResultItem[] violations) =>
        string.Join("\n", violations.Select(v => $"{v.Id}: {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target?.ToString())))}"));

    [BrowserFact]
    public async Task Every_data_page_in_japanese_and_english_passes_axe_and_is_photographed()
    {
        var dataset = await AedDatasetId();
        var pages = new (string Name, string Path)[]
        {
            ("home", "/"),
            ("search-aed", "/search?q=AED"),
            ("search-records", "/search?q=%E5%85%AC%E5%9C%92&kind=record"),
            ("dataset", $"/datasets/{dataset}"),
            ("standard-aed", "/standards/aed"),
            ("publisher", "/publishers/041009"),
            ("nearby", "/nearby?address=" + Uri.EscapeDataString("宮城県仙台市青葉区国分町3丁目")),
            ("admin-sign-in", "/admin/sign-in"),
        };
        await using var context = await site.NewContextAsync();
        var failures = new List<string>();
        foreach (var (name, path) in pages)
        {
            foreach (var (lang, prefix) in new[] { ("ja", ""), ("en", "/en") })
            {
                var page = await context.NewPageAsync();
                var response = await page.GotoAsync(prefix + path);
                Assert.Equal(200, response!.Status);
                Assert.Equal(lang, await page.GetAttributeAsync("html", "lang"));
                if (await page.Locator("[data-map-src],[data-map-points]").CountAsync() > 0)
                    await page.WaitForSelectorAsync("[data-map-ready]", new() { Timeout = 20_000, State = WaitForSelectorState.Attached });
                var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
                if (axe.Violations.Length > 0) failures.Add($"{lang}{path}: {Describe(axe.Violations)}");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot($"{name}-{lang}"), FullPage = true });
                await page.CloseAsync();
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [BrowserFact]
    public async Task The_admin_pages_in_japanese_and_english_pass_axe_and_are_photographed()
    {
        var admins = site.Server.App.Services.GetRequiredService<Musubi.Access.CreateAdminOperation>();
        await admins.RunAsync(new Musubi.Access.CreateAdminRequest("browser-admin", "a long enough password"), Musubi.Operations.Caller.Operator);
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/sign-in");
        await page.FillAsync("#admin-name", "browser-admin");
        await page.FillAsync("#admin-password", "a long enough password");
        await page.ClickAsync("form.form button[type=submit]");
        await page.WaitForURLAsync("**/admin");
        var pages = new (string Name, string Path)[]
        {
            ("admin-tokens", "/admin"),
            ("admin-sources", "/admin/sources"),
            ("admin-jobs", "/admin/jobs"),
            ("admin-job", $"/admin/jobs/{site.Jobs[0].Id}"),
            ("admin-failures", "/admin/failures"),
        };
        var failures = new List<string>();
        foreach (var (name, path) in pages)
        {
            foreach (var (lang, prefix) in new[] { ("ja", ""), ("en", "/en") })
            {
                var response = await page.GotoAsync(prefix + path);
                Assert.Equal(200, response!.Status);
                Assert.Equal(lang, await page.GetAttributeAsync("html", "lang"));
                var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
                if (axe.Violations.Length > 0) failures.Add($"{lang}{path}: {Describe(axe.Violations)}");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot($"{name}-{lang}"), FullPage = true });
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [BrowserFact]
    public async Task Searching_aed_hinan_and_koen_finds_the_right_datasets_and_a_dataset_opens()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        foreach (var (q, expected) in new[] { ("AED", "AED"), ("避難", "避難"), ("公園", "") })
        {
            await page.GotoAsync("/");
            await page.FillAsync("#home-q", q);
            await page.ClickAsync("form.search-form button[type=submit]");
            await page.WaitForURLAsync("**/search?q=*");
            var titles = await page.Locator("[data-testid=results] .result__title a").AllInnerTextsAsync();
            Assert.True(titles.Count > 0, $"{q}: no results");
            if (expected.Length > 0) Assert.Contains(expected, titles[0]);
        }
        await page.GotoAsync("/search?q=AED");
        await page.Locator("[data-testid=results] .result__title a").First.ClickAsync();
        await page.WaitForURLAsync("**/datasets/*");
        Assert.Contains("AED", await page.InnerTextAsync("[data-testid=dataset-title]"));
        Assert.True(await page.Locator("[data-testid=preview] tbody tr").CountAsync() > 0);
        Assert.True(await page.Locator("[data-testid=conversion-summary]").CountAsync() > 0);

        // The CSV link downloads the standard CSV.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[data-format=csv]").ClickAsync());
        var path = await download.PathAsync();
        var header = File.ReadLines(path).First();
        Assert.StartsWith("全国地方公共団体コード,ID,", header);
    }

    [BrowserFact]
    public async Task The_national_map_shows_clustered_points_and_the_nearest_shelter_is_found_from_an_address()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, m) => console.Add(m.Type + ": " + m.Text);
        page.PageError += (_, e) => console.Add("error: " + e);
        await page.GotoAsync("/standards/evacuation-site");
        try
        {
            await page.WaitForSelectorAsync("[data-map-ready]", new() { Timeout = 20_000, State = WaitForSelectorState.Attached });
        }
        catch (TimeoutException)
        {
            Assert.Fail("the map did not load: " + string.Join("\n", console));
        }
        Assert.True(int.Parse(await page.GetAttributeAsync("[data-testid=national-map]", "data-map-ready") ?? "0", System.Globalization.CultureInfo.InvariantCulture) > 300);
        Assert.True(await page.Locator(".marker-cluster").CountAsync() > 0);
        Assert.True(await page.Locator("[data-testid=counts] tbody tr").CountAsync() >= 5);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("map-evacuation") });

        await page.GotoAsync("/nearby");
        await page.FillAsync("#nearby-address", "宮城県仙台市青葉区国分町3丁目");
        await page.ClickAsync("form.search-form button[type=submit]");
        await page.WaitForSelectorAsync("[data-testid=nearby-evacuation]");
        // The address's point comes from the data (no town list in the demo): the nearest site is within a few hundred metres.
        var distance = await page.Locator("[data-testid=nearby-evacuation] li .nearby-list__distance").First.InnerTextAsync();
        Assert.EndsWith(" m", distance);
        Assert.True(await page.Locator("[data-testid=nearby-aed] li").CountAsync() > 0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("nearby-result"), FullPage = true });
    }
}
