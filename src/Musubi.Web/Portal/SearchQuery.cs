using System.Globalization;
using Microsoft.AspNetCore.Http;
using Musubi.Search;

namespace Musubi.Web.Portal;

/// <summary>
/// One search as the portal's pages and /api/v1/search take it from the query string: q, kind (dataset|record), facet
/// filters (pref, muni, std, cat, fmt, lic; repeatable), near=lat,lon with radius (m), bbox=minLon,minLat,maxLon,maxLat,
/// f.FIELD=value, sort (relevance|distance|modified), size, cursor.
/// </summary>
public static class SearchQuery
{
    public static readonly IReadOnlyDictionary<string, SearchFacet> FacetParameters = new Dictionary<string, SearchFacet>(StringComparer.Ordinal)
    {
        ["pref"] = SearchFacet.Prefecture,
        ["muni"] = SearchFacet.Municipality,
        ["std"] = SearchFacet.Standard,
        ["cat"] = SearchFacet.Category,
        ["fmt"] = SearchFacet.Format,
        ["lic"] = SearchFacet.Licence,
    };

    public static string ParameterOf(SearchFacet facet) => FacetParameters.First(p => p.Value == facet).Key;

    /// <summary>The request, or a one-line message naming the parameter at fault.</summary>
    public static SearchRequest Parse(IQueryCollection query, SearchKind? defaultKind, int defaultSize, out string? error)
    {
        error = null;
        var filters = new Dictionary<SearchFacet, IReadOnlyList<string>>();
        foreach (var (name, facet) in FacetParameters)
        {
            var values = query[name].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
            if (values.Count > 0) filters[facet] = values;
        }
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in query)
            if (key.StartsWith("f.", StringComparison.Ordinal) && key.Length > 2 && values.ToString() is { Length: > 0 } v) fields[key[2..]] = v;

        SearchKind? kind = query["kind"].ToString() switch
        {
            "dataset" => SearchKind.Dataset,
            "record" => SearchKind.Record,
            "all" => null,
            "" => defaultKind,
            var other => Fail<SearchKind?>($"kind: expected dataset, record or all, got '{Cut(other)}'", ref error),
        };

        GeoNear? near = null;
        if (query["near"].ToString() is { Length: > 0 } n)
        {
            var radius = 5000.0;
            if (query["radius"].ToString() is { Length: > 0 } r && !double.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out radius))
                error ??= $"radius: expected metres, got '{Cut(r)}'";
            near = GeoNear.Parse(n, radius, out var e);
            error ??= e;
        }
        GeoBox? box = null;
        if (query["bbox"].ToString() is { Length: > 0 } b)
        {
            box = GeoBox.Parse(b, out var e);
            error ??= e;
        }
        SearchSort? sort = query["sort"].ToString() switch
        {
            "" => null,
            "relevance" => SearchSort.Relevance,
            "distance" => SearchSort.Distance,
            "modified" => SearchSort.Modified,
            var other => Fail<SearchSort?>($"sort: expected relevance, distance or modified, got '{Cut(other)}'", ref error),
        };
        var size = defaultSize;
        if (query["size"].ToString() is { Length: > 0 } s && (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > SearchRequest.MaxSize))
        {
            error ??= $"size: expected 1 to {SearchRequest.MaxSize}, got '{Cut(s)}'";
            size = defaultSize;
        }
        var text = query["q"].ToString();
        return new SearchRequest
        {
            Text = text.Length > 200 ? text[..200] : text,
            Kind = kind,
            Filters = filters,
            FieldFilters = fields,
            Near = near,
            Box = box,
            Sort = sort,
            Size = size,
            Cursor = query["cursor"].ToString() is { Length: > 0 } c ? c : null,
            Facets = [SearchFacet.Kind, SearchFacet.Prefecture, SearchFacet.Municipality, SearchFacet.Standard, SearchFacet.Category, SearchFacet.Format, SearchFacet.Licence],
            FacetLimit = 20,
        };
    }

    private static T Fail<T>(string message, ref string? error)
    {
        error ??= message;
        return default!;
    }

    private static string Cut(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
