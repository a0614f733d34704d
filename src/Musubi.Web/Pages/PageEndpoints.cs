using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Musubi.Web.Pages;

/// <summary>
/// The portal's pages. Each answers at its path in Japanese and under <c>/en</c> in English (LanguagePrefixMiddleware).
/// To add a page: a component in this folder wrapped in &lt;SiteLayout&gt;, its strings in Strings/ja.json and
/// en.json, and one MapGet here.
/// </summary>
internal static class PageEndpoints
{
    public static RouteGroupBuilder Map(IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription();

        pages.MapGet("/", () => HtmlPage.Render<Home>());
        pages.MapGet("/about", () => HtmlPage.Render<About>());
        pages.MapGet("/nearby", NearbyEndpoint.Handle);

        return pages;
    }
}
