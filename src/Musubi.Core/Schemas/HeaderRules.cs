using System.Text.Json;
using Musubi.Embedded;

namespace Musubi.Schemas;

/// <summary>
/// The rules of data/codes/header-rules.json: subject prefixes, synonym terms, combined columns, count and flag suffixes.
/// A column name and a field name mean the same when their <see cref="Stem"/>s are equal.
/// </summary>
public static class HeaderRules
{
    private static readonly Lazy<Rules> Loaded = new(Load);

    private sealed record Rules(Dictionary<string, string[]> Prefixes, Dictionary<string, string> Synonyms, Dictionary<string, string> Combined, string[] CountSuffixes, string[] FlagSuffixes,
        Dictionary<string, string> WhenValuesDoNotFit);

    /// <summary>The text field a column named like <paramref name="field"/> goes to when its values are not of that field's type (料金(基本) → 料金(詳細)).</summary>
    public static string? WhenValuesDoNotFit(string field) => Loaded.Value.WhenValuesDoNotFit.GetValueOrDefault(field);

    /// <summary>
    /// The stem of a name: its folded key (<see cref="HeaderName.Key"/>) without brackets, without a leading subject
    /// prefix (イベント説明 → 説明) and with a synonym term replaced by its group's first (開始時刻 → 開始時間).
    /// </summary>
    public static string Stem(string name, string? schemaId = null)
    {
        var rules = Loaded.Value;
        var key = HeaderName.Key(name).Replace("(", "", StringComparison.Ordinal).Replace(")", "", StringComparison.Ordinal);
        if (rules.Synonyms.TryGetValue(key, out var direct)) return direct;
        var stripped = Strip(key, rules.Prefixes.GetValueOrDefault(schemaId ?? "")) ?? Strip(key, rules.Prefixes.GetValueOrDefault("*"));
        key = stripped ?? key;
        return rules.Synonyms.GetValueOrDefault(key, key);
    }

    private static string? Strip(string key, string[]? prefixes)
    {
        if (prefixes is null) return null;
        foreach (var p in prefixes)
            if (key.Length - p.Length >= 2 && key.StartsWith(p, StringComparison.Ordinal)) return key[p.Length..];
        return null;
    }

    /// <summary>The field a combined column (所在地_町字以下) is mapped to, or null.</summary>
    public static string? CombinedField(string header) => Loaded.Value.Combined.GetValueOrDefault(HeaderName.Key(header));

    /// <summary>"車椅子使用者用トイレ数" → "車椅子使用者用トイレ": the thing a count column counts; null when the name is no count.</summary>
    public static string? CountOf(string header)
    {
        var rules = Loaded.Value;
        var key = HeaderName.Key(header);
        if (FlagOf(header) is not null) return null;
        foreach (var s in rules.CountSuffixes)
            if (key.Length > s.Length && key.EndsWith(s, StringComparison.Ordinal)) return key[..^s.Length];
        return null;
    }

    /// <summary>"車椅子使用者用トイレ有無" → "車椅子使用者用トイレ": the thing a yes/no field asks about; null when the name has no flag suffix.</summary>
    public static string? FlagOf(string name)
    {
        var key = HeaderName.Key(name);
        foreach (var s in Loaded.Value.FlagSuffixes)
            if (key.Length > s.Length && key.EndsWith(s, StringComparison.Ordinal)) return key[..^s.Length];
        return null;
    }

    // A class, not a tuple, in the Lazy: generic code over tuples has no precompiled form (compiled at every start).
    private sealed record RdfRules(Dictionary<string, string> Fields, List<(string Ns, string Prefix)> Prefixes);

    private static readonly Lazy<RdfRules> Rdf = new(LoadRdf);

    /// <summary>
    /// The standard field an RDF property header names (LinkData "#property" rows: rdfs:label → 名称, geo:lat → 緯度,
    /// http://schema.org/telephone → 電話番号), from data/codes/rdf-properties.tsv; null for any other header.
    /// </summary>
    public static string? RdfField(string header)
    {
        var h = header.Trim().Trim('<', '>');
        if (h.IndexOf(':') <= 0) return null;
        var (fields, prefixes) = Rdf.Value;
        foreach (var (ns, prefix) in prefixes)
        {
            if (h.StartsWith(ns, StringComparison.OrdinalIgnoreCase))
            {
                h = prefix + ":" + h[ns.Length..];
                break;
            }
        }
        return fields.GetValueOrDefault(h);
    }

    private static RdfRules LoadRdf()
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var prefixes = new List<(string, string)>();
        foreach (var line in EmbeddedData.Lines("codes/rdf-properties.tsv"))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var cols = line.Split('\t');
            if (cols[0] == "@prefix" && cols.Length >= 3) prefixes.Add((cols[2], cols[1]));
            else if (cols.Length >= 2) fields[cols[0]] = cols[1];
        }
        // Longest namespace first, and the http/https variants of each.
        var all = prefixes.Concat(prefixes.Where(p => p.Item1.StartsWith("http://", StringComparison.Ordinal)).Select(p => ("https://" + p.Item1[7..], p.Item2)))
            .OrderByDescending(p => p.Item1.Length).ToList();
        return new RdfRules(fields, all);
    }

    private static Rules Load()
    {
        using var stream = EmbeddedData.Open("codes/header-rules.json");
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;
        static string[] Strings(JsonElement e)
        {
            var strings = new List<string>();
            foreach (var x in e.EnumerateArray()) strings.Add(x.GetString()!);
            return [.. strings];
        }
        var prefixes = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var p in root.GetProperty("prefixes").EnumerateObject())
            if (p.Value.ValueKind == JsonValueKind.Array) prefixes[p.Name] = [.. Strings(p.Value).Select(HeaderName.Key).OrderByDescending(x => x.Length)];
        var synonyms = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in root.GetProperty("synonyms").EnumerateArray())
        {
            var terms = Strings(group).Select(t => HeaderName.Key(t).Replace("(", "", StringComparison.Ordinal).Replace(")", "", StringComparison.Ordinal)).ToArray();
            foreach (var t in terms.Skip(1)) synonyms.TryAdd(t, terms[0]);
        }
        var combined = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in root.GetProperty("combined").EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.Array) continue;
            foreach (var n in Strings(p.Value)) combined.TryAdd(HeaderName.Key(n), p.Name);
        }
        var fallback = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in root.GetProperty("whenValuesDoNotFit").EnumerateObject())
            if (p.Value.ValueKind == JsonValueKind.String) fallback[p.Name] = p.Value.GetString()!;
        return new Rules(prefixes, synonyms, combined, Strings(root.GetProperty("countSuffixes")).OrderByDescending(s => s.Length).ToArray(),
            Strings(root.GetProperty("flagSuffixes")).OrderByDescending(s => s.Length).ToArray(), fallback);
    }
}
