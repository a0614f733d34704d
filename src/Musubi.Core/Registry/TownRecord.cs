namespace Musubi.Registry;

/// <summary>
/// One 町字 as stored: the municipality's code, the 町字ID when the source has one (Address Base Registry machiaza_id),
/// the town name (大字・町 + 丁目 as written by the source, e.g. 奈佐原二丁目), the 小字 (may be empty) and its representative point.
/// </summary>
public sealed record TownRecord(string LgCode, string? TownId, string Town, string Koaza, double? Lat, double? Lng);

/// <summary>What the store holds: counts and the last import.</summary>
public sealed record TownStoreInfo(int Towns, int Cities, string? Source, string? Format, string? ImportedAt);
