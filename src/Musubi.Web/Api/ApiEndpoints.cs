using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Musubi.Web.Api;

/// <summary>Musubi's own API, <c>/api/v1</c>. Each endpoint is a thin face over one operation; see docs/web.md.</summary>
internal static class ApiEndpoints
{
    public const string Prefix = "/api/v1";

    public static RouteGroupBuilder Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).WithTags("Musubi");

        api.MapGet("/status", (TimeProvider clock) => TypedResults.Ok(new StatusResponse("Musubi", Version, clock.GetUtcNow())))
            .WithName("GetStatus")
            .WithSummary("Server name, version and time")
            .WithDescription("Answers without touching the store; for monitoring use /health and /ready.");

        RegistryEndpoints.Map(api);
        TokenEndpoints.Map(api);
        return api;
    }

    internal static readonly string Version =
        typeof(ApiEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(ApiEndpoints).Assembly.GetName().Version?.ToString() ?? "0";
}

/// <summary>The answer of <c>GET /api/v1/status</c>.</summary>
/// <param name="Name">Always "Musubi".</param>
/// <param name="Version">The server's version.</param>
/// <param name="Time">The server's clock (UTC).</param>
public sealed record StatusResponse(string Name, string Version, DateTimeOffset Time);
