using System.Text.RegularExpressions;
using Musubi.Web.Localization;

namespace Musubi.Web.Tests;

public sealed partial class StringsTests
{
    [Fact]
    public void Both_languages_have_the_same_keys_and_no_empty_text()
    {
        var strings = UiStrings.Default;
        var ja = strings.Keys(Lang.Ja).ToHashSet();
        var en = strings.Keys(Lang.En).ToHashSet();
        Assert.Empty(ja.Except(en).Select(k => "missing in en.json: " + k));
        Assert.Empty(en.Except(ja).Select(k => "missing in ja.json: " + k));
        foreach (var lang in Langs.All)
            Assert.Empty(strings.Keys(lang).Where(k => string.IsNullOrWhiteSpace(strings.Get(lang, k))).Select(k => $"{lang.Code()}: {k} is empty"));
    }

    [Fact]
    public void Format_arguments_are_the_same_in_both_languages()
    {
        var strings = UiStrings.Default;
        foreach (var key in strings.Keys(Lang.Ja))
        {
            var ja = Placeholders(strings.Get(Lang.Ja, key));
            var en = Placeholders(strings.Get(Lang.En, key));
            Assert.True(ja.SetEquals(en), $"{key}: ja has {{{string.Join(",", ja)}}}, en has {{{string.Join(",", en)}}}");
        }
    }

    [Fact]
    public void Every_key_the_pages_use_exists()
    {
        var source = Path.Combine(RepoRoot(), "src", "Musubi.Web");
        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in CallPattern().Matches(text)) used.Add(m.Groups[1].Value);
            // Keys kept in lists (navigation, cards) are quoted literals of the same shape in .razor files.
            if (file.EndsWith(".razor", StringComparison.Ordinal))
                foreach (Match m in KeyLiteral().Matches(text)) used.Add(m.Groups[1].Value);
        }
        // Only literals in a namespace the strings files use ("nav.", "home." …), not file names like "site.css".
        var namespaces = UiStrings.Default.Keys(Lang.Ja).Select(k => k[..k.IndexOf('.')]).ToHashSet(StringComparer.Ordinal);
        used.RemoveWhere(k => !namespaces.Contains(k[..k.IndexOf('.')]));
        Assert.Contains("nav.search", used);
        Assert.Contains("layout.skip", used);
        foreach (var lang in Langs.All)
            Assert.Empty(used.Where(k => !UiStrings.Default.Has(lang, k)).Select(k => $"{lang.Code()}.json lacks {k}"));
    }

    [Fact]
    public void A_missing_key_shows_as_itself_instead_of_failing()
    {
        Assert.Equal("[no.such.key]", UiStrings.Default.Get(Lang.En, "no.such.key"));
    }

    private static HashSet<string> Placeholders(string text) => PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Musubi.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root (Musubi.slnx) not found");
    }

    [GeneratedRegex("""\bT\("([a-z0-9_]+(?:\.[a-z0-9_]+)+)"[,)]""")]
    private static partial Regex CallPattern();

    [GeneratedRegex(@"""([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+)""")]
    private static partial Regex KeyLiteral();

    [GeneratedRegex(@"\{(\d+)[^}]*\}")]
    private static partial Regex PlaceholderPattern();
}
