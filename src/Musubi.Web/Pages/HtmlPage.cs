using System.Security.Cryptography;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Musubi.Web.Pages;

/// <summary>How a page may be cached by browsers and proxies.</summary>
public enum PageCaching
{
    /// <summary>Anyone may keep it but must revalidate each time (<c>no-cache</c>); an unchanged page is a 304 by its ETag.</summary>
    Revalidate,
    /// <summary>Never stored (<c>no-store</c>): pages for a signed-in user, forms with an antiforgery token.</summary>
    NoStore,
}

/// <summary>
/// Renders a page component (static server-side rendering, no JavaScript needed) as an endpoint's result:
/// <c>pages.MapGet("/about", () =&gt; HtmlPage.Render&lt;About&gt;())</c>.
/// </summary>
public static class HtmlPage
{
    /// <param name="parameters">The component's parameters, as an anonymous object or a dictionary.</param>
    /// <param name="statusCode">200, or e.g. 404 for a "no such dataset" page.</param>
    /// <param name="caching">Revalidate (public pages) or NoStore (pages for a signed-in user, forms).</param>
    public static IResult Render<TComponent>(object? parameters = null, int statusCode = StatusCodes.Status200OK,
        PageCaching caching = PageCaching.Revalidate) where TComponent : IComponent =>
        new PageResult(Component<TComponent>(parameters, statusCode), statusCode, caching);

    internal static RazorComponentResult<TComponent> Component<TComponent>(object? parameters, int statusCode) where TComponent : IComponent
    {
        var result = parameters switch
        {
            null => new RazorComponentResult<TComponent>(),
            IReadOnlyDictionary<string, object?> map => new RazorComponentResult<TComponent>(map),
            _ => new RazorComponentResult<TComponent>(parameters),
        };
        result.StatusCode = statusCode;
        result.ContentType = "text/html; charset=utf-8";
        return result;
    }

    /// <summary>
    /// Renders into memory first (pages are small), so the response gets an ETag from its bytes and a repeated
    /// GET with a matching If-None-Match is answered 304 with no body.
    /// </summary>
    private sealed class PageResult(IResult inner, int statusCode, PageCaching caching) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            var response = context.Response;
            var body = response.Body;
            using var buffer = new MemoryStream();
            response.Body = buffer;
            try
            {
                await inner.ExecuteAsync(context);
            }
            finally
            {
                response.Body = body;
            }

            var headers = response.GetTypedHeaders();
            if (caching == PageCaching.NoStore)
            {
                headers.CacheControl = new CacheControlHeaderValue { NoStore = true, Private = true };
            }
            else
            {
                headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
                if (statusCode == StatusCodes.Status200OK && buffer.TryGetBuffer(out var bytes))
                {
                    var etag = new EntityTagHeaderValue("\"" + System.Convert.ToBase64String(SHA256.HashData(bytes).AsSpan(0, 12)) + "\"", isWeak: true);
                    headers.ETag = etag;
                    if (IsMethodSafe(context.Request.Method) && context.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } ifNoneMatch
                        && ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false)))
                    {
                        response.StatusCode = StatusCodes.Status304NotModified;
                        response.ContentLength = null;
                        return;
                    }
                }
            }
            response.ContentLength = buffer.Length;
            buffer.Position = 0;
            await buffer.CopyToAsync(body, context.RequestAborted);
        }

        private static bool IsMethodSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
    }
}
