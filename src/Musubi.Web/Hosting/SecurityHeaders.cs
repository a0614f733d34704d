using Microsoft.AspNetCore.Http;

namespace Musubi.Web.Hosting;

/// <summary>
/// Lets one response loosen the Content-Security-Policy in the single way the site allows: inline styles, for a
/// third-party script-built page (the API reference: Scalar adds style elements and attributes at run time, not all
/// of them with the nonce it supports). Scripts stay files from this site on every page; the portal's own pages
/// never call this.
/// </summary>
public sealed class CspFeature
{
    public bool InlineStyles { get; private set; }

    public void AllowInlineStyles() => InlineStyles = true;
}

/// <summary>
/// Adds the security headers to every response, whatever produced it (pages, API, static files, errors, 429s).
/// The policy: everything from this site only; no inline script or style (so the small scripts are files);
/// no framing; no plugins; forms post only here. HSTS only over HTTPS (as the request or a trusted proxy says).
/// </summary>
internal sealed class SecurityHeadersMiddleware
{
    private readonly RequestDelegate _next;
    private readonly string _imageSources;

    public SecurityHeadersMiddleware(RequestDelegate next, WebOptions options)
    {
        _next = next;
        _imageSources = string.Join(' ', ["'self'", "data:", .. options.ExtraImageSources]);
    }

    public Task InvokeAsync(HttpContext context)
    {
        var csp = new CspFeature();
        context.Features.Set(csp);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy(csp.InlineStyles);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            // Geolocation is for 「近くの避難場所・AED」 (share my location); nothing else a browser can do is used.
            headers["Permissions-Policy"] = "geolocation=(self), camera=(), microphone=(), payment=(), usb=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000";
            // Set by Razor component rendering for Blazor's enhanced navigation, which this site does not load.
            headers.Remove("blazor-enhanced-nav");
            return Task.CompletedTask;
        });
        return _next(context);
    }

    internal string Policy(bool inlineStyles) =>
        "default-src 'self'; " +
        "script-src 'self'; " +
        (inlineStyles ? "style-src 'self' 'unsafe-inline'; " : "style-src 'self'; ") +
        $"img-src {_imageSources}; " +
        "font-src 'self'; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";
}
