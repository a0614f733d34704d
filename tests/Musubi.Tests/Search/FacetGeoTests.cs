using Musubi.Search;
using static Musubi.Tests.Search.SearchFixtures;

namespace Musubi.Tests.Search;

public class FacetGeoTests
{
    private static SearchIndex Catalog() => Index(
        Dataset("d1", "公園一覧", muni: "131041", standard: "public-facility", formats: ["csv", "XLSX"], licence: "CC-BY-4.0", categories: ["まちづくり"], minutes: 1),
        Dataset("d2", "公園トイレ", muni: "131016", standard: "public-toilet", formats: ["CSV"], licence: "CC-BY-4.0", minutes: 2),
        Dataset("d3", "都市公園", muni: "261017", standard: "public-facility", formats: ["PDF"], licence: "CC0", categories: ["まちづくり", "観光"], minutes: 3),
        Dataset("d4", "公園の案内", pref: "260002", formats: ["CSV"], minutes: 4),
        Dataset("d5", "人口統計", muni: "131041", standard: "population", formats: ["CSV"], minutes: 5));

    private static Dictionary<string, int> Counts(SearchResults r, SearchFacet f) => r.Facets[f].ToDictionary(v => v.Value, v => v.Count);

    [Fact]
    public void Facet_counts_cover_the_whole_result()
    {
        using var index = Catalog();
        var r = index.Search(new SearchRequest
        {
            Text = "公園",
            Size = 1,
            Facets = [SearchFacet.Prefecture, SearchFacet.Municipality, SearchFacet.Standard, SearchFacet.Format, SearchFacet.Licence, SearchFacet.Category, SearchFacet.Kind],
        });
        Assert.Equal(4, r.Total);
        Assert.Single(r.Hits);
        Assert.Equal(new Dictionary<string, int> { ["130001"] = 2, ["260002"] = 2 }, Counts(r, SearchFacet.Prefecture));
        Assert.Equal(new Dictionary<string, int> { ["131041"] = 1, ["131016"] = 1, ["261017"] = 1 }, Counts(r, SearchFacet.Municipality));
        Assert.Equal(new Dictionary<string, int> { ["public-facility"] = 2, ["public-toilet"] = 1 }, Counts(r, SearchFacet.Standard));
        Assert.Equal(new Dictionary<string, int> { ["CSV"] = 3, ["XLSX"] = 1, ["PDF"] = 1 }, Counts(r, SearchFacet.Format));
        Assert.Equal(new Dictionary<string, int> { ["CC-BY-4.0"] = 2, ["CC0"] = 1 }, Counts(r, SearchFacet.Licence));
        Assert.Equal(new Dictionary<string, int> { ["まちづくり"] = 2, ["観光"] = 1 }, Counts(r, SearchFacet.Category));
        Assert.Equal(new Dictionary<string, int> { ["dataset"] = 4 }, Counts(r, SearchFacet.Kind));
        Assert.Equal("CSV", r.Facets[SearchFacet.Format][0].Value); // largest first
    }

    [Fact]
    public void Filters_or_within_a_facet_and_and_across_facets()
    {
        using var index = Catalog();
        SearchResults Run(Dictionary<SearchFacet, IReadOnlyList<string>> f, string? text = "公園") =>
            index.Search(new SearchRequest { Text = text, Filters = f, Size = 10, Facets = [SearchFacet.Format] });
        Assert.Equal(["d1", "d2"], Run(new() { [SearchFacet.Prefecture] = ["130001"] }).Hits.Select(h => h.Id).Order());
        // A prefecture's two-digit number stands for its code (pref=13 as well as pref=130001).
        Assert.Equal(["d1", "d2"], Run(new() { [SearchFacet.Prefecture] = ["13"] }).Hits.Select(h => h.Id).Order());
        Assert.Equal(["d1", "d2", "d4"], Run(new() { [SearchFacet.Format] = ["csv"] }).Hits.Select(h => h.Id).Order());
        Assert.Equal(["d1", "d2", "d3"], Run(new() { [SearchFacet.Licence] = ["CC0", "CC-BY-4.0"] }).Hits.Select(h => h.Id).Order());
        Assert.Equal(["d1"], Run(new() { [SearchFacet.Format] = ["CSV"], [SearchFacet.Standard] = ["public-facility"] }).Hits.Select(h => h.Id));
        // A designated city's filter includes its wards.
        Assert.Equal(["d3"], Run(new() { [SearchFacet.Municipality] = ["261009"] }).Hits.Select(h => h.Id));
        var filtered = Run(new() { [SearchFacet.Prefecture] = ["130001"] }, text: null);
        Assert.Equal(3, filtered.Total);
        Assert.Equal(3, Counts(filtered, SearchFacet.Format)["CSV"]);
        Assert.Equal(["d5", "d2", "d1"], filtered.Hits.Select(h => h.Id)); // no text: newest first
    }

    [Fact]
    public void Kind_filter_and_record_field_filters()
    {
        using var index = Index(
            Dataset("ds", "避難所一覧", muni: "131041", standard: "evacuation-site"),
            Record("r1", "第一小学校", "131041", "childcare-facility", fields: new() { ["種別"] = "保育所", ["所在地_市区町村"] = "新宿区" }),
            Record("r2", "第二保育園", "131041", "childcare-facility", fields: new() { ["種別"] = "認定こども園", ["所在地_市区町村"] = "新宿区" }),
            Record("r3", "みどり保育園", "131016", "childcare-facility", fields: new() { ["種別"] = "保育所", ["所在地_市区町村"] = "千代田区" }),
            Record("r4", "図書館", "131016", "cultural-property", fields: new() { ["文化財分類"] = "史跡;名勝" }));
        var req = new SearchRequest { Kind = SearchKind.Record, FieldFilters = new Dictionary<string, string> { ["種別"] = "保育所" }, Size = 10 };
        Assert.Equal(["r1", "r3"], index.Search(req).Hits.Select(h => h.Id).Order());
        Assert.Equal(["r1"], index.Search(req with { FieldFilters = new Dictionary<string, string> { ["種別"] = "保育所", ["所在地_市区町村"] = "新宿区" } }).Hits.Select(h => h.Id));
        Assert.Equal(["r2"], index.Search(req with { FieldFilters = new Dictionary<string, string> { ["種別"] = "認定こども園" } }).Hits.Select(h => h.Id));
        // The filter value folds like text: katakana/hiragana, width.
        Assert.Equal(["r2"], index.Search(req with { FieldFilters = new Dictionary<string, string> { ["種別"] = "認定コドモ園" } }).Hits.Select(h => h.Id));
        // List-format fields are filterable by each value.
        Assert.Equal(["r4"], index.Search(req with { FieldFilters = new Dictionary<string, string> { ["文化財分類"] = "名勝" } }).Hits.Select(h => h.Id));
        Assert.Equal(["ds"], index.Search(new SearchRequest { Kind = SearchKind.Dataset }).Hits.Select(h => h.Id));
    }

    // Points around 東京駅 (35.6812, 139.7671); distances by haversine.
    private static SearchIndex Points() => Index(
        Record("p0", "駅前広場", "131016", "evacuation-site", 35.6812, 139.7671),
        Record("p1", "北の公園", "131016", "evacuation-site", 35.6902, 139.7671),     // ≈ 1.0 km north
        Record("p2", "東の公園", "131016", "evacuation-site", 35.6812, 139.7891),     // ≈ 2.0 km east
        Record("p3", "南の公園", "131016", "evacuation-site", 35.6542, 139.7671),     // ≈ 3.0 km south
        Record("far", "大阪の公園", "271004", "evacuation-site", 34.7025, 135.4959), // Osaka
        Record("nopoint", "場所不明の公園", "131016", "evacuation-site"));

    [Fact]
    public void Near_returns_points_within_the_radius_nearest_first_with_distances()
    {
        using var index = Points();
        var r = index.Search(new SearchRequest { Near = new GeoNear(35.6812, 139.7671, 2500), Size = 10 });
        Assert.Equal(SearchSort.Distance, r.Sort);
        Assert.Equal(["p0", "p1", "p2"], r.Hits.Select(h => h.Id));
        Assert.Equal(0, r.Hits[0].DistanceMeters!.Value, 1);
        Assert.InRange(r.Hits[1].DistanceMeters!.Value, 990, 1010);
        Assert.InRange(r.Hits[2].DistanceMeters!.Value, 1970, 2010);
        Assert.Equal(35.6902, r.Hits[1].Location!.Value.Latitude, 6);
        Assert.Equal(3, r.Total);
        var withText = index.Search(new SearchRequest { Text = "公園", Near = new GeoNear(35.6812, 139.7671, 5000), Size = 10 });
        Assert.Equal(["p1", "p2", "p3"], withText.Hits.Select(h => h.Id));
        var wide = index.Search(new SearchRequest { Near = new GeoNear(35.6812, 139.7671, 600_000), Size = 10 });
        Assert.Equal("far", wide.Hits[^1].Id);
        Assert.InRange(wide.Hits[^1].DistanceMeters!.Value, 390_000, 410_000);
    }

    [Fact]
    public void Bbox_keeps_points_inside()
    {
        using var index = Points();
        var r = index.Search(new SearchRequest { Box = new GeoBox(139.76, 35.67, 139.78, 35.70), Size = 10 });
        Assert.Equal(["p0", "p1"], r.Hits.Select(h => h.Id).Order());
        Assert.Null(r.Hits[0].DistanceMeters);
        var japan = index.Search(new SearchRequest { Box = new GeoBox(122, 20, 154, 46), Size = 10 });
        Assert.Equal(5, japan.Total);
        Assert.NotNull(GeoBox.Parse("139.76,35.67,139.78,35.70", out _));
        Assert.Null(GeoBox.Parse("139.78,35.67,139.76,35.70", out var error));
        Assert.StartsWith("bbox:", error);
        Assert.Equal(2500, GeoNear.Parse("35.6812,139.7671", 2500, out _)!.RadiusMeters);
        Assert.Null(GeoNear.Parse("35.6812", 2500, out error));
        Assert.StartsWith("near:", error);
    }

    [Fact]
    public void Bad_requests_fail_with_a_message_naming_the_parameter()
    {
        using var index = Points();
        Assert.StartsWith("size:", Assert.Throws<SearchRequestException>(() => index.Search(new SearchRequest { Size = 5000 })).Message);
        Assert.StartsWith("sort:", Assert.Throws<SearchRequestException>(() => index.Search(new SearchRequest { Sort = SearchSort.Distance })).Message);
        Assert.Equal(SearchErrorCode.BadCursor, Assert.Throws<SearchRequestException>(() => index.Search(new SearchRequest { Cursor = "not-a-cursor!" })).Code);
        var page = index.Search(new SearchRequest { Text = "公園", Size = 1 });
        Assert.Equal(SearchErrorCode.CursorMismatch, Assert.Throws<SearchRequestException>(() => index.Search(new SearchRequest { Text = "広場", Size = 1, Cursor = page.NextCursor })).Code);
    }
}

public class SearchDocumentsTests
{
    [Fact]
    public void A_converted_row_becomes_a_record_document()
    {
        var schema = Musubi.Schemas.SchemaCatalog.Default.Find("evacuation-site")!;
        var row = new Dictionary<string, string?>
        {
            ["全国地方公共団体コード"] = "131041",
            ["ID"] = "0001",
            ["名称"] = "西新宿中央公園",
            ["名称_カナ"] = "ニシシンジュクチュウオウコウエン",
            ["所在地_連結表記"] = "東京都新宿区西新宿二丁目11",
            ["緯度"] = "35.6894",
            ["経度"] = "139.6899",
            ["電話番号"] = "03-0000-0000",
            ["災害種別_地震"] = "1",
        };
        var d = SearchDocuments.FromRecord("record:evacuation-site:131041:0001", schema, row, SearchFixtures.Base);
        Assert.Equal("西新宿中央公園", d.Title);
        Assert.Equal("131041", d.MunicipalityCode);
        Assert.Equal(35.6894, d.Location!.Value.Latitude);
        Assert.Contains("東京都新宿区西新宿二丁目11", d.Content);
        Assert.DoesNotContain("03-0000-0000", d.Content);
        Assert.Equal("1", d.Fields["災害種別_地震"]);
        using var index = SearchFixtures.Index(d);
        Assert.Equal([d.Id], index.Ids("ちゅうおうこうえん"));
        Assert.Equal([d.Id], index.Ids("緊急避難場所 新宿"));
        Assert.Single(index.Search(new SearchRequest { FieldFilters = new Dictionary<string, string> { ["災害種別_地震"] = "1" } }).Hits);
    }
}
