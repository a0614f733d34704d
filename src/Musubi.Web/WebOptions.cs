using Microsoft.Extensions.Logging;

namespace Musubi.Web;

/// <summary>
/// Everything the web server needs to know, resolved once by its caller (the CLI's <c>musubi serve</c>, the tests).
/// Musubi.Web reads no environment variable and no configuration file of its own.
/// </summary>
public sealed record WebOptions
{
    /// <summary>Addresses to listen on, as ASP.NET Core's <c>--urls</c> (port 0 lets the OS choose one).</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:5080"];

    /// <summary>How long in-flight requests may run on after a stop was asked for (SIGTERM, Ctrl+C) before they are cut.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests per client IP address.</summary>
    public WebRateLimit RateLimit { get; init; } = new();

    /// <summary>One JSON object per log line on stdout (request path, status, elapsed ms among them). Off: no console logging.</summary>
    public bool ConsoleLog { get; init; } = true;

    /// <summary>Least severe log level written (ASP.NET Core's own categories stay at Warning, except the request log).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>
    /// Reverse proxies whose X-Forwarded-For/-Proto headers are believed (IP addresses). Empty: the connection's own
    /// address is the client, which is what rate limiting and HSTS then see.
    /// </summary>
    public IReadOnlyList<string> TrustedProxies { get; init; } = [];

    /// <summary>Largest request body accepted, in bytes (Kestrel answers 413 beyond it).</summary>
    public long MaxRequestBodyBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>
    /// Extra image hosts allowed by the Content-Security-Policy, e.g. a map tile server the operator configures
    /// (<c>https://tiles.example.org</c>). Empty: images from this site only, which is all a page needs to work.
    /// </summary>
    public IReadOnlyList<string> ExtraImageSources { get; init; } = [];

    /// <summary>
    /// Folder of the portal's search index (a cache of the catalog): kept across restarts, so a server whose catalog did
    /// not change since the last build starts without rebuilding. Null: in memory, rebuilt at each start. Each web node
    /// needs its own folder (a folder in use by another process falls back to memory).
    /// </summary>
    public string? SearchIndexFolder { get; init; }

    /// <summary>Serve OpenTelemetry metrics in Prometheus text format at <c>/metrics</c>.</summary>
    public bool Metrics { get; init; } = true;

    /// <summary>
    /// Folder for the keys that protect admin session cookies and antiforgery tokens; several web nodes of one store
    /// must share it. Null: keys in memory (sessions end when the process does).
    /// </summary>
    public string? KeysDirectory { get; init; }

    /// <summary>Command-line arguments handed to ASP.NET Core's host builder as they are (e.g. Kestrel settings); usually empty.</summary>
    public IReadOnlyList<string> HostArgs { get; init; } = [];
}

/// <summary>
/// A token bucket per client IP address: <see cref="Burst"/> requests at once, refilled at <see cref="PerSecond"/>.
/// A page with its style sheet, script and icon costs about four. <c>/health</c>, <c>/ready</c> and <c>/metrics</c> are exempt.
/// </summary>
public sealed record WebRateLimit
{
    public bool Enabled { get; init; } = true;
    public int Burst { get; init; } = 200;
    public int PerSecond { get; init; } = 50;
}
