using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Musubi.Operations;
using Musubi.Web.Hosting;

namespace Musubi.Web.Ckan;

/// <summary>One call of a CKAN action: its parameters, the caller and the request's services.</summary>
public sealed record CkanCall(string Action, JsonObject Parameters, Caller Caller, HttpContext Http)
{
    public T Service<T>() where T : notnull => Http.RequestServices.GetRequiredService<T>();
}

/// <summary>An action: returns the envelope's <c>result</c>, or throws <see cref="CkanException"/>.</summary>
public delegate Task<JsonNode?> CkanAction(CkanCall call);

/// <summary>
/// The actions this server answers, by name. Each is side-effect free (CKAN allows GET only for those); writes are not
/// offered through the CKAN face. Faces over the catalogue register theirs at start (<see cref="CkanApi.AddCkanAction"/>).
/// </summary>
public sealed class CkanActions
{
    private readonly Dictionary<string, CkanAction> _actions = new(StringComparer.Ordinal);

    public void Add(string name, CkanAction action) => _actions[name] = action;

    public bool TryGet(string name, out CkanAction action) => _actions.TryGetValue(name, out action!);

    public IReadOnlyCollection<string> Names => _actions.Keys;
}

/// <summary>
/// CKAN's Action API at <c>/api/3/action/{name}</c> and <c>/api/action/{name}</c> (GET and POST; a POST is never
/// redirected), and the version documents at <c>/api</c> and <c>/api/3</c>. Contract: ../shared/reference/hub/ckan-api-contract.md.
/// </summary>
public static class CkanApi
{
    /// <summary>Registers an action (replacing one of the same name).</summary>
    public static IServiceCollection AddCkanAction(this IServiceCollection services, string name, CkanAction action)
    {
        services.AddSingleton(new CkanActionRegistration(name, action));
        return services;
    }

    internal sealed record CkanActionRegistration(string Name, CkanAction Action);

    internal static void AddServices(IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var actions = new CkanActions();
            actions.Add("status_show", StatusShow);
            actions.Add("help_show", HelpShow);
            foreach (var registration in sp.GetServices<CkanActionRegistration>()) actions.Add(registration.Name, registration.Action);
            return actions;
        });
    }

    internal static void Map(IEndpointRouteBuilder app)
    {
        string[] methods = [HttpMethods.Get, HttpMethods.Post];
        app.MapMethods("/api/3/action/{name}", methods, Handle).ExcludeFromDescription().DisableAntiforgery();
        app.MapMethods("/api/action/{name}", methods, Handle).ExcludeFromDescription().DisableAntiforgery();
        app.MapGet("/api", (HttpContext c) => Version(c)).ExcludeFromDescription();
        app.MapGet("/api/3", (HttpContext c) => Version(c)).ExcludeFromDescription();
    }

    private static IResult Version(HttpContext context) =>
        Results.Text("{\"version\": 3}", CkanProtocol.ContentType);

    private static async Task Handle(HttpContext context, string name, CkanActions actions, WebOptions options, ILoggerFactory logs)
    {
        if (!actions.TryGet(name, out var action))
        {
            await CkanProtocol.WriteBadRequest(context, "Action name not known: " + name);
            return;
        }
        var (parameters, problem) = await CkanProtocol.ReadParameters(context.Request, options.MaxRequestBodyBytes);
        if (parameters is null)
        {
            await CkanProtocol.WriteBadRequest(context, problem!);
            return;
        }
        // JSONP's callback is answered as plain JSON: script from another site must not read this one's answers.
        parameters.Remove("callback");
        parameters.Remove("_");
        try
        {
            var result = await action(new CkanCall(name, parameters, context.Caller(), context));
            await CkanProtocol.WriteResult(context, name, result);
        }
        catch (CkanException e)
        {
            await CkanProtocol.WriteError(context, name, e.Error);
        }
        catch (OperationException e)
        {
            await CkanProtocol.WriteError(context, name, FromOperation(e.Error));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logs.CreateLogger("Musubi.Web.Ckan").LogError(e, "CKAN action {Action} failed", name);
            await CkanProtocol.WriteError(context, name, CkanError.Internal());
        }
    }

    public static CkanError FromOperation(OperationError error) => error.Kind switch
    {
        ErrorKind.NotFound => CkanError.NotFound(),
        ErrorKind.InvalidInput => CkanError.Validation(error.Field ?? "q", error.Message),
        ErrorKind.Unauthorized or ErrorKind.Forbidden => CkanError.NotAuthorized(error.Message),
        _ => CkanError.Internal(),
    };

    private static Task<JsonNode?> StatusShow(CkanCall call)
    {
        var request = call.Http.Request;
        return Task.FromResult<JsonNode?>(new JsonObject
        {
            ["site_title"] = "Musubi",
            ["site_description"] = "Japan's municipal open data in the national standard layouts (自治体標準オープンデータセット).",
            ["site_url"] = $"{request.Scheme}://{request.Host.Value}{request.PathBase.Value}",
            ["error_emails_to"] = null,
            ["locale_default"] = "ja",
            ["extensions"] = new JsonArray("musubi"),
            // The CKAN version whose API this one follows (clients branch on it), not Musubi's own version.
            ["ckan_version"] = "2.10.4",
        });
    }

    private static Task<JsonNode?> HelpShow(CkanCall call)
    {
        var name = call.Parameters.Required("name");
        if (!call.Service<CkanActions>().TryGet(name, out _)) throw new CkanException(CkanError.NotFound("action " + name));
        return Task.FromResult<JsonNode?>($"{name}: see {call.Http.Request.PathBase.Value}/api/reference and https://docs.ckan.org/en/latest/api/ (Musubi answers CKAN's Action API, read-only).");
    }
}
