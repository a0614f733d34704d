namespace Musubi.Address;

/// <summary>
/// A normalized address. <see cref="Level"/>: 0 nothing recognised, 1 prefecture, 2 municipality, 3 town (町字).
/// Names are the registries' spellings; <see cref="Rest"/> is the 番地・号 part as "N-N-N"; <see cref="Building"/> what follows.
/// </summary>
public sealed record AddressResult
{
    public string? Pref { get; init; }

    /// <summary>Municipality with 郡 and designated-city ward (上北郡横浜町, 大阪市北区).</summary>
    public string? City { get; init; }

    /// <summary>大字・町 + 丁目 as the town list writes it (e.g. 奈佐原二丁目), without the 小字.</summary>
    public string? Town { get; init; }

    /// <summary>
    /// The 小字 that follows <see cref="Town"/> when one was recognised (else null). 所在地_町字 and the JSON "town" field
    /// are <see cref="Town"/> + <see cref="Koaza"/> (see <see cref="TownWithKoaza"/>).
    /// </summary>
    public string? Koaza { get; init; }

    /// <summary>Town followed by its 小字 when there is one (what geolonia calls the town).</summary>
    public string? TownWithKoaza => Koaza is null ? Town : Town + Koaza;

    public string? Rest { get; init; }

    public string? Building { get; init; }

    /// <summary>6-digit 全国地方公共団体コード of the municipality or ward (prefecture code at level 1).</summary>
    public string? LgCode { get; init; }

    /// <summary>町字ID when the imported town list has one (Address Base Registry).</summary>
    public string? TownId { get; init; }

    /// <summary>Representative point of the town (level 3 only, when the town list has one).</summary>
    public double? Lat { get; init; }

    public double? Lng { get; init; }

    public int Level { get; init; }

    public static AddressResult None { get; } = new();

    /// <summary>The address as one text (所在地_連結表記): prefecture + municipality + town + 番地・号, then a space and the building.</summary>
    public string ToText()
    {
        var text = string.Concat(Pref, City, TownWithKoaza, Rest);
        return Building is null ? text : text.Length == 0 ? Building : text + " " + Building;
    }

    /// <summary>Great-circle distance in kilometres from the representative point (null without one), to flag contradicting coordinates.</summary>
    public double? DistanceKm(double lat, double lng)
    {
        if (Lat is not { } la || Lng is not { } lo) return null;
        const double R = 6371.0088;
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat - la);
        var dLng = Rad(lng - lo);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(la)) * Math.Cos(Rad(lat)) * Math.Sin(dLng / 2) * Math.Sin(dLng / 2);
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
