using Musubi.Search;
using Musubi.Web.Localization;
using Musubi.Web.Pages;

namespace Musubi.Web.Portal;

/// <summary>The nearest 指定緊急避難場所 and AED from every municipality's records (the search index's near query).</summary>
internal sealed class NearbyFinder(PortalIndex index, PortalNames names, UiStrings strings) : INearbyFinder
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
            var places = results.Hits.Where(h => h.Location is not null).Select(h =>
            {
                var view = PortalPages.View(h, names, lang);
                return new NearbyPlace(h.Title, null, view.Publisher, h.Location!.Value.Latitude, h.Location.Value.Longitude, h.DistanceMeters ?? 0, view.Href);
            }).ToList();
            groups.Add(new NearbyGroup(id, strings.Get(lang, titleKey), places));
        }
        return Task.FromResult<IReadOnlyList<NearbyGroup>>(groups);
    }
}
