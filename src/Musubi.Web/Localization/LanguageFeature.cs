using Microsoft.AspNetCore.Http;

namespace Musubi.Web.Localization;

/// <summary>The request's language and the site's own base path (what came before any <c>/en</c> prefix).</summary>
public sealed record LanguageFeature(Lang Lang, PathString SiteBase);

public static class LanguageHttpContextExtensions
{
    public static Lang Lang(this HttpContext context) => context.Features.Get<LanguageFeature>()?.Lang ?? Localization.Lang.Ja;
}

/// <summary>
/// Moves a leading <c>/en</c> segment from the request path into the path base, so every page and endpoint is
/// mapped once (<c>/search</c>) and answers at both <c>/search</c> and <c>/en/search</c>.
/// </summary>
internal sealed class LanguagePrefixMiddleware(RequestDelegate next)
{
    private static readonly PathString EnglishPrefix = "/en";

    public Task InvokeAsync(HttpContext context)
    {
        var siteBase = context.Request.PathBase;
        var lang = Localization.Lang.Ja;
        if (context.Request.Path.StartsWithSegments(EnglishPrefix, StringComparison.Ordinal, out var rest))
        {
            lang = Localization.Lang.En;
            context.Request.PathBase = siteBase.Add(EnglishPrefix);
            context.Request.Path = rest.HasValue ? rest : "/";
        }
        context.Features.Set(new LanguageFeature(lang, siteBase));
        return next(context);
    }
}
