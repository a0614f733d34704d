using Musubi.Search;
using Musubi.Web.Localization;
using Musubi.Web.Pages;

namespace Musubi.Web.Portal;

/// <summary>The nearest 指定緊急避難場所 and AED from every municipality's records (the search index's near query).</summary>
internal sealed class NearbyFinder(PortalIndex index, PortalNames names, UiStrings strings, Musubi.Catalog.ICatalogStores stores) : INearbyFinder
{
    private static readonly (string Id, string Schema, string TitleKey)[] Groups =
    [
        ("evacuation", "evacuation-site", "nearby.evacuation_heading"),
        ("aed", "aed", "nearby.aed_heading"),
    ];

    public const double RadiusMeters = 30_000;

    /// <summary>
    /// A point for an address the registry knows only to the municipality (no town list imported): the first record of
    /// that municipality whose text holds the town name, e.g. 国分町 of 国分町3丁目. Null when nothing matches.
    /// </summary>
    public Pages.GeoPoint? Locate(string lgCode, string? rest)
    {
        var town = new string((rest ?? "").TakeWhile(c => !char.IsDigit(c) && c is not ('-' or '－' or '丁' or '番' or ' ' or '　')).ToArray());
        if (town.Length < 2) return null;
        var results = index.Index.Search(new SearchRequest
        {
            Text = "\"" + town.Replace("\"", "", StringComparison.Ordinal) + "\"",
            Kind = SearchKind.Record,
            // The prefecture, not the municipality: records are filed under their publisher (a city, not its ward).
            Filters = new Dictionary<SearchFacet, IReadOnlyList<string>> { [SearchFacet.Prefecture] = [Musubi.Registry.LocalGovernmentCode.PrefectureOf(lgCode)] },
            Size = 20,
        });
        var points = results.Hits.Where(h => h.Location is not null).Select(h => h.Location!.Value).ToList();
        if (points.Count == 0) return null;
        return new Pages.GeoPoint(points.Average(p => p.Latitude), points.Average(p => p.Longitude));
    }

    public Task<IReadOnlyList<NearbyGroup>> FindAsync(Pages.GeoPoint point, Lang lang, CancellationToken cancellationToken)
    {
        var groups = new List<NearbyGroup>();
        foreach (var (id, schema, titleKey) in Groups)
        {
            var results = index.Index.Search(new SearchRequest
            {
                Kind = SearchKind.Record,
                Filters = new Dictionary<SearchFacet, IReadOnlyList<string>> { [SearchFacet.Standard] = [schema] },
                Near = new GeoNear(point.Lat, point.Lon, RadiusMeters),
                Size = 5,
            });
            var hits = results.Hits.Where(h => h.Location is not null).ToList();
            var addresses = Addresses(schema, hits);
            var places = hits.Select(h =>
            {
                var view = PortalPages.View(h, names, lang);
                return new NearbyPlace(h.Title, addresses.GetValueOrDefault(h.Id), view.Publisher, h.Location!.Value.Latitude, h.Location.Value.Longitude, h.DistanceMeters ?? 0, view.Href);
            }).ToList();
            groups.Add(new NearbyGroup(id, strings.Get(lang, titleKey), places));
        }
        return Task.FromResult<IReadOnlyList<NearbyGroup>>(groups);
    }

    /// <summary>The address of each hit from its record in the store (the index keeps only what a hit list shows).</summary>
    private Dictionary<string, string> Addresses(string schema, List<SearchHit> hits)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (hits.Count == 0) return result;
        using var reader = stores.OpenForRead();
        if (reader is null) return result;
        foreach (var h in hits)
        {
            if (!PortalIndex.TryParseRecordDocId(h.Id, out _, out _, out var recordId)) continue;
            var record = reader.Records(new Musubi.Catalog.RecordQuery(schema) { AfterId = recordId - 1, Limit = 1 }).FirstOrDefault();
            if (record is null || record.Id != recordId) continue;
            var values = PortalApi.Values(record.ValuesJson);
            var address = values.GetValueOrDefault("所在地_連結表記") is { Length: > 0 } a ? a
                : string.Concat(values.GetValueOrDefault("所在地_都道府県"), values.GetValueOrDefault("所在地_市区町村"), values.GetValueOrDefault("所在地_町字"), values.GetValueOrDefault("所在地_番地以下"));
            if (address.Length > 0) result[h.Id] = address;
        }
        return result;
    }
}
