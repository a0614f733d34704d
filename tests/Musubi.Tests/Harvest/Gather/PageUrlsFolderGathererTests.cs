using System.IO.Compression;
using System.Text;
using Musubi.Harvest.Gather;
using Musubi.Tests.Read;
using Musubi.Tests.Support;

namespace Musubi.Tests.Harvest.Gather;

/// <summary>The page, urls and folder gatherers on fixtures in Fixtures/harvest (served on 127.0.0.1 as site.test).</summary>
public sealed class PageUrlsFolderGathererTests : IAsyncLifetime
{
    private TestWebServer _server = null!;
    private readonly TempDir _temp = new();
    private TestFetch _fetch = null!;

    public async Task InitializeAsync()
    {
        _server = await TestWebServer.StartAsync();
        _server.MapText("/", "<!DOCTYPE html><html><body><h1>テスト市</h1><a href=\"/files/harvest/page/index.html\">オープンデータ</a></body></html>", "text/html; charset=utf-8");
        _fetch = new TestFetch(TestFetch.Short(_temp.Path));
    }

    public async Task DisposeAsync()
    {
        _fetch.Dispose();
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    private string Site(string path) => $"http://site.test:{_server.Port}{path}";

    private async Task<GatherResult> Gather(SourceDefinition source, GatherLimits? limits = null)
    {
        var r = await SourceGatherers.GatherAsync(source, new GatherContext(_fetch.Fetcher, _temp.Path, limits)).WaitAsync(TimeSpan.FromSeconds(120));
        Assert.Empty(Directory.GetFiles(_temp.Path));
        return r;
    }

    private Task<GatherResult> Page(string path, int depth) =>
        Gather(new SourceDefinition("page-1", SourceKind.Page, Site(path)) { PageDepth = depth });

    [Fact]
    public async Task A_listing_page_gives_one_dataset_per_data_link_titled_from_its_context()
    {
        var r = await Page("/files/harvest/page/index.html", depth: 0);
        Assert.True(r.IsComplete, r.Failure?.Message ?? r.IncompleteReason);
        var byUrl = r.Datasets.ToDictionary(d => d.Key);
        string U(string rel) => Site("/files/harvest/page/" + rel);

        Assert.Equal(
            new[] { "data/shelter.csv", "data/shelter.xlsx", "data/aed.csv", "data/toilet.csv", "download.php?id=42", "data/kanko.zip" }.Select(U)
                .Append($"http://other.test:{_server.Port}/files/remote/population.csv"),
            r.Datasets.Select(d => d.Key));
        Assert.Equal("指定緊急避難場所一覧", byUrl[U("data/shelter.csv")].Title);
        Assert.Equal("CSV（5KB）", byUrl[U("data/shelter.csv")].Resources[0].Name);
        Assert.Equal("XLSX", byUrl[U("data/shelter.xlsx")].Resources[0].Format);
        Assert.Equal("AED設置場所", byUrl[U("data/aed.csv")].Title);
        Assert.Equal("公衆トイレ一覧", byUrl[U("data/toilet.csv")].Title);
        Assert.Equal("観光施設一覧", byUrl[U("data/kanko.zip")].Title);
        var ambiguous = byUrl[U("download.php?id=42")];
        Assert.Equal("人口統計データ", ambiguous.Title);
        Assert.True(ambiguous.Resources[0].NeedsSniff);
        Assert.Null(ambiguous.Resources[0].Format);
        Assert.All(r.Datasets, d => Assert.Contains(Assert.Single(d.Resources).Url!.Scheme, new[] { "http", "https" }));
        Assert.Equal(1, _server.CountFor("/files/harvest/page/index.html"));
        Assert.Equal(0, _server.CountFor("/files/harvest/page/sub/page2.html")); // depth 0 follows nothing
    }

    [Fact]
    public async Task Pages_on_the_same_host_are_followed_to_the_set_depth_and_no_further()
    {
        var one = await Page("/files/harvest/page/index.html", depth: 1);
        Assert.True(one.IsComplete, one.IncompleteReason);
        var spots = one.Datasets.Single(d => d.Key == Site("/files/harvest/page/data/spots.csv"));
        Assert.Equal("観光施設", spots.Title); // link text "CSV" says nothing: the nearest heading names it
        Assert.DoesNotContain(one.Datasets, d => d.Key.EndsWith("deep.csv", StringComparison.Ordinal));
        Assert.Equal(1, _server.CountFor("/files/harvest/page/index.html")); // the link back is not fetched again
        Assert.Equal(0, _server.CountFor("/outside.html"));

        var two = await Page("/files/harvest/page/index.html", depth: 2);
        Assert.Contains(two.Datasets, d => d.Key == Site("/files/harvest/page/data/deep.csv") && d.Title == "深い階層のデータ");
    }

    [Fact]
    public async Task A_shift_jis_page_and_a_base_element_are_honoured()
    {
        var sjis = await Page("/files/harvest/page/sjis.html", depth: 0);
        Assert.Equal(["保育園一覧", "子育て支援施設一覧"], sjis.Datasets.Select(d => d.Title));

        var b = await Page("/files/harvest/page/base.html", depth: 0);
        var d = Assert.Single(b.Datasets);
        Assert.Equal(Site("/files/harvest/page/data/kondate.csv"), d.Key);
        Assert.Equal("給食献立", d.Title);
    }

    [Fact]
    public async Task A_page_source_that_is_not_html_or_not_reachable_fails_clearly()
    {
        var csv = await Page("/files/read/plain.tsv", depth: 0);
        Assert.Equal(GatherFailureReason.NotHtml, csv.Failure?.Reason);
        var refused = await Gather(new SourceDefinition("p", SourceKind.Page, $"http://internal.test:{_server.Port}/"));
        Assert.Equal(GatherFailureReason.FetchFailed, refused.Failure?.Reason);
        var file = await Gather(new SourceDefinition("p", SourceKind.Page, "file:///etc/"));
        Assert.Equal(GatherFailureReason.InvalidSource, file.Failure?.Reason);
    }

    [Fact]
    public async Task A_linked_page_that_fails_makes_the_listing_incomplete()
    {
        _server.MapText("/with-broken", "<html><body><a href=\"/status/500\">壊れたページ</a><a href=\"/a.csv\">A</a></body></html>", "text/html");
        var r = await Gather(new SourceDefinition("p", SourceKind.Page, Site("/with-broken")) { PageDepth = 1 });
        Assert.True(r.IsOk);
        Assert.False(r.IsComplete);
        Assert.Single(r.Datasets);
        Assert.Contains(r.Warnings, w => w.Contains("500"));
    }

    [Fact]
    public async Task A_url_list_takes_http_urls_and_names_the_lines_it_skips()
    {
        var remote = await Gather(new SourceDefinition("u", SourceKind.Urls, Site("/files/harvest/urls.txt")));
        Assert.True(remote.IsComplete, remote.Failure?.Message);
        Assert.Equal(
            [Site("/files/read/plain.tsv"), Site("/files/read/cp932.csv"), Site("/files/read/utf8bom.csv"), "https://www.example.invalid/api/data?id=7"],
            remote.Datasets.Select(d => d.Key));
        Assert.Equal("タブ区切りの表", remote.Datasets[0].Title);
        Assert.Equal("cp932.csv", remote.Datasets[1].Title);
        Assert.True(remote.Datasets[3].Resources[0].NeedsSniff);
        Assert.False(remote.Datasets[0].Resources[0].NeedsSniff);
        Assert.Equal(3, remote.Warnings.Count);
        Assert.Contains(remote.Warnings, w => w.Contains("line 8") && w.Contains("file:///etc/passwd"));

        // A local list: relative lines have nothing to resolve against and are skipped too.
        var local = _temp.File("../urls-local.txt");
        File.WriteAllText(local, "# list\nhttps://a.example/x.csv\n\n/relative.csv\nhttps://a.example/x.csv\n");
        try
        {
            var r = await Gather(new SourceDefinition("u", SourceKind.Urls, local));
            Assert.Equal(["https://a.example/x.csv"], r.Datasets.Select(d => d.Key));
            Assert.Single(r.Warnings);
        }
        finally
        {
            File.Delete(local);
        }
        var missing = await Gather(new SourceDefinition("u", SourceKind.Urls, _temp.File("nope.txt")));
        Assert.Equal(GatherFailureReason.NotFound, missing.Failure?.Reason);
    }

    [Fact]
    public async Task A_folder_gives_its_tables_and_the_tables_inside_its_zips()
    {
        using var folder = new TempDir();
        Directory.CreateDirectory(Path.Combine(folder.Path, "防災"));
        File.WriteAllText(Path.Combine(folder.Path, "防災", "避難所.csv"), "名称,住所\nA,東京都\n");
        File.WriteAllBytes(Path.Combine(folder.Path, "aed.xlsx"), XlsxBuilder.Build([("Sheet1", [["名称"], ["A"]])]));
        File.WriteAllText(Path.Combine(folder.Path, "table.txt"), "a\tb\n1\t2\n");
        File.WriteAllText(Path.Combine(folder.Path, "readme.txt"), "このフォルダについての説明。\n");
        File.WriteAllBytes(Path.Combine(folder.Path, "fake.csv"), "%PDF-1.4 not a table"u8.ToArray());
        File.WriteAllText(Path.Combine(folder.Path, ".hidden.csv"), "a,b\n");
        File.WriteAllText(Path.Combine(folder.Path, "empty.csv"), "");
        using (var ms = new MemoryStream())
        {
            using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, true, Musubi.Read.EncodingDetector.Cp932))
            {
                using (var s = zip.CreateEntry("観光/観光施設.csv").Open()) s.Write(Encoding.UTF8.GetBytes("名称\nA\n"));
                using (var s = zip.CreateEntry("説明.pdf").Open()) s.Write("%PDF-1.4"u8);
            }
            File.WriteAllBytes(Path.Combine(folder.Path, "kanko.zip"), ms.ToArray());
        }
        File.WriteAllBytes(Path.Combine(folder.Path, "bomb.zip"), TestWebServer.MakeZip([("zeros.csv", new byte[16 * 1024 * 1024])]));

        var r = await Gather(new SourceDefinition("f", SourceKind.Folder, folder.Path));
        Assert.True(r.IsComplete, r.Failure?.Message ?? r.IncompleteReason);
        Assert.Equal(["aed.xlsx", "bomb.zip", "kanko.zip", "table.txt", "防災/避難所.csv"], r.Datasets.Select(d => d.Key));
        var shelter = r.Datasets.Single(d => d.Key == "防災/避難所.csv");
        Assert.Equal("避難所", shelter.Title);
        Assert.Equal(Path.Combine(folder.Path, "防災", "避難所.csv"), shelter.Resources[0].LocalPath);
        Assert.Null(shelter.Resources[0].Url);
        Assert.Equal("CSV", shelter.Resources[0].Format);
        Assert.Equal("XLSX", r.Datasets.Single(d => d.Key == "aed.xlsx").Resources[0].Format);
        Assert.Equal("TSV", r.Datasets.Single(d => d.Key == "table.txt").Resources[0].Format);
        var kanko = r.Datasets.Single(d => d.Key == "kanko.zip");
        var entry = Assert.Single(kanko.Resources);
        Assert.Equal("観光/観光施設.csv", entry.ArchiveEntry);
        Assert.Equal("kanko.zip!観光/観光施設.csv", entry.Key);
        // The bomb stays as one resource (its failure is reported when it is fetched), with a warning now.
        var bomb = r.Datasets.Single(d => d.Key == "bomb.zip");
        Assert.Null(Assert.Single(bomb.Resources).ArchiveEntry);
        Assert.Contains(r.Warnings, w => w.Contains("bomb.zip") && w.Contains("zip bomb"));
        Assert.Contains(r.Warnings, w => w.Contains("fake.csv"));

        var missing = await Gather(new SourceDefinition("f", SourceKind.Folder, Path.Combine(folder.Path, "nope")));
        Assert.Equal(GatherFailureReason.NotFound, missing.Failure?.Reason);
    }
}
