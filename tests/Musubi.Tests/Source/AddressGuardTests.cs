using System.Net;
using Musubi.Source;

namespace Musubi.Tests.Source;

/// <summary>Address classification only: no traffic is sent.</summary>
public sealed class AddressGuardTests
{
    [Theory]
    [InlineData("0.1.2.3")]
    [InlineData("10.255.255.255")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("127.0.0.1")]
    [InlineData("127.10.20.30")]
    [InlineData("169.254.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.0.0.8")]
    [InlineData("192.0.2.1")]
    [InlineData("192.168.0.1")]
    [InlineData("198.18.0.1")]
    [InlineData("198.51.100.7")]
    [InlineData("203.0.113.9")]
    [InlineData("224.0.0.251")]
    [InlineData("239.255.255.250")]
    [InlineData("240.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::10.0.0.1")]
    [InlineData("64:ff9b::192.168.1.1")]
    [InlineData("64:ff9b:1::1")]
    [InlineData("2002:c0a8:0101::1")]
    [InlineData("2001:db8::1")]
    [InlineData("2001:0:4136:e378::1")]
    [InlineData("fc00::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fe80::1")]
    [InlineData("fec0::1")]
    [InlineData("ff02::1")]
    public void Non_public_addresses_are_refused(string address)
    {
        var ip = IPAddress.Parse(address);
        Assert.NotNull(AddressGuard.Classify(ip));
        Assert.NotNull(AddressGuard.Check(ip, new FetchOptions()));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("133.242.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::8.8.8.8")]
    [InlineData("2002:0808:0808::1")]
    [InlineData("2404:6800:4004:80a::200e")]
    public void Public_addresses_are_allowed(string address)
    {
        var ip = IPAddress.Parse(address);
        Assert.Null(AddressGuard.Classify(ip));
        Assert.Null(AddressGuard.Check(ip, new FetchOptions()));
    }

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.170.2")]
    [InlineData("100.100.100.200")]
    [InlineData("168.63.129.16")]
    [InlineData("fd00:ec2::254")]
    [InlineData("::ffff:169.254.169.254")]
    public void Metadata_addresses_stay_refused_with_private_addresses_allowed(string address)
    {
        var ip = IPAddress.Parse(address);
        Assert.Contains("metadata", AddressGuard.Check(ip, new FetchOptions { AllowPrivateAddresses = true }));
    }

    [Fact]
    public void Allowed_networks_open_exactly_what_they_name()
    {
        var options = new FetchOptions { AllowedNetworks = FetchOptions.LoopbackNetworks };
        Assert.Null(AddressGuard.Check(IPAddress.Loopback, options));
        Assert.Null(AddressGuard.Check(IPAddress.IPv6Loopback, options));
        Assert.Null(AddressGuard.Check(IPAddress.Parse("::ffff:127.0.0.1"), options));
        Assert.NotNull(AddressGuard.Check(IPAddress.Parse("10.1.2.3"), options));
        Assert.NotNull(AddressGuard.Check(IPAddress.Parse("169.254.169.254"), options));
        Assert.Null(AddressGuard.Check(IPAddress.Parse("10.1.2.3"), new FetchOptions { AllowPrivateAddresses = true }));
    }

    [Theory]
    [InlineData("metadata.google.internal")]
    [InlineData("METADATA.GOOGLE.INTERNAL.")]
    [InlineData("instance-data")]
    [InlineData("metadata")]
    public void Metadata_names_are_refused_before_lookup(string host) =>
        Assert.NotNull(AddressGuard.CheckHostName(host, new FetchOptions { AllowPrivateAddresses = true }));
}
