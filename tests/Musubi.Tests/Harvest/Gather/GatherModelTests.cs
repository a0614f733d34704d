using System.Text.Json;
using Musubi.Harvest.Gather;
using Musubi.Tests.Support;

namespace Musubi.Tests.Harvest.Gather;

public sealed class GatherModelTests
{
    [Theory]
    [InlineData("2021-08-26T02:08:54.309405", "2021-08-26T02:08:54.3094050+00:00")] // CKAN: naive UTC
    [InlineData("2024-04-15T09:08:02+02:00", "2024-04-15T07:08:02.0000000+00:00")]
    [InlineData("2025-04-01T09:00:00+09:00", "2025-04-01T00:00:00.0000000+00:00")]
    [InlineData("2014-09-25", "2014-09-25T00:00:00.0000000+00:00")]
    [InlineData("2017/03/27", "2017-03-27T00:00:00.0000000+00:00")]
    [InlineData("2017年3月27日", "2017-03-27T00:00:00.0000000+00:00")]
    [InlineData("月, 03/27/2017 - 00:00", "2017-03-27T00:00:00.0000000+00:00")] // a CKAN-like Japanese portal
    public void Source_times_keep_the_raw_text_and_read_the_instant(string raw, string utc)
    {
        var t = SourceTime.Parse(raw)!.Value;
        Assert.Equal(raw, t.Raw);
        Assert.Equal(utc, t.Utc!.Value.ToString("o"));
    }

    [Fact]
    public void Unreadable_times_keep_the_raw_text_only()
    {
        Assert.Null(SourceTime.Parse("随時")!.Value.Utc);
        Assert.Null(SourceTime.Parse("  "));
    }

    [Theory]
    [InlineData("https://data.bodik.jp/", "https://data.bodik.jp/api/3/action/")]
    [InlineData("https://data.e-gov.go.jp/data", "https://data.e-gov.go.jp/data/api/3/action/")]
    [InlineData("https://x.example/api/action", "https://x.example/api/action/")]
    [InlineData("https://opendata.pref.aomori.lg.jp/api/", "https://opendata.pref.aomori.lg.jp/api/3/action/")]
    public void Ckan_locations_give_their_api_roots(string location, string first) =>
        Assert.Equal(first, CkanGatherer.CandidateRoots(new Uri(location))[0].ToString());

    [SharedFact]
    public void Every_japanese_catalog_endpoint_in_the_xckan_list_is_among_the_roots_tried()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedPaths.Get("reference", "hub", "ckan-responses", "xckan_sitelist_japanese_ckan_sites.json")));
        var n = 0;
        foreach (var site in doc.RootElement.EnumerateArray())
        {
            var api = new Uri(site.GetProperty("ckanapi_url").GetString()!);
            var dataset = new Uri(site.GetProperty("dataset_url").GetString()!);
            Assert.Contains(api, CkanGatherer.CandidateRoots(api));
            n++;
            // The site's base (the dataset URL without dataset/) also leads to the API root for real CKAN sites
            // (not for East-Mikawa's Drupal portal, whose dataset pages live under /search/type/dataset/).
            if (api.AbsolutePath.EndsWith("/api/3/action/", StringComparison.Ordinal) && dataset.AbsolutePath.EndsWith("/dataset/", StringComparison.Ordinal)
                && !dataset.AbsolutePath.Contains("/search/", StringComparison.Ordinal))
                Assert.Contains(api, CkanGatherer.CandidateRoots(new Uri(dataset, "..")));
        }
        Assert.Equal(42, n);
    }

    [Fact]
    public void Kinds_have_stable_names()
    {
        Assert.Equal(["ckan", "dcat", "page", "urls", "folder"], Enum.GetValues<SourceKind>().Select(SourceDefinition.KindName));
        Assert.True(SourceDefinition.TryParseKind("DCAT", out var k));
        Assert.Equal(SourceKind.Dcat, k);
        Assert.False(SourceDefinition.TryParseKind("ftp", out _));
    }
}
