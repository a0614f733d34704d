using System.Text;
using Musubi.Schemas;

namespace Musubi.Detect;

/// <summary>One candidate schema for a table, with the evidence behind its score.</summary>
/// <param name="Score">Weighted evidence: each matching header counts 1/(number of schemas it matches), so 名称 says little and 小児対応設備の有無 a lot.</param>
/// <param name="SpecificFields">Header columns that match this schema and at most two others.</param>
/// <param name="CommonFields">Header columns that match this schema and many others.</param>
public sealed record SchemaCandidate(TableSchema Schema, double Score, double Confidence, int SpecificFields, int CommonFields, bool FileNameHint, bool TitleHint);

/// <summary>
/// Decides which standard dataset a table is. Each header column is evidence for the schemas it matches, weighted
/// by how distinctive it is (like IDF: a column found in one schema counts 1, in all fourteen ~0.07). The file name
/// (a slug such as "aed" or a title such as 「AED設置場所一覧」) and title rows above the header add to it.
/// Confidence grows with the evidence and shrinks when the runner-up is close.
/// </summary>
public sealed class SchemaDetector(SchemaCatalog catalog)
{
    private const double FileNameWeight = 1.5;
    private const double TitleWeight = 1.2;
    private const double FolderWeight = 0.8;

    /// <summary>Scores every schema for a table.</summary>
    /// <param name="header">The table's header cells.</param>
    /// <param name="fileName">The file's name as its source calls it (222127_aed.csv).</param>
    /// <param name="folder">The name of the folder (or URL path segment) the file sits in, weaker evidence; null for none.</param>
    /// <param name="titles">Title and note rows above the header, and a catalog title when the source gives one.</param>
    public IReadOnlyList<SchemaCandidate> Rank(IReadOnlyList<string> header, string? fileName, string? folder, IReadOnlyList<string> titles) =>
        Rank(header, fileName, folder, titles, null);

    /// <summary>
    /// The same, with the first rows' cells as evidence too: a column whose name says nothing but whose values are a
    /// schema's controlled vocabulary (種別 認可公立保育所, 医療機関の種類 病院) counts for that schema like a specific column.
    /// </summary>
    public IReadOnlyList<SchemaCandidate> Rank(IReadOnlyList<string> header, string? fileName, string? folder, IReadOnlyList<string> titles,
        IReadOnlyList<string[]>? sample)
    {
        var preamble = titles;
        var schemas = catalog.All.ToList();
        var matches = new MatchKind[header.Count, schemas.Count];
        var df = new int[header.Count];
        for (var h = 0; h < header.Count; h++)
        {
            for (var s = 0; s < schemas.Count; s++)
            {
                var (field, how) = FieldMatcher.Match(schemas[s], header[h]);
                matches[h, s] = field is null ? MatchKind.Unmapped : how;
                if (field is not null) df[h]++;
            }
        }

        // Cell values as evidence: columns whose values are a schema's controlled vocabulary (weighted like names, by how
        // many schemas share the vocabulary).
        var vocabulary = new bool[header.Count, schemas.Count];
        var vocabularyDf = new int[header.Count];
        if (sample is { Count: > 0 })
        {
            for (var h = 0; h < header.Count; h++)
                for (var s = 0; s < schemas.Count; s++)
                    if (matches[h, s] == MatchKind.Unmapped && VocabularyOf(schemas[s], sample, h)) { vocabulary[h, s] = true; vocabularyDf[h]++; }
        }

        var nameText = Fold(fileName is null ? "" : Path.GetFileNameWithoutExtension(fileName));
        // Files are often stored in a folder named for their dataset (…/evacuation_space/data.xlsx): weaker evidence.
        var folderText = Fold(folder ?? "");
        var titleText = Fold(string.Join(" ", preamble));
        var list = new List<SchemaCandidate>(schemas.Count);
        for (var s = 0; s < schemas.Count; s++)
        {
            double evidence = 0;
            int specific = 0, common = 0;
            for (var h = 0; h < header.Count; h++)
            {
                var kind = matches[h, s];
                if (kind == MatchKind.Unmapped) continue;
                var weight = kind switch { MatchKind.Exact => 1.0, MatchKind.Fuzzy => 0.5, MatchKind.Synonym => 0.7, _ => 0.85 };
                evidence += weight / df[h];
                if (df[h] <= 3) specific++;
                else common++;
            }
            var schema = schemas[s];
            for (var h = 0; h < header.Count; h++)
            {
                if (!vocabulary[h, s]) continue;
                evidence += 1.0 / vocabularyDf[h];
                if (vocabularyDf[h] <= 3) specific++;
            }
            var nameHit = schema.Keywords.Any(k => Hit(nameText, k));
            var titleHit = schema.Keywords.Any(k => Hit(titleText, k));
            var folderHit = !nameHit && schema.Keywords.Any(k => Hit(folderText, k));
            var score = evidence + (nameHit ? FileNameWeight : 0) + (folderHit ? FolderWeight : 0) + (titleHit ? TitleWeight : 0);
            list.Add(new SchemaCandidate(schema, Math.Round(score, 2), 0, specific, common, nameHit, titleHit));
        }
        list.Sort((a, b) => b.Score.CompareTo(a.Score));
        var second = list.Count > 1 ? list[1].Score : 0;
        for (var i = 0; i < list.Count; i++)
        {
            var c = list[i];
            var strength = 1 - Math.Exp(-c.Score / 1.5);
            // Only the leader is discounted by its margin; the others' confidence is their strength relative to the leader.
            var margin = i == 0 ? (c.Score <= 0 ? 0 : Math.Min(1, (c.Score - second) / c.Score * 2.5)) : Math.Min(1, c.Score / Math.Max(list[0].Score, 1e-9)) * 0.5;
            list[i] = c with { Confidence = Math.Round(strength * (0.4 + 0.6 * margin), 2) };
        }
        return list;
    }

    /// <summary>True when at least half of a column's sampled values (and at least 3) are listed values of one of the schema's enum fields.</summary>
    private static bool VocabularyOf(TableSchema schema, IReadOnlyList<string[]> sample, int column)
    {
        var values = sample.Select(r => column < r.Length ? Fold(r[column].Trim()) : "").Where(v => v.Length > 0).ToList();
        if (values.Count < 3) return false;
        foreach (var f in schema.Fields)
        {
            if (f.Constraints?.Enum is not { Count: > 0 } allowed) continue;
            var set = allowed.Select(Fold).ToHashSet(StringComparer.Ordinal);
            if (values.Count(set.Contains) * 2 >= values.Count) return true;
        }
        return false;
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
}
