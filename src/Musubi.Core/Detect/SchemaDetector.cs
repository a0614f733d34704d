using System.Text;
using Musubi.Map;
using Musubi.Schemas;

namespace Musubi.Detect;

/// <summary>One candidate schema for a table, with the evidence behind its score.</summary>
public sealed record SchemaCandidate(TableSchema Schema, double Score, double Confidence, int SpecificFields, int CommonFields, bool FileNameHint, bool TitleHint);

/// <summary>
/// Decides which standard dataset a table is. Evidence: header columns that match a schema's own
/// (dataset-specific) fields weigh most, shared location columns little; the file name (a slug such as
/// "aed" or a title such as 「AED設置場所一覧」) and title rows above the header add to it.
/// </summary>
public sealed class SchemaDetector(SchemaCatalog catalog)
{
    private readonly HashSet<string> _commonFields = CommonFields(catalog);

    /// <summary>Fields found in most schemas (全国地方公共団体コード, 名称, 所在地_*, 緯度 …): weak evidence.</summary>
    public IReadOnlySet<string> Common => _commonFields;

    public IReadOnlyList<SchemaCandidate> Rank(IReadOnlyList<string> header, string? fileName, IReadOnlyList<string> preamble)
    {
        var nameText = Fold(fileName is null ? "" : Path.GetFileNameWithoutExtension(fileName));
        var titleText = Fold(string.Join(" ", preamble));
        var list = new List<SchemaCandidate>();
        foreach (var schema in catalog.All)
        {
            var (specific, common, _) = ColumnMapper.CountMatches(schema, header, _commonFields);
            var nameHit = schema.Keywords.Any(k => Hit(nameText, k));
            var titleHit = schema.Keywords.Any(k => Hit(titleText, k));
            var score = 3.0 * specific + 1.0 * common + (nameHit ? 6 : 0) + (titleHit ? 5 : 0);
            var specificTotal = schema.Fields.Count(f => !_commonFields.Contains(f.Name));
            // Confidence grows with the share of the schema's own fields found, and with hints.
            var coverage = specificTotal == 0 ? 0 : Math.Min(1.0, specific / (double)Math.Min(specificTotal, 6));
            var confidence = Math.Min(1.0, 0.65 * coverage + (nameHit ? 0.25 : 0) + (titleHit ? 0.2 : 0) + Math.Min(0.15, common * 0.02));
            list.Add(new SchemaCandidate(schema, score, confidence, specific, common, nameHit, titleHit));
        }
        list.Sort((a, b) => b.Score.CompareTo(a.Score));
        // When the runner-up is close, the choice is less certain.
        if (list.Count > 1 && list[0].Score > 0)
        {
            var margin = (list[0].Score - list[1].Score) / list[0].Score;
            if (margin < 0.2) list[0] = list[0] with { Confidence = Math.Round(list[0].Confidence * (0.6 + 2 * margin), 2) };
        }
        for (var i = 0; i < list.Count; i++) list[i] = list[i] with { Confidence = Math.Round(list[i].Confidence, 2) };
        return list;
    }

    private static bool Hit(string text, string keyword)
    {
        if (text.Length == 0) return false;
        var k = Fold(keyword);
        if (k.Length == 0) return false;
        // Short ASCII slugs must stand as a token (so "aed" doesn't hit inside another word).
        if (k.All(c => c < 128) && k.Length <= 4)
        {
            var i = text.IndexOf(k, StringComparison.Ordinal);
            while (i >= 0)
            {
                var before = i == 0 || !char.IsAsciiLetter(text[i - 1]);
                var after = i + k.Length >= text.Length || !char.IsAsciiLetter(text[i + k.Length]);
                if (before && after) return true;
                i = text.IndexOf(k, i + 1, StringComparison.Ordinal);
            }
            return false;
        }
        return text.Contains(k, StringComparison.Ordinal);
    }

    private static string Fold(string s) => s.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Replace('-', '_');

    private static HashSet<string> CommonFields(SchemaCatalog catalog)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in catalog.All)
            foreach (var f in s.Fields)
                counts[f.Name] = counts.GetValueOrDefault(f.Name) + 1;
        var threshold = Math.Max(2, catalog.All.Count / 3);
        return counts.Where(kv => kv.Value >= threshold).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
    }
}
