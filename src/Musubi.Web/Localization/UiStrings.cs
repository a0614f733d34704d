using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace Musubi.Web.Localization;

/// <summary>
/// The portal's interface text, one JSON file per language (<c>src/Musubi.Web/Strings/ja.json</c>, <c>en.json</c>):
/// a flat object of dotted keys (<c>"nav.about"</c>) to text, where <c>{0}</c>, <c>{1}</c> … take arguments.
/// Embedded in the assembly; the tests check that both files have the same keys and that every key the pages use exists.
/// </summary>
public sealed class UiStrings
{
    private readonly FrozenDictionary<Lang, FrozenDictionary<string, string>> _byLang;

    private UiStrings(FrozenDictionary<Lang, FrozenDictionary<string, string>> byLang) => _byLang = byLang;

    public static UiStrings Default { get; } = LoadEmbedded();

    public IReadOnlyCollection<string> Keys(Lang lang) => _byLang[lang].Keys;

    public bool Has(Lang lang, string key) => _byLang[lang].ContainsKey(key);

    /// <summary>The text for a key; a missing key shows as itself in brackets (never an exception on a page).</summary>
    public string Get(Lang lang, string key) => _byLang[lang].TryGetValue(key, out var text) ? text : "[" + key + "]";

    public string Format(Lang lang, string key, params object?[] args) =>
        string.Format(CultureInfo.GetCultureInfo(lang.Code()), Get(lang, key), args);

    public static UiStrings Parse(IReadOnlyDictionary<Lang, string> jsonByLang)
    {
        var byLang = new Dictionary<Lang, FrozenDictionary<string, string>>();
        foreach (var (lang, json) in jsonByLang)
        {
            var map = JsonSerializer.Deserialize<Dictionary<string, string>>(json)
                      ?? throw new InvalidDataException($"strings/{lang.Code()}.json is empty");
            byLang[lang] = map.ToFrozenDictionary(StringComparer.Ordinal);
        }
        return new UiStrings(byLang.ToFrozenDictionary());
    }

    private static UiStrings LoadEmbedded()
    {
        var assembly = typeof(UiStrings).Assembly;
        var texts = new Dictionary<Lang, string>();
        foreach (var lang in Langs.All)
        {
            var name = $"strings/{lang.Code()}.json";
            using var stream = assembly.GetManifestResourceStream(name)
                               ?? throw new InvalidOperationException($"embedded resource {name} is missing from Musubi.Web");
            using var reader = new StreamReader(stream);
            texts[lang] = reader.ReadToEnd();
        }
        return Parse(texts);
    }
}
