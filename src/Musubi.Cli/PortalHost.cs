using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Musubi.Hosting;
using Musubi.Storage;
using Musubi.Web;
using Musubi.Web.Health;

namespace Musubi.Cli;

/// <summary>
/// The web server as the CLI runs it: MusubiWeb with the core's services over the store the options choose, and a
/// readiness check that the store answers. Shared by <c>musubi serve</c> and <c>musubi demo</c>.
/// </summary>
public static class PortalHost
{
    public static IReadOnlyList<string> ParseUrls(string? urls) =>
        string.IsNullOrWhiteSpace(urls) ? new WebOptions().Urls
        : urls.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <param name="rateLimit">False turns the per-client rate limit off (a load test from one address, a trusted closed network).</param>
    public static WebApplication Build(MusubiOptions options, IReadOnlyList<string> urls, Action<WebApplication>? endpoints = null, bool rateLimit = true)
    {
        var app = MusubiWeb.Build(new WebOptions { Urls = urls, RateLimit = new WebRateLimit { Enabled = rateLimit }, SearchIndexFolder = Path.Combine(options.DataDirectory, "search-index") }, services =>
        {
            services.AddMusubiCore(options).AddMusubiStorage(options);
            services.AddReadinessCheck("store", (sp, ct) => Task.FromResult(StoreCheck(options)));
        });
        endpoints?.Invoke(app);
        return app;
    }

    private static HealthCheckResult StoreCheck(MusubiOptions options)
    {
        var factory = new StoreFactory(options);
        using var towns = factory.OpenForRead();
        return HealthCheckResult.Healthy(options.Database is null ? "embedded" : "postgresql");
    }
}
