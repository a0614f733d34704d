using Musubi.Harvest.Gather;
using Musubi.Tests.Support;

namespace Musubi.Tests.Harvest.Gather;

public sealed class DcatGathererTests : IAsyncLifetime
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

    private async Task<GatherResult> Gather(string location, GatherLimits? limits = null)
    {
        var r = await new DcatGatherer().GatherAsync(new SourceDefinition("dcat-1", SourceKind.Dcat, location), new GatherContext(_fetch.Fetcher, _temp.Path, limits))
            .WaitAsync(TimeSpan.FromSeconds(120));
        Assert.Empty(Directory.GetFiles(_temp.Path));
        return r;
    }

    private FakeDcatCatalog Catalog(FakeDcatCatalog.Syntax syntax, int count, bool view = false, string path = "/catalog")
    {
        var c = new FakeDcatCatalog(_server, path, syntax, pageSize: 2, partialCollectionView: view);
        for (var i = 1; i <= count; i++)
            c.Datasets.Add(new FakeDcatDataset($"https://city.example.jp/dataset/{i}", $"避難所一覧 {i}", _server.Url($"/files/ds{i}.csv").ToString()));
        return c;
    }

    [Theory]
    [InlineData(FakeDcatCatalog.Syntax.Turtle, false)]
    [InlineData(FakeDcatCatalog.Syntax.Turtle, true)]
    [InlineData(FakeDcatCatalog.Syntax.JsonLd, false)]
    [InlineData(FakeDcatCatalog.Syntax.JsonLd, true)]
    [InlineData(FakeDcatCatalog.Syntax.RdfXml, false)]
    [InlineData(FakeDcatCatalog.Syntax.RdfXml, true)]
    public async Task Hydra_paging_is_followed_in_every_syntax(FakeDcatCatalog.Syntax syntax, bool partialCollectionView)
    {
        var c = Catalog(syntax, 5, partialCollectionView);
        var r = await Gather(c.Url.ToString());
        Assert.True(r.IsOk, r.Failure?.Message);
        Assert.True(r.IsComplete, r.IncompleteReason);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"https://city.example.jp/dataset/{i}"), r.Datasets.Select(d => d.Key));
        Assert.Equal(3, _server.CountFor("/catalog"));
        var d1 = r.Datasets[0];
        Assert.Equal("避難所一覧 1", d1.Title);
        Assert.Contains("避難所", d1.Tags);
        var res = Assert.Single(d1.Resources);
        Assert.Equal(_server.Url("/files/ds1.csv"), res.Url);
        Assert.Equal("CSV", res.Format);
        if (syntax == FakeDcatCatalog.Syntax.Turtle)
        {
            Assert.Equal(1234, res.Size);
            Assert.Equal("テスト市", d1.Publisher);
            Assert.Equal("131016", d1.PublisherCode);
            Assert.Equal(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero), d1.Modified!.Value.Utc);
            Assert.Contains("\n", d1.Description);
        }
    }

    [Fact]
    public async Task Paging_that_loops_back_stops_and_the_total_is_cross_checked()
    {
        var c = Catalog(FakeDcatCatalog.Syntax.Turtle, 4);
        c.LoopBack = true;
        var r = await Gather(c.Url + "?page=1");
        Assert.True(r.IsComplete, r.IncompleteReason);
        Assert.Equal(4, r.Datasets.Count);
        Assert.Contains(r.Warnings, w => w.Contains("loops back"));
        Assert.Equal(2, _server.CountFor("/catalog"));

        var claimed = Catalog(FakeDcatCatalog.Syntax.Turtle, 3, path: "/claimed");
        claimed.ClaimedTotal = 10;
        var short_ = await Gather(claimed.Url.ToString());
        Assert.False(short_.IsComplete);
        Assert.Contains("10", short_.IncompleteReason);
    }

    [Fact]
    public async Task A_broken_later_page_keeps_earlier_datasets_and_marks_the_listing_incomplete()
    {
        _server.MapText("/broken", """
            @prefix dcat: <http://www.w3.org/ns/dcat#> .
            @prefix dct: <http://purl.org/dc/terms/> .
            @prefix hydra: <http://www.w3.org/ns/hydra/core#> .
            <https://x.example/ds/1> a dcat:Dataset ; dct:title "一" .
            <https://x.example/page1> hydra:next <broken2> .
            """, "text/turtle");
        _server.MapText("/broken2", "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<https://x.example/ds/2> a dcat:Dataset ; dct:title \"二 .\n", "text/turtle");
        var r = await Gather(_server.Url("/broken").ToString());
        Assert.True(r.IsOk);
        Assert.False(r.IsComplete);
        Assert.Equal("https://x.example/ds/1", Assert.Single(r.Datasets).Key);
        Assert.Contains(r.Warnings, w => w.Contains("line 2"));
    }

    [Fact]
    public async Task Not_a_catalog_is_reported()
    {
        _server.MapText("/html", "<!DOCTYPE html><html><body>カタログ</body></html>", "application/rdf+xml");
        var html = await Gather(_server.Url("/html").ToString());
        Assert.Equal(GatherFailureReason.NotDcat, html.Failure?.Reason);
        Assert.Contains("HTML", html.Failure!.Message);

        _server.MapText("/bad.ttl", "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<https://x> a nope:Thing .", "text/turtle");
        var bad = await Gather(_server.Url("/bad.ttl").ToString());
        Assert.Equal(GatherFailureReason.ParseError, bad.Failure?.Reason);
        Assert.Contains("line 2", bad.Failure!.Message);

        var refused = await Gather($"http://metadata.test:{_server.Port}/catalog.ttl");
        Assert.Equal(GatherFailureReason.FetchFailed, refused.Failure?.Reason);
        Assert.DoesNotContain(_fetch.Connections, c => !System.Net.IPAddress.IsLoopback(c.Address));
    }

    [Fact]
    public async Task Distributions_without_http_urls_are_skipped()
    {
        _server.MapText("/mixed.ttl", """
            @prefix dcat: <http://www.w3.org/ns/dcat#> .
            @prefix dct: <http://purl.org/dc/terms/> .
            <https://x.example/ds/1> a dcat:Dataset ; dct:title "混在"@ja ;
              dcat:distribution [ dcat:downloadURL <file:///etc/passwd> ] ,
                                [ dcat:accessURL "https://x.example/a.csv" ; dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> ] .
            """, "text/turtle");
        var r = await Gather(_server.Url("/mixed.ttl").ToString());
        var d = Assert.Single(r.Datasets);
        var res = Assert.Single(d.Resources);
        Assert.Equal(new Uri("https://x.example/a.csv"), res.Url);
        Assert.Equal("CSV", res.Format);
        Assert.True(d.ResourcesIncomplete);
    }

    private static string Hub(string name) => SharedPaths.Get("reference", "hub", "dcat", name);

    [SharedFact]
    public async Task Real_catalogs_from_files_give_their_datasets()
    {
        var list = await Gather(Hub("ckanext-dcat__catalog_datasets_list.rdf"));
        Assert.True(list.IsComplete, list.Failure?.Message ?? list.IncompleteReason);
        var ds1 = list.Datasets.Single(d => d.Key == "https://data.some.org/catalog/datasets/1");
        Assert.Equal("Example dataset 1", ds1.Title);
        Assert.Equal(["stats", "pollution"], ds1.Tags);
        Assert.Equal("Publishing Organization for dataset 1", ds1.Publisher);
        Assert.Equal(3, ds1.Resources.Count);
        Assert.Equal("application/pdf", ds1.Resources[1].MediaType);
        Assert.Equal("text/csv", ds1.Resources[0].MediaType);

        var es = await Gather(Hub("ckanext-dcat__dataset_gob_es.ttl"));
        var madrid = Assert.Single(es.Datasets);
        Assert.StartsWith("Estudio de Satisfacción", madrid.Title);
        Assert.Equal("Ayuntamiento de Madrid", madrid.Publisher);
        Assert.Null(madrid.PublisherCode);
        var xls = Assert.Single(madrid.Resources);
        Assert.Equal(43008, xls.Size);
        Assert.Equal("XLS", xls.Format);
        Assert.Equal("application/vnd.ms-excel", xls.MediaType);
        Assert.Equal(new Uri("https://datos.madrid.es/egob/catalogo/300676-0-deporte-encuesta-escuelas.xlsx"), xls.Url);

        var de = await Gather(Hub("ckanext-dcat__dataset_gov_de.rdf"));
        var rostock = Assert.Single(de.Datasets);
        Assert.NotEmpty(rostock.Resources);
        Assert.NotNull(rostock.Modified?.Utc);

        var se = await Gather(Hub("ckanext-dcat__dataset_sweden.rdf"));
        var nobel = Assert.Single(se.Datasets);
        Assert.Equal("Linked Nobel prizes", nobel.Title);
        Assert.Equal("Nobel Media AB", nobel.ContactName);
        Assert.Equal("info@nobelmedia.org", nobel.ContactEmail);
        Assert.Equal(new Uri("http://data.nobelprize.org/"), nobel.LandingPage);

        var pod = await Gather(Hub("ckanext-dcat__catalog_pod.jsonld"));
        var widgets = pod.Datasets.Single(d => d.Key == "http://www.agency.gov/datasets/widgets-data");
        Assert.Contains("widget", widgets.Tags);
        Assert.Contains(widgets.Resources, x => x.Url == new Uri("https://data.agency.gov/datasets/widgets-statistics/widgets.csv") && x.MediaType == "text/csv");
        Assert.Equal("Jane Doe", widgets.ContactName);
    }

    [SharedFact]
    public async Task A_real_file_that_breaks_turtle_is_a_parse_error_naming_its_line()
    {
        var r = await Gather(Hub("ckanext-dcat__dataset.ttl"));
        Assert.Equal(GatherFailureReason.ParseError, r.Failure?.Reason);
        Assert.Contains("healthdcatap", r.Failure!.Message);
        Assert.Contains("line ", r.Failure.Message);
    }

    [SharedFact]
    public async Task Real_files_served_over_http_are_detected_by_content_not_by_type()
    {
        var bytes = await File.ReadAllBytesAsync(Hub("ckanext-dcat__dataset_sweden.rdf"));
        _server.MapBytes("/catalog.json", bytes, "application/json"); // a lying type
        var r = await Gather(_server.Url("/catalog.json").ToString());
        Assert.True(r.IsComplete, r.Failure?.Message);
        Assert.Single(r.Datasets);
    }
}
