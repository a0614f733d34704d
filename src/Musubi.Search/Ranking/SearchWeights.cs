using System.Text.Json;

namespace Musubi.Search.Ranking;

/// <summary>The ranking weights (data/search/weights.json). Query-time only: changing them needs no reindex.</summary>
public sealed class SearchWeights
{
    private static readonly Lazy<SearchWeights> LazyDefault = new(() =>
    {
        using var s = typeof(SearchWeights).Assembly.GetManifestResourceStream("search/weights.json")
            ?? throw new FileNotFoundException("embedded resource search/weights.json not found");
        return Parse(s, "search/weights.json");
    });

    public static SearchWeights Default => LazyDefault.Value;

    public required string Version { get; init; }
    public float K1 { get; init; } = 1.2f;
    public float B { get; init; } = 0.75f;
    public required IReadOnlyDictionary<string, float> AverageFieldLength { get; init; }
    public required IReadOnlyDictionary<string, float> Fields { get; init; }
    public float Place { get; init; }
    public float TitlePhrase { get; init; }
    public float ExactTitle { get; init; }

    public float FieldBoost(string field) => Fields.TryGetValue(field, out var w) ? w : 1f;

    public static SearchWeights Load(string path)
    {
        using var s = File.OpenRead(path);
        return Parse(s, path);
    }

    /// <summary>Reads a weights document; a bad one fails with a one-line message naming the source and key.</summary>
    public static SearchWeights Parse(Stream json, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not valid JSON ({e.Message})");
        }
        using (doc)
        {
            var r = doc.RootElement;
            float Num(JsonElement e, string name)
            {
                if (!e.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetSingle(out var f) || !float.IsFinite(f) || f < 0)
                    throw new InvalidDataException($"{source}: \"{name}\" must be a non-negative number");
                return f;
            }
            Dictionary<string, float> Map(string name)
            {
                if (!r.TryGetProperty(name, out var m) || m.ValueKind != JsonValueKind.Object)
                    throw new InvalidDataException($"{source}: \"{name}\" must be an object");
                return m.EnumerateObject().ToDictionary(p => p.Name, p => Num(m, p.Name), StringComparer.Ordinal);
            }
            var bm25 = r.TryGetProperty("bm25", out var b) && b.ValueKind == JsonValueKind.Object
                ? b : throw new InvalidDataException($"{source}: \"bm25\" must be an object");
            var avg = Map("averageFieldLength");
            foreach (var (k, v) in avg)
                if (v <= 0) throw new InvalidDataException($"{source}: averageFieldLength.{k} must be above 0");
            return new SearchWeights
            {
                Version = r.TryGetProperty("version", out var ver) && ver.ValueKind == JsonValueKind.String ? ver.GetString()! : throw new InvalidDataException($"{source}: \"version\" is missing"),
                K1 = Num(bm25, "k1"),
                B = Num(bm25, "b"),
                AverageFieldLength = avg,
                Fields = Map("fields"),
                Place = Num(r, "place"),
                TitlePhrase = Num(r, "titlePhrase"),
                ExactTitle = Num(r, "exactTitle"),
            };
        }
    }
}
