using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Musubi.Access;
using Musubi.Operations;
using Musubi.Web.Hosting;

namespace Musubi.Web.Pages;

/// <summary>
/// The admin pages: sign-in and sign-out (cookie session), and what a signed-in administrator may change. Every form
/// posts an antiforgery token (UseAntiforgery rejects a form post without one); every page is no-store.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").ExcludeFromDescription();

        admin.MapGet("/sign-in", (string? returnUrl, string? failed) =>
            HtmlPage.Render<AdminSignIn>(new { ReturnUrl = SafeReturn(returnUrl), Failed = failed == "1" }, caching: PageCaching.NoStore));

        admin.MapPost("/sign-in", async ([FromForm] string? name, [FromForm] string? password, [FromForm] string? returnUrl, SignInOperation op, HttpContext http) =>
        {
            var result = await op.RunAsync(new SignInRequest(name ?? "", password ?? ""), Caller.Anonymous, http.RequestAborted);
            if (!result.IsOk) return Results.Redirect(Local(http, "/admin/sign-in?failed=1"));
            await Authentication.SignInAsync(http, result.Value);
            return Results.Redirect(Local(http, SafeReturn(returnUrl) ?? "/admin"));
        });

        admin.MapPost("/sign-out", async (HttpContext http) =>
        {
            await Authentication.SignOutAsync(http);
            return Results.Redirect(Local(http, "/"));
        });

        admin.MapGet("", async (HttpContext http, ListTokensOperation tokens) =>
        {
            if (RequireAdmin(http) is { } redirect) return redirect;
            var list = await tokens.RunAsync(new ListTokensRequest(), http.Caller(), http.RequestAborted);
            return HtmlPage.Render<AdminHome>(new { Name = http.Caller().Name, Tokens = list.IsOk ? list.Value : [] }, caching: PageCaching.NoStore);
        });

        admin.MapPost("/tokens", async ([FromForm] string? name, HttpContext http, CreateTokenOperation create, ListTokensOperation tokens) =>
        {
            if (RequireAdmin(http) is { } redirect) return redirect;
            var made = await create.RunAsync(new CreateTokenRequest(name ?? ""), http.Caller(), http.RequestAborted);
            var list = await tokens.RunAsync(new ListTokensRequest(), http.Caller(), http.RequestAborted);
            return HtmlPage.Render<AdminHome>(new
            {
                Name = http.Caller().Name,
                Tokens = list.IsOk ? list.Value : [],
                NewToken = made.IsOk ? made.Value.Token : null,
            }, statusCode: made.IsOk ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest, caching: PageCaching.NoStore);
        });

        admin.MapPost("/tokens/revoke", async ([FromForm] string? key, HttpContext http, RevokeTokenOperation revoke) =>
        {
            if (RequireAdmin(http) is { } redirect) return redirect;
            await revoke.RunAsync(new RevokeTokenRequest(key ?? ""), http.Caller(), http.RequestAborted);
            return Results.Redirect(Local(http, "/admin"));
        });
    }

    /// <summary>Null for a signed-in administrator; else a redirect to the sign-in page (GET) or 401 (a form post).</summary>
    internal static IResult? RequireAdmin(HttpContext http)
    {
        if (http.Caller().Kind == CallerKind.Administrator) return null;
        if (!HttpMethods.IsGet(http.Request.Method)) return Results.Problem(detail: "sign in first", statusCode: StatusCodes.Status401Unauthorized);
        return Results.Redirect(Local(http, "/admin/sign-in?returnUrl=" + Uri.EscapeDataString(http.Request.Path.Value ?? "/admin")));
    }

    /// <summary>Only a site path, never another site (open redirect).</summary>
    private static string? SafeReturn(string? url) =>
        url is { Length: > 1 } && url[0] == '/' && url[1] != '/' && url[1] != '\\' && !url.Contains("://", StringComparison.Ordinal) ? url : null;

    private static string Local(HttpContext http, string path) => http.Request.PathBase.Value + path;
}
