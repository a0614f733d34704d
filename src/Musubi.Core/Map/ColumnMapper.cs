using System.Collections.Concurrent;
using Musubi.Schemas;

namespace Musubi.Map;

/// <summary>
/// Maps source columns to a schema's fields: user override, exact name, known alias, folded name, then a
/// close spelling. Each standard field takes at most one source column; the rest are reported as unmapped,
/// never silently dropped.
/// </summary>
public static class ColumnMapper
{
    private static readonly ConcurrentDictionary<TableSchema, NameIndex> Indexes = new();

    /// <summary>Header keys of a single column that holds both coordinates ("lat,lon").</summary>
    private static readonly HashSet<string> CombinedCoordinateKeys =
        ["緯度経度", "緯度,経度", "緯度・経度", "緯度/経度", "座標", "latlon", "lat,lon", "lat,lng", "latlng", "位置情報", "緯度,経度(世界測地系)"];

    public static TableMapping Map(TableSchema schema, IReadOnlyList<string> header, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var index = Indexes.GetOrAdd(schema, s => new NameIndex(s));
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var result = new ColumnMapping?[header.Count];

        // Overrides first: the user knows best.
        if (overrides is not null)
        {
            foreach (var (source, field) in overrides)
            {
                var i = FindColumn(header, source);
                if (i < 0) throw new ArgumentException($"--map: the input has no column '{source}'");
                if (schema.Field(field) is null) throw new ArgumentException($"--map: schema '{schema.Id}' has no field '{field}' (see 'musubi schemas show {schema.Id}')");
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
                var field = index.Match(header[i], kind);
                if (field is null || taken.Contains(field)) continue;
                result[i] = new ColumnMapping(i, header[i], field, kind);
                taken.Add(field);
            }
        }

        var hasLat = taken.Contains("緯度");
        var hasLon = taken.Contains("経度");
        for (var i = 0; i < header.Count; i++)
        {
            if (result[i] is not null) continue;
            if (!hasLat && !hasLon && schema.Field("緯度") is not null && CombinedCoordinateKeys.Contains(HeaderName.Key(header[i])))
            {
                result[i] = new ColumnMapping(i, header[i], "緯度,経度", MatchKind.Split);
                hasLat = hasLon = true;
                continue;
            }
            result[i] = new ColumnMapping(i, header[i], null, MatchKind.Unmapped);
        }
        return new TableMapping(schema, result!);
    }

    /// <summary>Counts how many distinct fields of the schema the header matches (for detection), split into dataset-specific and common ones.</summary>
    public static (int Specific, int Common, int Total) CountMatches(TableSchema schema, IReadOnlyList<string> header, ISet<string> commonFields)
    {
        var index = Indexes.GetOrAdd(schema, s => new NameIndex(s));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in header)
        {
            var field = index.Match(h, MatchKind.Exact) ?? index.Match(h, MatchKind.Alias) ?? index.Match(h, MatchKind.Normalized) ?? index.Match(h, MatchKind.Fuzzy);
            if (field is not null) seen.Add(field);
        }
        var common = seen.Count(commonFields.Contains);
        return (seen.Count - common, common, seen.Count);
    }

    /// <summary>The field one header cell matches in a schema, and how (Exact, Alias, Normalized, Fuzzy), ignoring other columns.</summary>
    public static (string? Field, MatchKind How) MatchHeader(TableSchema schema, string header)
    {
        var index = Indexes.GetOrAdd(schema, s => new NameIndex(s));
        foreach (var kind in new[] { MatchKind.Exact, MatchKind.Alias, MatchKind.Normalized, MatchKind.Fuzzy })
        {
            var field = index.Match(header, kind);
            if (field is not null) return (field, kind);
        }
        return (null, MatchKind.Unmapped);
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

    /// <summary>Lookup tables for one schema, built once.</summary>
    private sealed class NameIndex
    {
        private readonly Dictionary<string, string> _exact = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _alias = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _folded = new(StringComparer.Ordinal);
        private readonly List<(string Key, string Field)> _fuzzy = [];

        public NameIndex(TableSchema schema)
        {
            foreach (var f in schema.Fields)
            {
                _exact.TryAdd(f.Name, f.Name);
                _folded.TryAdd(HeaderName.Key(f.Name), f.Name);
                _fuzzy.Add((HeaderName.Key(f.Name), f.Name));
            }
            foreach (var f in schema.Fields)
            {
                foreach (var a in f.Aliases)
                {
                    _alias.TryAdd(a, f.Name);
                    _folded.TryAdd(HeaderName.Key(a), f.Name);
                }
            }
            // The definition book's English names (localGovernmentCode, fullNameInKana …) are used as column names
            // by some publishers (e.g. FIWARE-style files).
            foreach (var f in schema.Fields)
            {
                if (string.IsNullOrWhiteSpace(f.EnglishName)) continue;
                _alias.TryAdd(f.EnglishName, f.Name);
                _folded.TryAdd(HeaderName.Key(f.EnglishName), f.Name);
            }
        }

        public string? Match(string header, MatchKind kind)
        {
            if (string.IsNullOrWhiteSpace(header)) return null;
            switch (kind)
            {
                case MatchKind.Exact:
                    return _exact.GetValueOrDefault(header.Trim());
                case MatchKind.Alias:
                    return _alias.GetValueOrDefault(header.Trim());
                case MatchKind.Normalized:
                    return _folded.GetValueOrDefault(HeaderName.Key(header));
                case MatchKind.Fuzzy:
                    var key = HeaderName.Key(header);
                    if (key.Length < 4) return null;
                    var cap = key.Length >= 8 ? 2 : 1;
                    string? best = null;
                    var bestDistance = int.MaxValue;
                    var tie = false;
                    foreach (var (k, field) in _fuzzy)
                    {
                        var d = HeaderName.Distance(key, k, cap);
                        if (d > cap) continue;
                        if (d < bestDistance) { best = field; bestDistance = d; tie = false; }
                        else if (d == bestDistance && field != best) tie = true;
                    }
                    return tie ? null : best;
                default:
                    return null;
            }
        }
    }
}
