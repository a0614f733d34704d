using System.Net;

namespace Musubi.Source;

/// <summary>
/// Limits and manners of <see cref="SafeFetcher"/>. Resolved once at the edge (CLI flags, environment); the defaults
/// suit an unattended harvest of municipal web sites.
/// </summary>
public sealed record FetchOptions
{
    /// <summary>Largest body accepted, in bytes, counted while streaming (a lying or absent Content-Length does not help). Default 512 MiB.</summary>
    public long MaxBodyBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Time to open a TCP connection to one address. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait for the response headers or for the next bytes of the body (a server that hangs or drips). Default 30 s.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Total time for one fetch: every redirect, retry and back-off included. Default 10 min.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Redirects followed before giving up. Default 10.</summary>
    public int MaxRedirects { get; init; } = 10;

    /// <summary>Retries after a transient failure (connection refused/reset, timeout, truncated body, 5xx, 408, 429). Default 3.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>First back-off delay; doubles on each retry, with jitter. Default 1 s.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on one back-off delay, and on a server's Retry-After. Default 60 s.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Requests in flight to one host (host name and port) at a time. Default 2.</summary>
    public int MaxConcurrentPerHost { get; init; } = 2;

    /// <summary>Least time between the starts of two requests to one host. Default 250 ms.</summary>
    public TimeSpan MinIntervalPerHost { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Allow loopback, private, link-local and other non-public addresses (operator's choice: <c>--allow-private-addresses</c>).
    /// Cloud metadata addresses stay refused. Default false.
    /// </summary>
    public bool AllowPrivateAddresses { get; init; }

    /// <summary>
    /// Networks allowed although the guard would refuse them (e.g. 127.0.0.0/8 for tests against a loopback server,
    /// while 10.x stays refused). Empty by default.
    /// </summary>
    public IReadOnlyList<IPNetwork> AllowedNetworks { get; init; } = [];

    /// <summary>The User-Agent header. Names Musubi so site operators can see who harvests them.</summary>
    public string UserAgent { get; init; } = DefaultUserAgent;

    /// <summary>Folder for the temporary body files; the caller owns it. Default: the system temporary folder.</summary>
    public string? TempDirectory { get; init; }

    public const string DefaultUserAgent = "Musubi/0.1 (Japanese municipal open-data harvester)";

    /// <summary>Loopback only (127.0.0.0/8 and ::1), for tests and local demos: everything else is guarded as usual.</summary>
    public static IReadOnlyList<IPNetwork> LoopbackNetworks { get; } = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];
}
