namespace Musubi.Search.Geo;

internal static class GeoMath
{
    private const double EarthRadius = 6_371_008.8;
    private const double MetersPerDegreeLat = 111_320;

    /// <summary>Great-circle distance in metres (haversine; error well under 0.5% at Japanese latitudes).</summary>
    public static double Distance(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = double.DegreesToRadians(lat2 - lat1);
        var dLon = double.DegreesToRadians(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(double.DegreesToRadians(lat1)) * Math.Cos(double.DegreesToRadians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadius * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>A box that holds the circle (a little larger: the exact distance filter runs afterwards).</summary>
    public static GeoBox BoxAround(GeoNear near)
    {
        var dLat = (near.RadiusMeters / MetersPerDegreeLat) * 1.01;
        var cos = Math.Max(Math.Cos(double.DegreesToRadians(Math.Min(89, Math.Abs(near.Latitude) + dLat))), 0.01);
        var dLon = Math.Min(180, dLat / cos);
        return new GeoBox(
            Math.Max(-180, near.Longitude - dLon), Math.Max(-90, near.Latitude - dLat),
            Math.Min(180, near.Longitude + dLon), Math.Min(90, near.Latitude + dLat));
    }
}

/// <summary>
/// A grid of square cells in degrees at 13 sizes (0.005° ≈ 550 m … 20.48°), indexed as terms of the "geo" field
/// ("k:x:y" for every size, plus "*" for any point). A box query takes the smallest size whose cells covering the box
/// number at most <see cref="MaxCells"/>, ORs those terms, and the collector then checks each candidate's exact
/// coordinates. No spatial package of Lucene.Net is served here; this is the prefix-tree idea in a few lines.
/// </summary>
internal static class GeoCells
{
    public const string Field = "geo";
    public const string Any = "*";
    public const int Levels = 13;
    // Few cells: each is a term lookup in every segment (microseconds); a candidate costs far less to check.
    public const int MaxCells = 6;
    private const double Base = 0.005;

    private static double Size(int level) => Base * (1 << level);

    public static IEnumerable<string> Terms(GeoPoint p)
    {
        yield return Any;
        for (var k = 0; k < Levels; k++)
        {
            var s = Size(k);
            yield return $"{k}:{(long)Math.Floor((p.Longitude + 180) / s)}:{(long)Math.Floor((p.Latitude + 90) / s)}";
        }
    }

    /// <summary>The cell terms covering the box, or [<see cref="Any"/>] when even the largest cells are too many.</summary>
    public static IReadOnlyList<string> Cover(GeoBox box)
    {
        for (var k = 0; k < Levels; k++)
        {
            var s = Size(k);
            long x0 = (long)Math.Floor((box.MinLongitude + 180) / s), x1 = (long)Math.Floor((box.MaxLongitude + 180) / s);
            long y0 = (long)Math.Floor((box.MinLatitude + 90) / s), y1 = (long)Math.Floor((box.MaxLatitude + 90) / s);
            if ((x1 - x0 + 1) * (y1 - y0 + 1) > MaxCells) continue;
            var terms = new List<string>();
            for (var x = x0; x <= x1; x++)
                for (var y = y0; y <= y1; y++) terms.Add($"{k}:{x}:{y}");
            return terms;
        }
        return [Any];
    }
}
