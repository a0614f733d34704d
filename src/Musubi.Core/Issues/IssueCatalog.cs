using System.Text.Json;
using System.Text.Json.Serialization;
using Musubi.Embedded;

namespace Musubi.Issues;

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
        using var stream = EmbeddedData.Open("codes/issue-codes.json");
        // Read through the JSON DOM: the serializer's first use costs ~50 ms of start-up (see SchemaDocument).
        using var doc = JsonDocument.Parse(stream);
        var entries = new Dictionary<string, IssueCodeInfo>(StringComparer.Ordinal);
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            var code = e.GetProperty("code").GetString()!;
            var severity = Enum.Parse<Severity>(e.GetProperty("severity").GetString()!, ignoreCase: true);
            entries[code] = new IssueCodeInfo(code, severity, e.GetProperty("title").GetString()!, e.GetProperty("titleJa").GetString()!);
        }
        return entries;
    }
}
