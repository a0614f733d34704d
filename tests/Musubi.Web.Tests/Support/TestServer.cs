using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Musubi.Hosting;
using Musubi.Storage;
using Musubi.Web;

namespace Musubi.Web.Tests.Support;

/// <summary>
/// The real web server (MusubiWeb.Build, Kestrel) on 127.0.0.1 with a port the OS chooses, and an HttpClient for it
/// that neither follows redirects nor decompresses (the tests look at what was sent).
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private TestServer(WebApplication app, Uri baseAddress, MusubiOptions store)
    {
        App = app;
        Store = store;
        BaseAddress = baseAddress;
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None, UseCookies = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public WebApplication App { get; }

    /// <summary>The store behind the server: a fresh embedded one in a temporary folder (removed on dispose), unless given.</summary>
    public MusubiOptions Store { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    /// <param name="configure">Changes to the default test options (no console log, rate limit high enough for the browser tests).</param>
    /// <param name="services">Extra services (readiness checks) as the CLI would register them.</param>
    /// <param name="endpoints">Extra endpoints mapped before start (a page that throws, a form target).</param>
    public static async Task<TestServer> StartAsync(Func<WebOptions, WebOptions>? configure = null,
        Action<IServiceCollection>? services = null, Action<WebApplication>? endpoints = null, MusubiOptions? store = null)
    {
        store ??= new MusubiOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "musubi-web-" + Guid.NewGuid().ToString("N")) };
        var options = new WebOptions
        {
            Urls = ["http://127.0.0.1:0"],
            ConsoleLog = false,
            RateLimit = new WebRateLimit { Burst = 10_000, PerSecond = 10_000 },
            ShutdownTimeout = TimeSpan.FromSeconds(10),
        };
        if (configure is not null) options = configure(options);
        var app = MusubiWeb.Build(options, s =>
        {
            s.AddMusubiCore(store).AddMusubiStorage(store);
            services?.Invoke(s);
        });
        endpoints?.Invoke(app);
        await app.StartAsync();
        var address = app.Urls.Single();
        return new TestServer(app, new Uri(address.TrimEnd('/') + "/"), store);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        if (Store.Database is null && Directory.Exists(Store.DataDirectory) && Store.DataDirectory.Contains("musubi-web-", StringComparison.Ordinal))
            Directory.Delete(Store.DataDirectory, true);
    }
}
