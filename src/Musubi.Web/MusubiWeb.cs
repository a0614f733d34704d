using System.IO.Compression;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Musubi.Web.Api;
using Musubi.Web.Ckan;
using Musubi.Web.Health;
using Musubi.Web.Hosting;
using Musubi.Web.Localization;
using Musubi.Web.Pages;
using Musubi.Web.Portal;
using OpenTelemetry.Metrics;

namespace Musubi.Web;

/// <summary>
/// The web server: pages (server-rendered, Japanese at <c>/…</c>, English at <c>/en/…</c>), the API at
/// <c>/api/v1</c> with its OpenAPI document and reference, health, readiness and metrics.
/// </summary>
/// <example>
/// <code>
/// var app = MusubiWeb.Build(new WebOptions { Urls = ["http://127.0.0.1:5080"] }, services =&gt;
/// {
///     services.AddSingleton(store);
///     services.AddReadinessCheck("store", (sp, ct) =&gt; …);
/// });
/// await app.RunAsync();   // until Ctrl+C / SIGTERM; in-flight requests finish (WebOptions.ShutdownTimeout)
/// </code>
/// </example>
public static class MusubiWeb
{
    /// <summary>
    /// Builds the application; the caller runs it (<c>RunAsync</c>, or <c>StartAsync</c>/<c>StopAsync</c> in tests).
    /// More endpoints may be mapped on the result before it starts.
    /// </summary>
    /// <param name="options">Resolved by the caller (command line, environment); see <see cref="WebOptions"/>.</param>
    /// <param name="services">Registers what the endpoints need (store, search, operations) and readiness checks.</param>
    public static WebApplication Build(WebOptions options, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. options.HostArgs],
            ApplicationName = typeof(MusubiWeb).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            // Fixed: ASPNETCORE_ENVIRONMENT=Development would turn on the developer exception page (stack traces).
            EnvironmentName = Environments.Production,
        });

        ConfigureHost(builder, options);
        ConfigureServices(builder.Services, options);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        ConfigurePipeline(app, options);
        MapEndpoints(app, options);
        return app;
    }

    private static void ConfigureHost(WebApplicationBuilder builder, WebOptions options)
    {
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);

        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware", LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        if (options.ConsoleLog)
        {
            builder.Logging.AddJsonConsole(json =>
            {
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                // Logs are read by people and log tools, not put into HTML: Japanese paths stay readable.
                json.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            });
        }
    }

    private static void ConfigureServices(IServiceCollection services, WebOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(UiStrings.Default);
        services.AddSingleton<StaticAssets>();
        services.AddHttpContextAccessor();
        services.AddScoped<PageUi>();
        services.AddRazorComponents();
        // Razor's encoder writes every non-ASCII character as an entity by default (&#x7D50; for 結), which makes
        // Japanese pages several times larger; all of Unicode may stay as it is — <, >, &, quotes are still encoded.
        services.AddWebEncoders(encoders => encoders.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAntiforgery(af =>
        {
            af.Cookie.Name = "musubi-af";
            af.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
            af.FormFieldName = "__af";
            af.HeaderName = "X-CSRF-Token";
        });
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier));
        services.AddOpenApi("v1", openApi =>
        {
            openApi.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1;
            openApi.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Musubi API";
                document.Info.Version = ApiEndpoints.Version;
                document.Info.Description = "Japan's municipal open data in the national standard layouts (自治体標準オープンデータセット).";
                return Task.CompletedTask;
            });
        });
        services.AddHealthChecks();
        Authentication.AddServices(services, options);
        CkanApi.AddServices(services);
        PortalServices.Add(services);
        services.AddSingleton<AdminHarvests>();
        services.AddHostedService(sp => sp.GetRequiredService<AdminHarvests>());

        // Request log: one entry per request with method, path (never the query: it may hold an address), status, ms.
        services.AddHttpLogging(log =>
        {
            log.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            log.CombineLogs = true;
        });
        services.AddHttpLoggingInterceptor<RequestLogFilter>();

        services.AddResponseCompression(compression =>
        {
            // Pages reflect only what the same request sent and carry no stable secret (antiforgery tokens are
            // masked anew per response), so compressing over HTTPS does not open BREACH-style guessing.
            compression.EnableForHttps = true;
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
            compression.MimeTypes =
            [
                .. ResponseCompressionDefaults.MimeTypes,
                "text/javascript", "image/svg+xml", "application/problem+json", "application/manifest+json",
                "application/geo+json", "application/ld+json", "text/turtle", "text/csv",
            ];
        });
        services.Configure<BrotliCompressionProviderOptions>(brotli => brotli.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(gzip => gzip.Level = CompressionLevel.Fastest);

        if (options.RateLimit.Enabled) RateLimiting.Add(services, options.RateLimit);

        if (options.TrustedProxies.Count > 0)
        {
            services.Configure<ForwardedHeadersOptions>(forwarded =>
            {
                forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                forwarded.KnownProxies.Clear();
                forwarded.KnownIPNetworks.Clear();
                foreach (var proxy in options.TrustedProxies) forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            });
        }

        if (options.Metrics)
        {
            services.AddOpenTelemetry().WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        }
    }

    private static void ConfigurePipeline(WebApplication app, WebOptions options)
    {
        if (options.TrustedProxies.Count > 0) app.UseForwardedHeaders();
        app.UseHttpLogging();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseResponseCompression();
        ErrorResponses.Use(app);
        app.UseMiddleware<LanguagePrefixMiddleware>();
        app.UseRouting();
        if (options.RateLimit.Enabled) app.UseRateLimiter();
        app.UseStaticFiles(app.Services.GetRequiredService<StaticAssets>().FileOptions());
        app.Use(Authentication.Middleware);
        app.UseAntiforgery();
    }

    private static void MapEndpoints(WebApplication app, WebOptions options)
    {
        HealthEndpoints.Map(app);
        if (options.Metrics)
        {
            app.MapPrometheusScrapingEndpoint("/metrics")
                .DisableRateLimiting().DisableHttpMetrics();
        }
        ApiEndpoints.Map(app);
        ApiReference.Map(app);
        CkanApi.Map(app);
        PortalApi.Map(app);
        DcatCatalog.Map(app);
        PageEndpoints.Map(app);
        PortalPages.Map(app);
        AdminEndpoints.Map(app);
    }
}
