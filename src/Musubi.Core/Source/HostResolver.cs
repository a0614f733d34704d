using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Musubi.Source;

/// <summary>Turns a host name into addresses. The fetcher checks every address it gets before connecting.</summary>
public interface IHostResolver
{
    /// <summary>The addresses of <paramref name="host"/>; throws <see cref="SocketException"/> when it does not resolve.</summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>The system's resolver (DNS, hosts file).</summary>
public sealed class SystemHostResolver : IHostResolver
{
    public static SystemHostResolver Instance { get; } = new();

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}

/// <summary>
/// A fixed table of names to addresses (tests, demos: e.g. <c>internal.test</c> → 10.1.2.3). Names not in the table
/// go to <paramref name="fallback"/>, or fail as unknown when it is null — so a test never reaches real DNS.
/// </summary>
public sealed class StaticHostResolver(IReadOnlyDictionary<string, IPAddress[]> table, IHostResolver? fallback = null) : IHostResolver
{
    private readonly ConcurrentDictionary<string, IPAddress[]> _table = new(table, StringComparer.OrdinalIgnoreCase);

    /// <summary>Changes what <paramref name="host"/> resolves to (a test of DNS rebinding changes it between requests).</summary>
    public void Set(string host, params IPAddress[] addresses) => _table[host] = addresses;

    /// <summary>Names looked up, in order (tests assert on it).</summary>
    public List<string> Lookups { get; } = [];

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        lock (Lookups) Lookups.Add(host);
        if (_table.TryGetValue(host.TrimEnd('.'), out var addresses)) return Task.FromResult(addresses);
        if (fallback is not null) return fallback.ResolveAsync(host, cancellationToken);
        throw new SocketException((int)SocketError.HostNotFound);
    }
}
