using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Musubi.Source;

namespace Musubi.Tests.Support;

/// <summary>
/// A <see cref="SafeFetcher"/> for tests: loopback allowed (so the <see cref="TestWebServer"/> can be reached) and every
/// other address guarded as in production; a fixed resolver (<c>internal.test</c> → 10.1.2.3, <c>metadata.test</c> →
/// 169.254.169.254, <c>rebind.test</c> → loopback and 10.1.2.3, …, <c>site.test</c> → 127.0.0.1) so no test reaches
/// real DNS; and a connector that records every address connected to and refuses anything outside loopback, so even a
/// broken guard cannot send a packet off this machine. Short limits, no retries and no politeness delay unless asked.
/// </summary>
public sealed class TestFetch : IDisposable
{
    public static readonly IReadOnlyDictionary<string, IPAddress[]> Names = new Dictionary<string, IPAddress[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["internal.test"] = [IPAddress.Parse("10.1.2.3")],
        ["metadata.test"] = [IPAddress.Parse("169.254.169.254")],
        ["private172.test"] = [IPAddress.Parse("172.20.0.5")],
        ["private192.test"] = [IPAddress.Parse("192.168.1.10")],
        ["cgnat.test"] = [IPAddress.Parse("100.64.1.1")],
        ["ula.test"] = [IPAddress.Parse("fd12:3456::1")],
        ["linklocal6.test"] = [IPAddress.Parse("fe80::1")],
        ["mapped.test"] = [IPAddress.Parse("::ffff:10.1.2.3")],
        ["zero.test"] = [IPAddress.Parse("0.0.0.0")],
        ["multicast.test"] = [IPAddress.Parse("224.0.0.1")],
        ["site.test"] = [IPAddress.Loopback],
        ["other.test"] = [IPAddress.Loopback],
    };

    private readonly ConcurrentQueue<IPEndPoint> _connections = new();
    private readonly Func<IPEndPoint, CancellationToken, ValueTask<Stream>>? _connect;

    /// <param name="allowLoopback">False to guard loopback too (as in production), for tests of the guard itself.</param>
    /// <param name="connect">Replaces the real loopback connect (e.g. one that never completes, for the connect timeout); still recorded and loopback-only.</param>
    public TestFetch(FetchOptions? options = null, IReadOnlyDictionary<string, IPAddress[]>? names = null, bool allowLoopback = true,
        Func<IPEndPoint, CancellationToken, ValueTask<Stream>>? connect = null)
    {
        _connect = connect;
        options ??= Short();
        Options = allowLoopback && options.AllowedNetworks.Count == 0 ? options with { AllowedNetworks = FetchOptions.LoopbackNetworks } : options;
        Resolver = new StaticHostResolver(names ?? Names);
        Fetcher = new SafeFetcher(Options, Resolver, TimeProvider.System, ConnectAsync);
    }

    public FetchOptions Options { get; }

    public StaticHostResolver Resolver { get; }

    public SafeFetcher Fetcher { get; }

    /// <summary>Every endpoint a connection was opened to.</summary>
    public IReadOnlyList<IPEndPoint> Connections => [.. _connections];

    /// <summary>Short limits for tests (never a timed assertion: they only keep failing cases quick).</summary>
    public static FetchOptions Short(string? tempDirectory = null) => new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(2),
        IdleTimeout = TimeSpan.FromMilliseconds(800),
        TotalTimeout = TimeSpan.FromSeconds(20),
        MaxRetries = 0,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromSeconds(2),
        MinIntervalPerHost = TimeSpan.Zero,
        MaxConcurrentPerHost = 8,
        MaxBodyBytes = 8 * 1024 * 1024,
        TempDirectory = tempDirectory,
    };

    private async ValueTask<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken ct)
    {
        _connections.Enqueue(endpoint);
        var address = endpoint.Address.IsIPv4MappedToIPv6 ? endpoint.Address.MapToIPv4() : endpoint.Address;
        if (!IPAddress.IsLoopback(address))
            throw new InvalidOperationException($"TEST SAFETY: a connection to {endpoint} was attempted; tests may only connect to loopback");
        if (_connect is not null) return await _connect(endpoint, ct);
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => Fetcher.Dispose();
}

/// <summary>A temporary folder deleted at the end of a test.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "musubi-test-" + Guid.NewGuid().ToString("N")[..12]);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
