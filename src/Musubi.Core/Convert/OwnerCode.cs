using Musubi.Address;
using Musubi.Map;
using Musubi.Read;
using Musubi.Registry;
using Musubi.Schemas;

namespace Musubi.Convert;

/// <summary>
/// The managing body's 全国地方公共団体コード when neither the row, the caller nor the file name gives it: taken from the
/// addresses only when every address of the file that the registry places lies in one municipality (a designated
/// city's wards count as the city: 熊本市中央区 431010 and 西区 431036 → 熊本市 431001). A file with addresses in two
/// municipalities, or whose rows are not all read ahead, gets none (a prefecture or a 一部事務組合 may be the owner).
/// </summary>
internal static class OwnerCode
{
    /// <summary>How many rows are read ahead to judge every address; larger files get no owner from their addresses.</summary>
    public const int MaxRows = 20_000;

    public static bool Wanted(TableSchema schema, TableMapping mapping, string? publisher) =>
        publisher is null && schema.IndexOf(StandardFields.LocalGovernmentCode) is >= 0 and var code && mapping.FieldSource[code] < 0
        && schema.IndexOf(StandardFields.AddressFull) >= 0;

    public static string? FromAddresses(SampledRows rows, TableSchema schema, TableMapping mapping, AddressNormalizer normalizer)
    {
        if (!rows.Complete) return null;
        var parts = new[] { StandardFields.AddressFull, StandardFields.AddressPrefecture, StandardFields.AddressMunicipality }
            .Select(f => schema.IndexOf(f) is >= 0 and var i ? mapping.FieldSource[i] : -1).ToArray();
        if (parts.All(p => p < 0)) return null;
        var governments = normalizer.Governments;
        string? owner = null;
        var placed = 0;
        var memo = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var row in rows.Sample)
        {
            var text = Cell(row, parts[0]);
            if (text.Length == 0) text = Cell(row, parts[1]) + Cell(row, parts[2]);
            if (text.Length == 0) continue;
            if (!memo.TryGetValue(text, out var code))
            {
                var r = normalizer.Normalize(text, null, cityLevelRest: false);
                code = r.Level >= 2 && r.LgCode is not null ? Municipality(governments, r.LgCode) : null;
                memo[text] = code;
            }
            if (code is null) continue;
            if (owner is not null && owner != code) return null;
            owner = code;
            placed++;
        }
        return placed > 0 ? owner : null;
    }

    /// <summary>A designated city's ward → the city; any other code as it is.</summary>
    private static string? Municipality(LocalGovernmentRegistry governments, string code)
    {
        var g = governments.ByCode(code);
        if (g is null) return null;
        if (g.Kind != LocalGovernmentKind.Ward || g.City is null) return g.Code;
        return governments.ByName(g.Prefecture, (g.County ?? "") + g.City) is { Kind: LocalGovernmentKind.DesignatedCity } city ? city.Code : null;
    }

    private static string Cell(RawRow row, int column) => column >= 0 && column < row.Cells.Length ? row.Cells[column].Trim() : "";
}
