using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Musubi.Web.Health;

/// <summary>
/// <c>/health</c>: liveness — the process answers; it runs no check and touches nothing, so a slow store never gets a
/// healthy node restarted. <c>/ready</c>: readiness — runs every check registered with <see cref="AddReadinessCheck"/>
/// (ASP.NET Core health checks tagged <see cref="ReadinessTag"/>) and answers 503 while any is unhealthy, so a load
/// balancer sends no traffic to a node whose store is out of reach.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadinessTag = "ready";
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Registers a readiness check (e.g. "the store answers"); unhealthy or throwing or slower than <paramref name="timeout"/> (5 s) means 503.</summary>
    public static IServiceCollection AddReadinessCheck<T>(this IServiceCollection services, string name, TimeSpan? timeout = null)
        where T : class, IHealthCheck
    {
        services.AddHealthChecks().AddCheck<T>(name, HealthStatus.Unhealthy, [ReadinessTag], timeout ?? DefaultTimeout);
        return services;
    }

    /// <summary>Registers a readiness check as a function of the request's services.</summary>
    public static IServiceCollection AddReadinessCheck(this IServiceCollection services, string name,
        Func<IServiceProvider, CancellationToken, Task<HealthCheckResult>> check, TimeSpan? timeout = null)
    {
        services.AddHealthChecks().Add(new HealthCheckRegistration(name, sp => new DelegateCheck(sp, check),
            HealthStatus.Unhealthy, [ReadinessTag], timeout ?? DefaultTimeout));
        return services;
    }

    internal static void Map(IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson })
            .DisableRateLimiting().DisableHttpMetrics()
            .WithMetadata(new ExcludeFromDescriptionAttribute());
        app.MapHealthChecks("/ready", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(ReadinessTag),
            ResponseWriter = WriteJson,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).DisableRateLimiting().DisableHttpMetrics();
    }

    /// <summary>{"status":"healthy","checks":[{"name":"store","status":"unhealthy","description":"…"}]}; no exception text.</summary>
    private static async Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", Name(report.Status));
        json.WriteStartArray("checks");
        foreach (var (name, entry) in report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("status", Name(entry.Status));
            // An exception's message may name hosts or paths; it goes to the log, the answer says only that it failed.
            if (entry.Exception is not null) json.WriteString("description", "the check failed (see the server log)");
            else if (entry.Description is { } description) json.WriteString("description", description);
            json.WriteNumber("ms", Math.Round(entry.Duration.TotalMilliseconds, 1));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };

    private sealed class DelegateCheck(IServiceProvider services, Func<IServiceProvider, CancellationToken, Task<HealthCheckResult>> check) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            check(services, cancellationToken);
    }
}
