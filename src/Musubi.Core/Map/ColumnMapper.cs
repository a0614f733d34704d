using Musubi.Operations;
using Musubi.Schemas;

namespace Musubi.Map;

/// <summary>
/// Maps source columns to a schema's fields: user override, exact name, known alias, folded name, then a
/// close spelling. Each standard field takes at most one source column; the rest are reported as unmapped,
/// never silently dropped.
/// </summary>
public static class ColumnMapper
{
    /// <summary>Header keys of a single column that holds both coordinates ("lat,lon").</summary>
    private static readonly HashSet<string> CombinedCoordinateKeys =
        ["緯度経度", "緯度,経度", "緯度・経度", "緯度/経度", "座標", "latlon", "lat,lon", "lat,lng", "latlng", "位置情報", "緯度,経度(世界測地系)"];

    public static TableMapping Map(TableSchema schema, IReadOnlyList<string> header, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var result = new ColumnMapping?[header.Count];

        // Overrides first: the user knows best.
        if (overrides is not null)
        {
            foreach (var (source, field) in overrides)
            {
                var i = FindColumn(header, source);
                if (i < 0) throw new OperationException(OperationError.InvalidInput($"column mapping: the input has no column '{source}'", "Map"));
                if (schema.Field(field) is null) throw new OperationException(OperationError.InvalidInput($"column mapping: schema '{schema.Id}' has no field '{field}'", "Map"));
                result[i] = new ColumnMapping(i, header[i], field, MatchKind.Override);
                taken.Add(field);
            }
        }

        // Then the strongest kind of match over all columns before weaker ones, so that an exact column
        // is never beaten by an earlier alias column.
        foreach (var kind in new[] { MatchKind.Exact, MatchKind.Alias, MatchKind.Normalized, MatchKind.Fuzzy })
        {
            for (var i = 0; i < header.Count; i++)
            {
                if (result[i] is not null) continue;
                var field = FieldMatcher.Match(schema, header[i], kind);
                if (field is null || taken.Contains(field)) continue;
                result[i] = new ColumnMapping(i, header[i], field, kind);
                taken.Add(field);
            }
        }

        var hasLat = taken.Contains(StandardFields.Latitude);
        var hasLon = taken.Contains(StandardFields.Longitude);
        for (var i = 0; i < header.Count; i++)
        {
            if (result[i] is not null) continue;
            if (!hasLat && !hasLon && schema.Field(StandardFields.Latitude) is not null && CombinedCoordinateKeys.Contains(HeaderName.Key(header[i])))
            {
                result[i] = new ColumnMapping(i, header[i], StandardFields.CoordinatePair, MatchKind.Split);
                hasLat = hasLon = true;
                continue;
            }
            result[i] = new ColumnMapping(i, header[i], null, MatchKind.Unmapped);
        }
        return new TableMapping(schema, result!);
    }

    private static int FindColumn(IReadOnlyList<string> header, string source)
    {
        for (var i = 0; i < header.Count; i++)
            if (header[i] == source) return i;
        var key = HeaderName.Key(source);
        for (var i = 0; i < header.Count; i++)
            if (HeaderName.Key(header[i]) == key) return i;
        return -1;
    }
}
