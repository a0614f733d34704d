using System.Text.Json;
using Musubi.Embedded;

namespace Musubi.Normalize;

/// <summary>
/// The rules of data/codes/value-rules.json: how real files write the listed values of enum fields (synonyms, sub-kinds,
/// two-level kinds, kinds the schema's description says occur) and yes/no words. Pure lookups, so the row normalizer
/// may memoize their results per distinct value; <see cref="Narrow"/> is the one rule that reads other cells of the row.
/// </summary>
public static class ValueRules
{
    private static readonly Lazy<Dictionary<string, FieldRules>> Fields = new(LoadFields);
    private static readonly Lazy<Dictionary<string, bool>> FlagWords = new(LoadFlags);

    // The rules are held in classes and lists of classes, not in tuples: generic code over tuples has no precompiled form
    // and was compiled at every start of a conversion (the rules are loaded for every table with an enum field).
    internal sealed class FieldRules
    {
        public List<Term> Terms { get; } = [];
        public Dictionary<string, string> Synonyms { get; } = new(StringComparer.Ordinal);
        public string? AllowedWhen { get; set; }
        public HashSet<string> Allowed { get; } = new(StringComparer.Ordinal);
        public Facets? Facets { get; set; }
    }

    internal sealed record Term(string From, string To);

    /// <summary>A kind (or an owner) and the words that say it.</summary>
    internal sealed record Group(string Name, string[] Words);

    internal sealed record Facets(string When, string[] Columns, List<Group> Kinds, List<Group> Owners, Dictionary<string, string> Combine);

    /// <summary>What a rule made of a value outside the list.</summary>
    /// <param name="Value">The listed value (or the value itself when it is <paramref name="Allowed"/>).</param>
    /// <param name="Allowed">A kind the schema's description says occurs: kept as written, not an error.</param>
    public readonly record struct Resolved(string Value, bool Allowed, string Why);

    /// <summary>The listed value a value outside <paramref name="allowed"/> means, by the field's rules; null when no rule applies.</summary>
    public static Resolved? Resolve(string field, IReadOnlyList<string> allowed, string value)
    {
        if (!Fields.Value.TryGetValue(field, out var rules)) return null;
        var v = value.Trim();
        if (rules.AllowedWhen is { } when && allowed.Contains(when) && rules.Allowed.Contains(v)) return new Resolved(v, true, "a kind the standard's description says occurs");
        if (Direct(rules, allowed, v) is { } direct) return new Resolved(direct, false, "a spelling variant or sub-kind of the listed value");
        // Bracketed ("（遺跡）") or two-level ("美術工芸品・彫刻", "大分類/小分類"): a part that is (or means) a listed value decides.
        var inner = v.Trim('（', '）', '(', ')', '【', '】', ' ', '　');
        if (inner != v && Direct(rules, allowed, inner) is { } bracketed) return new Resolved(bracketed, false, "a bracketed sub-kind of the listed value");
        var parts = inner.Split(['・', '/', '／', '＞', '>', '－'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 2)
        {
            foreach (var p in parts)
                if (Direct(rules, allowed, p) is { } part) return new Resolved(part, false, "a two-level kind (大分類・小分類): its listed part");
        }
        return null;
    }

    private static string? Direct(FieldRules rules, IReadOnlyList<string> allowed, string v)
    {
        foreach (var t in rules.Terms) v = v.Replace(t.From, t.To, StringComparison.Ordinal);
        if (allowed.Contains(v)) return v;
        if (rules.Synonyms.TryGetValue(v, out var s) && allowed.Contains(s)) return s;
        return null;
    }

    /// <summary>
    /// A kind narrowed with other cells of the row: the kind from one cell (施設種別 認可保育園), the owner from another
    /// (種別 区立, or a name starting 区立…) → the listed value (認可公立保育所). <paramref name="cells"/> are the row's
    /// cells under the columns named in the rule (the field's own value first).
    /// </summary>
    public static string? Narrow(string field, IReadOnlyList<string> allowed, IEnumerable<string> cells)
    {
        if (!Fields.Value.TryGetValue(field, out var rules) || rules.Facets is not { } f || !allowed.Contains(f.When)) return null;
        string? kind = null, owner = null;
        foreach (var cell in cells)
        {
            if (cell.Length == 0) continue;
            kind ??= f.Kinds.FirstOrDefault(k => k.Words.Any(w => cell.Contains(w, StringComparison.Ordinal)))?.Name;
            owner ??= f.Owners.FirstOrDefault(o => o.Words.Any(w => cell.Contains(w, StringComparison.Ordinal)))?.Name;
            if (kind is not null && owner is not null) break;
        }
        return kind is not null && owner is not null && f.Combine.TryGetValue(kind + "+" + owner, out var v)
            && (allowed.Contains(v) || rules.Allowed.Contains(v)) ? v : null;
    }

    /// <summary>The columns whose cells <see cref="Narrow"/> reads for a field, or none.</summary>
    public static IReadOnlyList<string> NarrowColumns(string field) =>
        Fields.Value.TryGetValue(field, out var rules) && rules.Facets is { } f ? f.Columns : [];

    /// <summary>A yes/no word of the data file ("設置あり" → true), or null.</summary>
    public static bool? FlagWord(ReadOnlySpan<char> word) =>
        FlagWords.Value.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var b) ? b : null;

    private static Dictionary<string, FieldRules> LoadFields()
    {
        using var doc = Open();
        var result = new Dictionary<string, FieldRules>(StringComparer.Ordinal);
        foreach (var field in doc.RootElement.GetProperty("fields").EnumerateObject())
        {
            var r = new FieldRules();
            var e = field.Value;
            if (e.TryGetProperty("terms", out var terms))
                foreach (var t in terms.EnumerateObject()) r.Terms.Add(new Term(t.Name, t.Value.GetString()!));
            SortLongestFirst(r.Terms);
            if (e.TryGetProperty("synonyms", out var syn))
                foreach (var s in syn.EnumerateObject()) r.Synonyms[s.Name] = s.Value.GetString()!;
            if (e.TryGetProperty("subKinds", out var sub))
                foreach (var k in sub.EnumerateObject())
                    foreach (var w in k.Value.EnumerateArray()) r.Synonyms.TryAdd(w.GetString()!, k.Name);
            if (e.TryGetProperty("alsoAllowed", out var also))
            {
                r.AllowedWhen = also.GetProperty("whenEnumHas").GetString();
                foreach (var v in also.GetProperty("values").EnumerateArray()) r.Allowed.Add(v.GetString()!);
            }
            if (e.TryGetProperty("facets", out var fa))
            {
                static List<Group> Groups(JsonElement g)
                {
                    var groups = new List<Group>();
                    foreach (var p in g.EnumerateObject()) groups.Add(new Group(p.Name, Strings(p.Value)));
                    return groups;
                }
                var combine = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var p in fa.GetProperty("combine").EnumerateObject()) combine.Add(p.Name, p.Value.GetString()!);
                r.Facets = new Facets(fa.GetProperty("whenEnumHas").GetString()!, Strings(fa.GetProperty("columns")),
                    Groups(fa.GetProperty("kinds")), Groups(fa.GetProperty("owners")), combine);
            }
            result[field.Name] = r;
        }
        return result;
    }

    private static string[] Strings(JsonElement array)
    {
        var strings = new List<string>();
        foreach (var x in array.EnumerateArray()) strings.Add(x.GetString()!);
        return [.. strings];
    }

    /// <summary>Longest "from" first, terms of one length in the file's order (a stable insertion sort: the lists are short).</summary>
    private static void SortLongestFirst(List<Term> terms)
    {
        for (var i = 1; i < terms.Count; i++)
        {
            var t = terms[i];
            var j = i - 1;
            for (; j >= 0 && terms[j].From.Length < t.From.Length; j--) terms[j + 1] = terms[j];
            terms[j + 1] = t;
        }
    }

    private static Dictionary<string, bool> LoadFlags()
    {
        using var doc = Open();
        var words = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        var flags = doc.RootElement.GetProperty("flags");
        foreach (var w in flags.GetProperty("true").EnumerateArray()) words[w.GetString()!] = true;
        foreach (var w in flags.GetProperty("false").EnumerateArray()) words[w.GetString()!] = false;
        return words;
    }

    private static JsonDocument Open()
    {
        using var stream = EmbeddedData.Open("codes/value-rules.json");
        return JsonDocument.Parse(stream);
    }
}
