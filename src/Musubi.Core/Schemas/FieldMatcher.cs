using System.Collections.Concurrent;
using System.Text.Json.Serialization;

namespace Musubi.Schemas;

/// <summary>How a source column was matched to a standard field.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MatchKind>))]
public enum MatchKind
{
    /// <summary>Given by the user with --map.</summary>
    Override,

    /// <summary>Same name as the standard field.</summary>
    Exact,

    /// <summary>A known older or common name of the field (schema aliases).</summary>
    Alias,

    /// <summary>Same after folding width, spaces, brackets and （必須）-style suffixes.</summary>
    Normalized,

    /// <summary>Close in spelling (edit distance), e.g. a typo such as 所在地_連結標記.</summary>
    Fuzzy,

    /// <summary>
    /// The same stem under data/codes/header-rules.json: a subject prefix dropped (イベント説明 → 説明), a synonym term
    /// (開始時刻 → 開始時間, 内線電話 → 内線番号), brackets dropped (建物名等方書), a combined column (所在地_町字以下).
    /// </summary>
    Synonym,

    /// <summary>The column's name says nothing, but its values are the field's controlled vocabulary (施設区分 認可公立保育所 → 種別).</summary>
    Vocabulary,

    /// <summary>One cell holds several fields, e.g. "lat,lon" in one column.</summary>
    Split,

    /// <summary>No standard field; the column goes to the extra-columns file.</summary>
    Unmapped,
}

/// <summary>
/// Which field of a schema a header cell names: exact standard name, a known alias (older versions, English names),
/// the same after folding, then a close spelling. Detection (which schema) and mapping (which column) both ask it.
/// </summary>
public static class FieldMatcher
{
    private static readonly ConcurrentDictionary<TableSchema, NameIndex> Indexes = new();

    /// <summary>The kinds of match, strongest first.</summary>
    public static readonly MatchKind[] Tiers = [MatchKind.Exact, MatchKind.Alias, MatchKind.Normalized, MatchKind.Synonym, MatchKind.Fuzzy];

    private static NameIndex IndexOf(TableSchema schema) => Indexes.GetOrAdd(schema, s => new NameIndex(s));

    /// <summary>The field a header cell matches by one kind of match only; null when none.</summary>
    public static string? Match(TableSchema schema, string header, MatchKind kind) => IndexOf(schema).Match(header, kind);

    /// <summary>Counts how many distinct fields of the schema the header matches (for detection), split into dataset-specific and common ones.</summary>
    public static (int Specific, int Common, int Total) CountMatches(TableSchema schema, IReadOnlyList<string> header, ISet<string> commonFields)
    {
        var index = IndexOf(schema);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in header)
        {
            var field = index.Match(h, MatchKind.Exact) ?? index.Match(h, MatchKind.Alias) ?? index.Match(h, MatchKind.Normalized)
                ?? index.Match(h, MatchKind.Synonym) ?? index.Match(h, MatchKind.Fuzzy);
            if (field is not null) seen.Add(field);
        }
        var common = seen.Count(commonFields.Contains);
        return (seen.Count - common, common, seen.Count);
    }

    /// <summary>The field one header cell matches in a schema, and how (Exact, Alias, Normalized, Fuzzy), ignoring other columns.</summary>
    public static (string? Field, MatchKind How) Match(TableSchema schema, string header)
    {
        var index = IndexOf(schema);
        foreach (var kind in Tiers)
        {
            var field = index.Match(header, kind);
            if (field is not null) return (field, kind);
        }
        return (null, MatchKind.Unmapped);
    }

    /// <summary>Lookup tables for one schema, built once.</summary>
    private sealed class NameIndex
    {
        private readonly Dictionary<string, string> _exact = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _alias = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _folded = new(StringComparer.Ordinal);
        private readonly List<(string Key, string Field)> _fuzzy = [];
        private readonly Dictionary<string, string?> _stem = new(StringComparer.Ordinal);
        private readonly HashSet<string> _booleans = new(StringComparer.Ordinal);
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);

        private readonly string _schemaId;

        public NameIndex(TableSchema schema)
        {
            _schemaId = schema.Id;
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
            // Stems: a stem two fields share names neither.
            foreach (var f in schema.Fields)
            {
                _names.Add(f.Name);
                if (f.Type == "boolean") _booleans.Add(f.Name);
                foreach (var n in f.Aliases.Prepend(f.Name))
                {
                    var stem = HeaderRules.Stem(n, schema.Id);
                    if (stem.Length < 2) continue;
                    if (_stem.TryGetValue(stem, out var other)) { if (other != f.Name) _stem[stem] = null; }
                    else _stem[stem] = f.Name;
                }
            }
        }

        /// <summary>"名称（施設名）", "No.\n(番号)": a known name followed by a bracketed note is that name.</summary>
        private string? WithoutNote(string header)
        {
            var key = HeaderName.Key(header);
            var open = key.IndexOf('※') is > 0 and var mark ? mark : key.EndsWith(')') ? key.IndexOf('(') : -1;
            if (open <= 0) return null;
            var name = key[..open];
            return _folded.GetValueOrDefault(name) ?? _stem.GetValueOrDefault(HeaderRules.Stem(name, _schemaId));
        }

        /// <summary>A count column (車椅子使用者用トイレ数) is never a yes/no field, however close the names.</summary>
        private string? NotCountIntoFlag(string header, string? field) =>
            field is not null && _booleans.Contains(field) && HeaderRules.CountOf(header) is not null ? null : field;

        public string? Match(string header, MatchKind kind)
        {
            if (string.IsNullOrWhiteSpace(header)) return null;
            switch (kind)
            {
                case MatchKind.Exact:
                    return _exact.GetValueOrDefault(header.Trim());
                case MatchKind.Alias:
                    return _alias.GetValueOrDefault(header.Trim()) ?? (HeaderRules.RdfField(header) is { } rdf && _names.Contains(rdf) ? rdf : null);
                case MatchKind.Normalized:
                    return _folded.GetValueOrDefault(HeaderName.Key(header));
                case MatchKind.Synonym:
                    if (HeaderRules.CombinedField(header) is { } combined && _names.Contains(combined)) return combined;
                    if (HeaderRules.RdfField(header) is { } rdfField) return _stem.GetValueOrDefault(HeaderRules.Stem(rdfField, _schemaId));
                    return NotCountIntoFlag(header, _stem.GetValueOrDefault(HeaderRules.Stem(header, _schemaId)) ?? WithoutNote(header));
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
                    return tie ? null : NotCountIntoFlag(header, best);
                default:
                    return null;
            }
        }
    }
}
