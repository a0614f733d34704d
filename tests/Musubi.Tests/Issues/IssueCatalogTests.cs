using System.Reflection;
using System.Text.Json;
using Musubi.Embedded;
using Musubi.Issues;

namespace Musubi.Tests.Issues;

public class IssueCatalogTests
{
    private static IEnumerable<string> CodeConstants() =>
        typeof(IssueCode).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void The_code_list_and_the_catalog_hold_the_same_codes()
    {
        var constants = CodeConstants().ToList();
        Assert.Equal(constants.Count, constants.Distinct().Count());
        Assert.Equal(IssueCatalog.All.Select(e => e.Code).Order(StringComparer.Ordinal), constants.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Repaired_coordinates_are_fixes_in_the_catalog()
    {
        // The converter puts swapped pairs back and clears 0/0 placeholders: the output is corrected, so both are fixes.
        Assert.Equal(Severity.Fixed, IssueCatalog.SeverityOf(IssueCode.CoordinatesSwapped));
        Assert.Equal(Severity.Fixed, IssueCatalog.SeverityOf(IssueCode.CoordinatesZero));
    }

    [Fact]
    public void Catalog_is_a_flat_array_sorted_by_code_with_known_severities()
    {
        using var stream = EmbeddedData.Open("codes/issue-codes.json");
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
        Assert.Equal(Severity.Fixed, IssueCatalog.SeverityOf(IssueCode.DateWareki));
        Assert.Equal(Severity.Warning, IssueCatalog.SeverityOf(IssueCode.DateEraOverflow));
        Assert.Equal(Severity.Error, IssueCatalog.SeverityOf(IssueCode.InvalidDate));
        Assert.Equal(Severity.Error, IssueCatalog.SeverityOf("no-such-code"));
    }
}
