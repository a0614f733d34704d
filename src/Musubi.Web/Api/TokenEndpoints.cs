using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Musubi.Access;
using Musubi.Web.Hosting;

namespace Musubi.Web.Api;

/// <summary>API tokens over the API, for a caller who already has one (or an administrator's session): list, create, revoke.</summary>
internal static class TokenEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/tokens").WithTags("Access");

        tokens.MapGet("", async (ListTokensOperation op, HttpContext http) =>
                (await op.RunAsync(new ListTokensRequest(), http.Caller(), http.RequestAborted)).ToHttp(list => TypedResults.Ok(list.ToList())))
            .WithName("ListTokens").WithSummary("API tokens (keys and names; never secrets). Needs a token or an admin session.")
            .Produces<List<ApiTokenInfo>>().ProducesProblem(StatusCodes.Status401Unauthorized);

        tokens.MapPost("", async (CreateTokenBody body, CreateTokenOperation op, HttpContext http) =>
                (await op.RunAsync(new CreateTokenRequest(body.Name ?? ""), http.Caller(), http.RequestAborted))
                .ToHttp(t => TypedResults.Created($"{ApiEndpoints.Prefix}/tokens/{t.Key}", t), f => f.ToLowerInvariant()))
            .WithName("CreateToken").WithSummary("Create an API token; the answer holds the token, shown this once.")
            .DisableAntiforgery()
            .Produces<CreatedToken>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status401Unauthorized);

        tokens.MapDelete("/{key}", async (string key, RevokeTokenOperation op, HttpContext http) =>
                (await op.RunAsync(new RevokeTokenRequest(key), http.Caller(), http.RequestAborted)).ToHttp(t => TypedResults.Ok(t)))
            .WithName("RevokeToken").WithSummary("Revoke an API token by its key")
            .Produces<ApiTokenInfo>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
    }
}

/// <summary>What a new token is for.</summary>
public sealed record CreateTokenBody(string? Name);
