using System.Text.Json;
using System.Text.Json.Serialization;
using Musubi.Validate;

namespace Musubi.Normalize;

/// <summary>One entry of data/codes/issue-codes.json.</summary>
public sealed record IssueCodeInfo(
    string Code,
    [property: JsonConverter(typeof(JsonStringEnumConverter<Severity>))] Severity Severity,
    string Title,
    string TitleJa);

/// <summary>The issue-code catalog (data/codes/issue-codes.json, embedded as "codes/issue-codes.json").</summary>
public static class IssueCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, IssueCodeInfo>> Entries = new(Load);

    public static IReadOnlyCollection<IssueCodeInfo> All => (IReadOnlyCollection<IssueCodeInfo>)Entries.Value.Values;

    public static IssueCodeInfo? Find(string code) => Entries.Value.GetValueOrDefault(code);

    /// <summary>The catalog severity of a code; Error for unknown codes.</summary>
    public static Severity SeverityOf(string code) => Find(code)?.Severity ?? Severity.Error;

    private static Dictionary<string, IssueCodeInfo> Load()
    {
        using var stream = typeof(IssueCatalog).Assembly.GetManifestResourceStream("codes/issue-codes.json")
            ?? throw new FileNotFoundException("embedded resource codes/issue-codes.json not found");
        var list = JsonSerializer.Deserialize<List<IssueCodeInfo>>(stream, Options) ?? [];
        return list.ToDictionary(e => e.Code, StringComparer.Ordinal);
    }

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter<Severity>(JsonNamingPolicy.CamelCase) },
        TypeInfoResolver = IssueCatalogJsonContext.Default,
    };
}

/// <summary>Compile-time JSON metadata for the issue catalog (no reflection at start-up).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<IssueCodeInfo>))]
internal sealed partial class IssueCatalogJsonContext : JsonSerializerContext;
