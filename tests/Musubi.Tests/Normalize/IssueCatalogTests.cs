using System.Reflection;
using System.Text.Json;
using Musubi.Normalize;

namespace Musubi.Tests.Normalize;

public class IssueCatalogTests
{
    private static IEnumerable<string> CodeConstants() =>
        typeof(IssueCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void Every_code_constant_is_in_the_catalog()
    {
        var missing = CodeConstants().Where(c => IssueCatalog.Find(c) is null).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Catalog_is_a_flat_array_sorted_by_code_with_known_severities()
    {
        using var stream = typeof(IssueCatalog).Assembly.GetManifestResourceStream("codes/issue-codes.json")!;
        using var doc = JsonDocument.Parse(stream);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        var codes = doc.RootElement.EnumerateArray().Select(e => e.GetProperty("code").GetString()!).ToList();
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.Equal(codes.Count, codes.Distinct().Count());
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            Assert.Contains(e.GetProperty("severity").GetString(), new[] { "fixed", "warning", "error" });
            Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("title").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("titleJa").GetString()));
        }
    }

    [Fact]
    public void Severity_lookup()
    {
        Assert.Equal(Musubi.Validate.Severity.Fixed, IssueCatalog.SeverityOf(IssueCodes.DateWareki));
        Assert.Equal(Musubi.Validate.Severity.Warning, IssueCatalog.SeverityOf(IssueCodes.DateEraOverflow));
        Assert.Equal(Musubi.Validate.Severity.Error, IssueCatalog.SeverityOf(IssueCodes.InvalidDate));
        Assert.Equal(Musubi.Validate.Severity.Error, IssueCatalog.SeverityOf("no-such-code"));
    }
}
