using System.Net;
using System.Net.Sockets;

namespace Musubi.Source;

/// <summary>
/// Decides whether the harvester may connect to an address. Everything that is not a public unicast address is
/// refused: loopback, private, link-local, CGNAT, unique-local, unspecified, multicast, broadcast, documentation and
/// other reserved ranges, and the IPv4-mapped / compatible / 6to4 / NAT64 forms of those. Cloud metadata endpoints are
/// refused even when private addresses are allowed, unless a network in <see cref="FetchOptions.AllowedNetworks"/>
/// names them explicitly.
/// </summary>
public static class AddressGuard
{
    private static readonly (IPNetwork Net, string What)[] V4Blocked =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "“this network” (0.0.0.0/8)"),
        (IPNetwork.Parse("10.0.0.0/8"), "private (10.0.0.0/8)"),
        (IPNetwork.Parse("100.64.0.0/10"), "carrier-grade NAT (100.64.0.0/10)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback (127.0.0.0/8)"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local (169.254.0.0/16)"),
        (IPNetwork.Parse("172.16.0.0/12"), "private (172.16.0.0/12)"),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignments (192.0.0.0/24)"),
        (IPNetwork.Parse("192.0.2.0/24"), "documentation (192.0.2.0/24)"),
        (IPNetwork.Parse("192.88.99.0/24"), "6to4 relay (192.88.99.0/24)"),
        (IPNetwork.Parse("192.168.0.0/16"), "private (192.168.0.0/16)"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking (198.18.0.0/15)"),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation (198.51.100.0/24)"),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation (203.0.113.0/24)"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast (224.0.0.0/4)"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved (240.0.0.0/4, incl. broadcast)"),
    ];

    private static readonly (IPNetwork Net, string What)[] V6Blocked =
    [
        (IPNetwork.Parse("::/128"), "unspecified (::)"),
        (IPNetwork.Parse("::1/128"), "loopback (::1)"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "local-use NAT64 (64:ff9b:1::/48)"),
        (IPNetwork.Parse("100::/64"), "discard-only (100::/64)"),
        (IPNetwork.Parse("2001::/23"), "IETF protocol assignments incl. Teredo (2001::/23)"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation (2001:db8::/32)"),
        (IPNetwork.Parse("fc00::/7"), "unique-local (fc00::/7)"),
        (IPNetwork.Parse("fe80::/10"), "link-local (fe80::/10)"),
        (IPNetwork.Parse("fec0::/10"), "site-local (fec0::/10)"),
        (IPNetwork.Parse("ff00::/8"), "multicast (ff00::/8)"),
    ];

    /// <summary>Cloud instance-metadata endpoints: refused even when private addresses are allowed.</summary>
    private static readonly IPAddress[] MetadataAddresses =
    [
        IPAddress.Parse("169.254.169.254"), // AWS, GCP, Azure, OpenStack, Oracle
        IPAddress.Parse("169.254.170.2"), // AWS ECS task metadata
        IPAddress.Parse("100.100.100.200"), // Alibaba Cloud
        IPAddress.Parse("168.63.129.16"), // Azure wire server (a public address)
        IPAddress.Parse("fd00:ec2::254"), // AWS over IPv6
    ];

    /// <summary>Host names of metadata services, refused before any lookup.</summary>
    private static readonly HashSet<string> MetadataNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "metadata", "metadata.google.internal", "metadata.goog", "metadata.azure.internal", "instance-data",
        "instance-data.ec2.internal", "metadata.tencentyun.com", "metadata.platformequinix.com",
    };

    /// <summary>Why a host name is refused before it is even looked up, or null when it may be resolved.</summary>
    public static string? CheckHostName(string host, FetchOptions options)
    {
        var h = host.TrimEnd('.');
        if (MetadataNames.Contains(h)) return $"“{host}” is a cloud metadata service name";
        return null;
    }

    /// <summary>Why <paramref name="address"/> may not be connected to under <paramref name="options"/>, or null when it may.</summary>
    public static string? Check(IPAddress address, FetchOptions options)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (var net in options.AllowedNetworks)
            if (net.Contains(address)) return null;
        if (IsMetadata(address)) return $"{address} is a cloud metadata address";
        if (options.AllowPrivateAddresses) return null;
        var what = Classify(address);
        return what is null ? null : $"{address} is {what}";
    }

    /// <summary>The kind of non-public address (e.g. "private (10.0.0.0/8)"), or null for a public unicast address.</summary>
    public static string? Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            foreach (var (net, what) in V4Blocked)
                if (net.Contains(address)) return what;
            return null;
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return "not an IP address";

        foreach (var (net, what) in V6Blocked)
            if (net.Contains(address)) return what;

        // Forms that carry an IPv4 address inside: judge the IPv4 address.
        var b = address.GetAddressBytes();
        var embedded = Embedded(b);
        if (embedded is not null)
        {
            var inner = Classify(embedded);
            return inner is null ? null : $"{inner} inside an IPv6 address";
        }
        return null;
    }

    private static bool IsMetadata(IPAddress address)
    {
        foreach (var m in MetadataAddresses)
            if (m.Equals(address)) return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && Embedded(address.GetAddressBytes()) is { } v4)
            return IsMetadata(v4);
        return false;
    }

    /// <summary>The IPv4 address carried by an IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address.</summary>
    private static IPAddress? Embedded(byte[] b)
    {
        if (b.Length != 16) return null;
        var span = b.AsSpan();
        // ::a.b.c.d (deprecated IPv4-compatible) — but not :: or ::1, handled above.
        if (span[..12].IndexOfAnyExcept((byte)0) < 0) return new IPAddress(span[12..16]);
        // 64:ff9b::/96 well-known NAT64 prefix.
        if (span[..12].SequenceEqual((ReadOnlySpan<byte>)[0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0])) return new IPAddress(span[12..16]);
        // 2002:AABB:CCDD::/48 6to4.
        if (span[0] == 0x20 && span[1] == 0x02) return new IPAddress(span[2..6]);
        return null;
    }
}
