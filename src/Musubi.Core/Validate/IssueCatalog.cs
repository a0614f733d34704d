using System.Text.Json;

namespace Musubi.Validate;

/// <summary>Titles of the stable issue codes, read from data/codes/issue-codes.json.</summary>
public static class IssueCatalog
{
    public sealed record Entry(string Code, string Severity, string Title, string? TitleJa);

    private static readonly Lazy<Dictionary<string, Entry>> Entries = new(Load);

    public static IReadOnlyCollection<Entry> All => Entries.Value.Values;

    public static string Title(string code) => Entries.Value.TryGetValue(code, out var e) ? e.Title : code;

    private static Dictionary<string, Entry> Load()
    {
        using var stream = typeof(IssueCatalog).Assembly.GetManifestResourceStream("codes/issue-codes.json");
        if (stream is null) return [];
        var list = JsonSerializer.Deserialize<List<Entry>>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true }) ?? [];
        return list.GroupBy(e => e.Code).ToDictionary(g => g.Key, g => g.First());
    }
}
