using System.Globalization;

namespace Musubi.Search;

/// <summary>The facets a search can count and filter on.</summary>
public enum SearchFacet
{
    Kind,
    Prefecture,
    Municipality,
    Standard,
    Category,
    Format,
    Licence,
}

public enum SearchSort
{
    /// <summary>Score, best first (the default; with no query text, the same as <see cref="Modified"/>).</summary>
    Relevance,
    /// <summary>Distance from <see cref="SearchRequest.Near"/>, nearest first (the default when Near is given).</summary>
    Distance,
    /// <summary>Most recently modified first.</summary>
    Modified,
}

/// <summary>Results within <see cref="RadiusMeters"/> of a point (near=lat,lon&amp;radius=m).</summary>
public sealed record GeoNear(double Latitude, double Longitude, double RadiusMeters)
{
    /// <summary>Largest radius accepted (Japan is about 3,000 km long).</summary>
    public const double MaxRadiusMeters = 3_000_000;

    /// <summary>Parses "lat,lon" and a radius in metres; null with a message when either is wrong.</summary>
    public static GeoNear? Parse(string latLon, double radiusMeters, out string? error)
    {
        var p = latLon.Split(',');
        if (p.Length != 2 || !TryDeg(p[0], 90, out var lat) || !TryDeg(p[1], 180, out var lon))
        {
            error = $"near: expected lat,lon in decimal degrees, got '{Cut(latLon)}'";
            return null;
        }
        if (!(radiusMeters > 0 && radiusMeters <= MaxRadiusMeters))
        {
            error = $"radius: expected metres above 0 and at most {MaxRadiusMeters:0}, got {radiusMeters.ToString(CultureInfo.InvariantCulture)}";
            return null;
        }
        error = null;
        return new GeoNear(lat, lon, radiusMeters);
    }

    internal static bool TryDeg(string s, double max, out double v) =>
        double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v) && Math.Abs(v) <= max;

    internal static string Cut(string s) => s.Length > 60 ? s[..60] + "…" : s;
}

/// <summary>Results inside a box (bbox=minLon,minLat,maxLon,maxLat, CKAN's ext_bbox order).</summary>
public sealed record GeoBox(double MinLongitude, double MinLatitude, double MaxLongitude, double MaxLatitude)
{
    public static GeoBox? Parse(string bbox, out string? error)
    {
        var p = bbox.Split(',');
        if (p.Length == 4 && GeoNear.TryDeg(p[0], 180, out var x0) && GeoNear.TryDeg(p[1], 90, out var y0)
            && GeoNear.TryDeg(p[2], 180, out var x1) && GeoNear.TryDeg(p[3], 90, out var y1) && x0 <= x1 && y0 <= y1)
        {
            error = null;
            return new GeoBox(x0, y0, x1, y1);
        }
        error = $"bbox: expected minLon,minLat,maxLon,maxLat with min ≤ max, got '{GeoNear.Cut(bbox)}'";
        return null;
    }

    public bool Contains(double lat, double lon) => lat >= MinLatitude && lat <= MaxLatitude && lon >= MinLongitude && lon <= MaxLongitude;
}

/// <summary>
/// One search. <see cref="Text"/>: terms separated by spaces (full-width spaces too) must all match (AND);
/// "a quoted phrase" must match as written; a term starting with '-' must not match. Japanese terms match as phrases
/// of character pairs (see <see cref="Analysis.JapaneseAnalyzer"/>).
/// </summary>
public sealed record SearchRequest
{
    /// <summary>Largest page accepted.</summary>
    public const int MaxSize = 1000;

    public string? Text { get; init; }

    public SearchKind? Kind { get; init; }

    /// <summary>Facet filters: values of one facet are ORed, facets are ANDed (e.g. Prefecture: [130001, 140007]).</summary>
    public IReadOnlyDictionary<SearchFacet, IReadOnlyList<string>> Filters { get; init; } = new Dictionary<SearchFacet, IReadOnlyList<string>>();

    /// <summary>Record field filters, exact after folding: 種別 → 避難所, 所在地_市区町村 → 新宿区. ANDed.</summary>
    public IReadOnlyDictionary<string, string> FieldFilters { get; init; } = new Dictionary<string, string>();

    public GeoNear? Near { get; init; }

    public GeoBox? Box { get; init; }

    /// <summary>Facets to count over the whole result set (after all filters).</summary>
    public IReadOnlyList<SearchFacet> Facets { get; init; } = [];

    /// <summary>Most values returned per facet (by count, then value).</summary>
    public int FacetLimit { get; init; } = 50;

    /// <summary>Null: <see cref="SearchSort.Distance"/> with Near, else <see cref="SearchSort.Relevance"/>.</summary>
    public SearchSort? Sort { get; init; }

    public int Size { get; init; } = 20;

    /// <summary>The <see cref="SearchResults.NextCursor"/> of the previous page of the same request.</summary>
    public string? Cursor { get; init; }
}
