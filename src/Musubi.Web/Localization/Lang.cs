namespace Musubi.Web.Localization;

/// <summary>
/// The portal's languages. Japanese is served at the site's own paths (<c>/search</c>), English under an
/// <c>/en</c> prefix (<c>/en/search</c>): each language has its own URL, so a shared link opens in the language it
/// was shared in, search engines index both (the pages name each other with hreflang), and caches need no
/// <c>Vary: Cookie</c>.
/// </summary>
public enum Lang
{
    Ja,
    En,
}

public static class Langs
{
    public static readonly IReadOnlyList<Lang> All = [Lang.Ja, Lang.En];

    /// <summary>BCP 47 code, as in <c>&lt;html lang&gt;</c>, hreflang and the strings file name.</summary>
    public static string Code(this Lang lang) => lang switch
    {
        Lang.Ja => "ja",
        Lang.En => "en",
        _ => throw new ArgumentOutOfRangeException(nameof(lang)),
    };

    /// <summary>The path prefix of the language: empty for Japanese (the default), <c>/en</c> for English.</summary>
    public static string Prefix(this Lang lang) => lang == Lang.Ja ? "" : "/" + lang.Code();

    /// <summary>The language's own name, for the language switch.</summary>
    public static string NativeName(this Lang lang) => lang switch
    {
        Lang.Ja => "日本語",
        Lang.En => "English",
        _ => throw new ArgumentOutOfRangeException(nameof(lang)),
    };
}
