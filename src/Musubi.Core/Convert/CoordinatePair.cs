using System.Globalization;
using Musubi.Validate;

namespace Musubi.Convert;

/// <summary>Checks a normalized (decimal) latitude/longitude pair against Japan's bounds: swapped, zero, out of range.</summary>
internal static class CoordinatePair
{
    // Japan incl. remote islands: 20.4 (Okinotorishima) – 45.6 N, 122.9 (Yonaguni) – 154.0 E (Minamitorishima).
    private const double MinLat = 20.0, MaxLat = 46.0, MinLon = 122.0, MaxLon = 154.0;

    public readonly record struct Result(string Lat, string Lon, string? Code, Severity Severity, string Message);

    public static Result Check(string lat, string lon)
    {
        var hasLat = double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var a);
        var hasLon = double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out var b);
        if (!hasLat || !hasLon)
        {
            if (lat.Length > 0 != lon.Length > 0)
                return new Result(lat, lon, "coordinate-half-missing", Severity.Warning, "only one of 緯度 and 経度 has a value");
            return new Result(lat, lon, null, Severity.Warning, "");
        }
        if (a == 0 && b == 0)
            return new Result("", "", "coordinates-zero", Severity.Fixed, "0,0 is not a place in Japan; written as missing");
        var latOk = a is >= MinLat and <= MaxLat;
        var lonOk = b is >= MinLon and <= MaxLon;
        if (latOk && lonOk) return new Result(lat, lon, null, Severity.Warning, "");
        if (b is >= MinLat and <= MaxLat && a is >= MinLon and <= MaxLon)
            return new Result(lon, lat, "coordinates-swapped", Severity.Fixed, "緯度 and 経度 were swapped (checked against Japan's bounds)");
        return new Result(lat, lon, "coordinate-out-of-range", Severity.Error, $"{lat},{lon} is outside Japan (緯度 20–46, 経度 122–154)");
    }
}
