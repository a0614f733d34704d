using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Musubi.Access;
using Musubi.Operations;
using Musubi.Web.Api;

namespace Musubi.Web.Hosting;

/// <summary>
/// Who is asking. An API token (<c>musubi_…</c>) in <c>Authorization: Bearer …</c>, in CKAN's bare
/// <c>Authorization: …</c> or in <c>X-CKAN-API-Key</c> makes a Token caller; an administrator's cookie session (signed
/// in at <c>/admin/sign-in</c>; HttpOnly, SameSite=Strict, data-protected) makes an Administrator. A token that does
/// not check out is answered 401 at once, rather than served as anonymous: the client meant to be someone.
/// Forms that change something carry an antiforgery token (UseAntiforgery); API calls with a token need none, since
/// a browser never adds the header by itself.
/// </summary>
internal static class Authentication
{
    public const string Scheme = "musubi-admin";
    public const string CookieName = "musubi-session";

    public static void AddServices(IServiceCollection services, WebOptions options)
    {
        var protection = services.AddDataProtection().SetApplicationName("Musubi");
        if (options.KeysDirectory is { } keys) protection.PersistKeysToFileSystem(new DirectoryInfo(keys));
        services.AddAuthentication(Scheme).AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/admin/sign-in";
            cookie.LogoutPath = "/admin/sign-out";
            cookie.AccessDeniedPath = "/admin/sign-in";
        });
        services.AddAuthorization();
    }

    public static async Task Middleware(HttpContext context, RequestDelegate next)
    {
        var token = TokenOf(context.Request);
        if (token is not null)
        {
            var operation = context.RequestServices.GetService<AuthenticateTokenOperation>();
            var result = operation is null
                ? Result<Caller>.Fail(OperationError.Unauthorized("this server accepts no API tokens"))
                : await operation.RunAsync(new AuthenticateTokenRequest(token), Operations.Caller.Anonymous, context.RequestAborted);
            if (!result.IsOk)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await result.Error.ToProblem().ExecuteAsync(context);
                return;
            }
            context.Features.Set(new CallerFeature(result.Value));
        }
        else
        {
            var session = await context.AuthenticateAsync(Scheme);
            if (session.Succeeded && session.Principal.Identity?.Name is { Length: > 0 } name)
            {
                context.User = session.Principal;
                context.Features.Set(new CallerFeature(new Caller(name, CallerKind.Administrator)));
            }
        }
        await next(context);
    }

    /// <summary>The token text, if the request carries one in any of the headers clients use.</summary>
    internal static string? TokenOf(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString().Trim();
        if (authorization.Length > 0)
        {
            if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return authorization[7..].Trim();
            // CKAN's own form: the token alone.
            if (!authorization.Contains(' ')) return authorization;
        }
        var ckanKey = request.Headers["X-CKAN-API-Key"].ToString().Trim();
        return ckanKey.Length > 0 ? ckanKey : null;
    }

    public static Task SignInAsync(HttpContext context, Caller admin)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, admin.Name), new Claim(ClaimTypes.Role, "administrator")], Scheme);
        return context.SignInAsync(Scheme, new ClaimsPrincipal(identity));
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(Scheme);
}
