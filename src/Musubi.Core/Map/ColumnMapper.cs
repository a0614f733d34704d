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

    /// <param name="schema">The standard dataset.</param>
    /// <param name="header">The table's header cells.</param>
    /// <param name="overrides">Source column → field given by the user.</param>
    /// <param name="sample">The first rows' cells, when read ahead: a name matched only by synonym or close spelling must
    /// also fit the column's values (a 料金 column of "無料" is no 料金(基本) number).</param>
    /// <param name="isValid">Whether a value is valid for a field (the normalize stage's judgement, given by the caller).</param>
    public static TableMapping Map(TableSchema schema, IReadOnlyList<string> header, IReadOnlyDictionary<string, string>? overrides = null,
        IReadOnlyList<string[]>? sample = null, Func<FieldSchema, string, bool>? isValid = null)
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
        // Known names whose values are not of the field's type, waiting for their text sibling (decided after all tiers,
        // so a column that names the sibling itself gets it first).
        var deferred = new List<Deferred>();
        foreach (var kind in FieldMatcher.Tiers)
        {
            for (var i = 0; i < header.Count; i++)
            {
                if (result[i] is not null || IsDeferred(deferred, i)) continue;
                var field = FieldMatcher.Match(schema, header[i], kind);
                if (field is null || taken.Contains(field)) continue;
                // A name is weaker evidence than the values: a column matched by anything but the exact name must hold
                // values of the field's type, else it goes to the field's text sibling (data/codes/header-rules.json) or stays unmapped.
                if (kind != MatchKind.Exact && sample is not null && isValid is not null && !ValuesFit(schema.Field(field)!, sample, i, isValid))
                {
                    if (HeaderRules.WhenValuesDoNotFit(field) is { } text && schema.Field(text) is not null)
                    {
                        deferred.Add(new Deferred(i, field, kind, text));
                        continue;
                    }
                    // A known name (alias, folded spelling) still wins without a sibling: its bad values are reported.
                    if (kind is MatchKind.Synonym or MatchKind.Fuzzy) continue;
                }
                result[i] = new ColumnMapping(i, header[i], field, kind);
                taken.Add(field);
            }
        }

        foreach (var (i, field, kind, sibling) in deferred)
        {
            if (taken.Add(sibling)) result[i] = new ColumnMapping(i, header[i], sibling, MatchKind.Synonym);
            else if (taken.Add(field)) result[i] = new ColumnMapping(i, header[i], field, kind);
        }

        // A column no name matched whose values are a free field's controlled vocabulary is that field.
        if (sample is { Count: > 0 })
        {
            for (var i = 0; i < header.Count; i++)
            {
                if (result[i] is not null) continue;
                var values = Values(sample, i).Select(v => v.Normalize(System.Text.NormalizationForm.FormKC)).ToList();
                if (values.Count < 2) continue;
                foreach (var f in schema.Fields)
                {
                    if (f.Constraints?.Enum is not { Count: > 0 } allowed || taken.Contains(f.Name)) continue;
                    var set = allowed.Select(a => a.Normalize(System.Text.NormalizationForm.FormKC)).ToHashSet(StringComparer.Ordinal);
                    if (values.Count(set.Contains) * 2 < values.Count) continue;
                    result[i] = new ColumnMapping(i, header[i], f.Name, MatchKind.Vocabulary);
                    taken.Add(f.Name);
                    break;
                }
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
        return new TableMapping(schema, result!) { DerivedFlags = DerivedFlags(schema, result!, taken, sample) };
    }

    /// <summary>A column whose known name waits for its text sibling (a class, not a tuple: a list of tuples has no precompiled code).</summary>
    private sealed record Deferred(int Column, string Field, MatchKind Kind, string Sibling);

    private static bool IsDeferred(List<Deferred> deferred, int column)
    {
        foreach (var d in deferred)
            if (d.Column == column) return true;
        return false;
    }

    /// <summary>
    /// A yes/no field with no column of its own whose thing a count column counts (車椅子使用者用トイレ有無 ←
    /// 車椅子使用者用トイレ数): the count stays a count (in the extra file), the flag is derived from it.
    /// </summary>
    private static IReadOnlyList<(int Field, int Column)> DerivedFlags(TableSchema schema, ColumnMapping?[] columns, HashSet<string> taken, IReadOnlyList<string[]>? sample)
    {
        List<(int, int)>? derived = null;
        for (var f = 0; f < schema.Fields.Count; f++)
        {
            var field = schema.Fields[f];
            if (field.Type != "boolean" || taken.Contains(field.Name) || HeaderRules.FlagOf(field.Name) is not { } thing) continue;
            foreach (var c in columns)
            {
                if (c is null || c.How != MatchKind.Unmapped || HeaderRules.CountOf(c.Source) is not { } counted) continue;
                if (counted != thing && HeaderRules.Stem(counted) != HeaderRules.Stem(thing)) continue;
                if (sample is not null && !Values(sample, c.Index).All(v => int.TryParse(v, out var n) && n >= 0)) continue;
                (derived ??= []).Add((f, c.Index));
                break;
            }
        }
        return derived is null ? TableMapping.NoDerivedFlags : derived.ToArray();
    }

    /// <summary>At least half of the column's non-blank sampled values are valid for the field (no values: fits).</summary>
    private static bool ValuesFit(FieldSchema field, IReadOnlyList<string[]> sample, int column, Func<FieldSchema, string, bool> isValid)
    {
        if (field.Type is "string" or "" && field.Format is "default" or "kana" or "list" or "id" or "") return true;
        var values = Values(sample, column).ToList();
        if (values.Count == 0) return true;
        if (field.Type == "boolean" && values.All(v => int.TryParse(v, out _)) && values.Any(v => int.TryParse(v, out var n) && n > 1)) return false;
        var valid = values.Count(v => isValid(field, v));
        return valid * 2 >= values.Count;
    }

    private static IEnumerable<string> Values(IReadOnlyList<string[]> sample, int column) =>
        sample.Select(r => column < r.Length ? r[column].Trim() : "").Where(v => v.Length > 0 && !(v.Length == 1 && v[0] is '-' or '－' or 'ー' or '―'));

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
