namespace Musubi.Web.Pages;

/// <summary>A point on the earth (WGS 84).</summary>
public readonly record struct GeoPoint(double Lat, double Lon);

/// <summary>One place found near a point.</summary>
/// <param name="Href">Its page (a site path).</param>
public sealed record NearbyPlace(string Name, string? Address, string? Publisher, double Lat, double Lon, double DistanceMeters, string Href);

/// <summary>The nearest places of one standard dataset (指定緊急避難場所, AED).</summary>
public sealed record NearbyGroup(string Id, string Title, IReadOnlyList<NearbyPlace> Places);
