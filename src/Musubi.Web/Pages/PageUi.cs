using Microsoft.AspNetCore.Http;
using Musubi.Web.Hosting;
using Musubi.Web.Localization;

namespace Musubi.Web.Pages;

/// <summary>
/// What a page component needs about its request, injected with <c>@inject PageUi Ui</c>: the language, its
/// strings (<c>Ui.T("nav.about")</c>), links that keep the language (<c>Ui.Href("/search")</c>), asset URLs
/// (<c>Ui.Asset("css/site.css")</c>) and the same page in another language (<c>Ui.SwitchTo(Lang.En)</c>).
/// </summary>
public sealed class PageUi(IHttpContextAccessor accessor, UiStrings strings, StaticAssets assets)
{
    private HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("PageUi is used outside a request");

    private LanguageFeature Language => Http.Features.Get<LanguageFeature>() ?? new LanguageFeature(Lang.Ja, Http.Request.PathBase);

    public Lang Lang => Language.Lang;

    /// <summary>For <c>&lt;html lang&gt;</c>.</summary>
    public string LangCode => Lang.Code();

    public string T(string key) => strings.Get(Lang, key);

    public string T(string key, params object?[] args) => strings.Format(Lang, key, args);

    /// <summary>A site path (<c>/search?q=x</c>) as a link in the current language (<c>/en/search?q=x</c> in English).</summary>
    public string Href(string path) => Href(Lang, path);

    public string Href(Lang lang, string path)
    {
        if (!path.StartsWith('/')) throw new ArgumentException($"a site path starts with '/': {path}", nameof(path));
        var prefix = Language.SiteBase.Value + lang.Prefix();
        return path == "/" && prefix.Length > 0 ? prefix : prefix + path;
    }

    /// <summary>A link that is the same in every language (API, OpenAPI document, downloads).</summary>
    public string SiteHref(string path) => Language.SiteBase.Value + path;

    /// <summary>The current page, query included, in another language: what the language switch links to.</summary>
    public string SwitchTo(Lang lang) => Href(lang, CurrentPath) + Http.Request.QueryString.Value;

    /// <summary>The same, as an absolute URL, for <c>&lt;link rel="alternate" hreflang&gt;</c>.</summary>
    public string AbsoluteSwitchTo(Lang lang) => $"{Http.Request.Scheme}://{Http.Request.Host.Value}{SwitchTo(lang)}";

    /// <summary>The request path within the language (<c>/search</c> for both <c>/search</c> and <c>/en/search</c>).</summary>
    public string CurrentPath => Http.Request.Path.HasValue ? Http.Request.Path.Value! : "/";

    public string Asset(string path) => Language.SiteBase.Value + assets.Url(path);

    /// <summary>A query-string value as sent (for refilling a search box); Razor encodes it when written.</summary>
    public string Query(string name) => Http.Request.Query[name].ToString();

    public HttpContext HttpContext => Http;
}
