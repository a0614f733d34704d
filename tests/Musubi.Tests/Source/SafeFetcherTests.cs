using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Musubi.Source;
using Musubi.Tests.Support;

namespace Musubi.Tests.Source;

/// <summary>
/// The safe fetcher against a real server on 127.0.0.1. Every guard and failure ends in its typed outcome; hangs are
/// bounded by the fetcher's own short limits (each call is also wrapped in a generous WaitAsync so a regression fails the
/// test instead of hanging the suite — not a speed assertion). No test sends traffic off loopback: names that map to
/// private or metadata addresses are refused before any connection, which <see cref="TestFetch.Connections"/> proves.
/// </summary>
public sealed class SafeFetcherTests : IAsyncLifetime
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);
    private TestWebServer _server = null!;
    private readonly TempDir _temp = new();

    public async Task InitializeAsync() => _server = await TestWebServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    private TestFetch Fetch(Func<FetchOptions, FetchOptions>? tweak = null, bool allowLoopback = true,
        Func<IPEndPoint, CancellationToken, ValueTask<Stream>>? connect = null)
    {
        var o = TestFetch.Short(_temp.Path);
        return new TestFetch(tweak is null ? o : tweak(o), allowLoopback: allowLoopback, connect: connect);
    }

    private static async Task<FetchResult> Get(TestFetch f, Uri url, FetchValidators? previous = null) =>
        await f.Fetcher.FetchAsync(url, previous).WaitAsync(HangGuard);

    private void AssertFailed(FetchResult r, FetchFailureReason reason)
    {
        Assert.True(r.Outcome == FetchOutcome.Failed, $"expected {reason}, got {r}");
        Assert.Equal(reason, r.Failure!.Reason);
        Assert.Null(r.TempFilePath);
        Assert.DoesNotContain('\n', r.Failure.Message);
        Assert.Empty(Directory.GetFiles(_temp.Path)); // nothing left behind
    }

    [Fact]
    public async Task Ok_streams_the_body_to_a_temp_file_with_its_sha256_and_validators()
    {
        using var f = Fetch();
        var r = await Get(f, _server.Url("/files/read/cp932.csv"));
        Assert.Equal(FetchOutcome.Ok, r.Outcome);
        var expected = File.ReadAllBytes(Path.Combine(_server.FileRoot, "read", "cp932.csv"));
        Assert.Equal(expected, File.ReadAllBytes(r.TempFilePath!));
        Assert.Equal(System.Convert.ToHexStringLower(SHA256.HashData(expected)), r.Sha256);
        Assert.Equal(expected.Length, r.Length);
        Assert.Equal(_temp.Path, Path.GetDirectoryName(r.TempFilePath));
        Assert.NotNull(r.ETag);
        Assert.NotNull(r.LastModified);
        Assert.Equal("text/csv", r.DeclaredContentType);
        Assert.Contains("Musubi", _server.Requests.Last().Header("User-Agent"));
        Assert.All(f.Connections, c => Assert.True(IPAddress.IsLoopback(c.Address)));
        r.DeleteTempFile();
    }

    [Fact]
    public async Task A_conditional_request_with_the_previous_validators_is_NotModified()
    {
        using var f = Fetch();
        var url = _server.Url("/files/read/plain.tsv");
        var first = await Get(f, url);
        first.DeleteTempFile();
        var second = await Get(f, url, first.Validators);
        Assert.Equal(FetchOutcome.NotModified, second.Outcome);
        Assert.Null(second.TempFilePath);
        Assert.Equal(first.ETag, second.ETag);
        Assert.Equal(first.ETag, _server.Requests.Last().Header("If-None-Match"));

        // Last-Modified alone works too.
        var third = await Get(f, url, new FetchValidators(null, first.LastModified));
        Assert.Equal(FetchOutcome.NotModified, third.Outcome);
        Assert.NotNull(_server.Requests.Last().Header("If-Modified-Since"));
        Assert.Empty(Directory.GetFiles(_temp.Path));
    }

    [Theory]
    [InlineData("internal.test", "10.1.2.3")]
    [InlineData("metadata.test", "169.254.169.254")]
    [InlineData("private172.test", "172.20.0.5")]
    [InlineData("private192.test", "192.168.1.10")]
    [InlineData("cgnat.test", "100.64.1.1")]
    [InlineData("ula.test", "fd12:3456::1")]
    [InlineData("linklocal6.test", "fe80::1")]
    [InlineData("mapped.test", "10.1.2.3")]
    [InlineData("zero.test", "0.0.0.0")]
    [InlineData("multicast.test", "224.0.0.1")]
    public async Task A_name_that_resolves_to_a_non_public_address_is_refused_before_connecting(string host, string address)
    {
        using var f = Fetch();
        var r = await Get(f, new Uri($"http://{host}:{_server.Port}/files/read/plain.tsv"));
        AssertFailed(r, FetchFailureReason.PrivateAddressRefused);
        Assert.Contains(host, r.Failure!.Message);
        Assert.Contains(address, r.Failure.Message);
        Assert.Contains(host, f.Resolver.Lookups);
        Assert.Empty(f.Connections);
    }

    [Theory]
    [InlineData("http://10.0.0.1/data.csv")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[fe80::1]/")]
    [InlineData("http://[::ffff:192.168.0.1]/")]
    [InlineData("http://[64:ff9b::a01:203]/")]
    [InlineData("http://[2002:a01:203::1]/")]
    [InlineData("http://0.0.0.0/")]
    [InlineData("http://255.255.255.255/")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/")]
    public async Task Literal_private_addresses_and_metadata_names_are_refused_without_a_lookup(string url)
    {
        using var f = Fetch();
        var r = await Get(f, new Uri(url));
        AssertFailed(r, FetchFailureReason.PrivateAddressRefused);
        Assert.Empty(f.Resolver.Lookups);
        Assert.Empty(f.Connections);
    }

    [Fact]
    public async Task Loopback_is_refused_unless_allowed()
    {
        using var f = Fetch(allowLoopback: false);
        var r = await Get(f, _server.Url("/files/read/plain.tsv"));
        AssertFailed(r, FetchFailureReason.PrivateAddressRefused);
        Assert.Contains("loopback", r.Failure!.Message);
        var decimalForm = await Get(f, new Uri($"http://2130706433:{_server.Port}/"));
        AssertFailed(decimalForm, FetchFailureReason.PrivateAddressRefused);
        Assert.Empty(f.Connections);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Metadata_stays_refused_when_private_addresses_are_allowed()
    {
        using var f = Fetch(o => o with { AllowPrivateAddresses = true });
        var r = await Get(f, new Uri($"http://metadata.test:{_server.Port}/latest/meta-data/"));
        AssertFailed(r, FetchFailureReason.PrivateAddressRefused);
        Assert.Contains("metadata", r.Failure!.Message);
        Assert.Empty(f.Connections);
    }

    [Theory]
    [InlineData("http://internal.test:{port}/secret", FetchFailureReason.PrivateAddressRefused)]
    [InlineData("http://metadata.test/latest/meta-data/iam/", FetchFailureReason.PrivateAddressRefused)]
    [InlineData("http://169.254.169.254/latest/", FetchFailureReason.PrivateAddressRefused)]
    [InlineData("file:///etc/passwd", FetchFailureReason.SchemeRefused)]
    [InlineData("ftp://example.invalid/data.csv", FetchFailureReason.SchemeRefused)]
    [InlineData("gopher://example.invalid/", FetchFailureReason.SchemeRefused)]
    public async Task Each_redirect_hop_is_checked_again(string target, FetchFailureReason reason)
    {
        using var f = Fetch();
        var to = target.Replace("{port}", _server.Port.ToString());
        var r = await Get(f, _server.Url("/redirect?to=" + Uri.EscapeDataString(to)));
        AssertFailed(r, reason);
        Assert.All(f.Connections, c => Assert.True(IPAddress.IsLoopback(c.Address), $"connected to {c}"));
        Assert.Equal(1, _server.CountFor("/redirect"));
    }

    [Fact]
    public async Task A_file_url_is_refused_outright()
    {
        using var f = Fetch();
        AssertFailed(await Get(f, new Uri("file:///etc/passwd")), FetchFailureReason.SchemeRefused);
        AssertFailed(await Get(f, new Uri($"http://user:secret@127.0.0.1:{_server.Port}/")), FetchFailureReason.InvalidUrl);
        Assert.Empty(f.Connections);
    }

    [Fact]
    public async Task Dns_rebinding_is_caught_on_the_next_connection()
    {
        using var f = Fetch();
        f.Resolver.Set("rebind.test", IPAddress.Loopback);
        _server.Map("/close", async ctx =>
        {
            ctx.Response.Headers.Connection = "close";
            await ctx.Response.WriteAsync("first");
        });
        var first = await Get(f, new Uri($"http://rebind.test:{_server.Port}/close"));
        Assert.Equal(FetchOutcome.Ok, first.Outcome);
        first.DeleteTempFile();

        f.Resolver.Set("rebind.test", IPAddress.Parse("10.1.2.3"));
        var second = await Get(f, new Uri($"http://rebind.test:{_server.Port}/close"));
        AssertFailed(second, FetchFailureReason.PrivateAddressRefused);
        Assert.All(f.Connections, c => Assert.True(IPAddress.IsLoopback(c.Address)));
    }

    [Fact]
    public async Task Redirects_are_followed_by_hand_up_to_the_cap_and_loops_are_detected()
    {
        using var f = Fetch(o => o with { MaxRedirects = 5 });
        var ok = await Get(f, _server.Url("/chain/3"));
        Assert.Equal(FetchOutcome.Ok, ok.Outcome);
        Assert.Equal(3, ok.Redirects);
        Assert.Equal("/chain/0", ok.FinalUrl.AbsolutePath);
        ok.DeleteTempFile();

        AssertFailed(await Get(f, _server.Url("/chain/9")), FetchFailureReason.TooManyRedirects);
        var loop = await Get(f, _server.Url("/loop/a"));
        AssertFailed(loop, FetchFailureReason.RedirectLoop);
        Assert.Contains("/loop/a", loop.Failure!.Message);
    }

    [Fact]
    public async Task A_body_over_the_cap_is_TooLarge_whether_declared_or_counted_while_streaming()
    {
        using var f = Fetch(o => o with { MaxBodyBytes = 1024 * 1024 });
        var streamed = await Get(f, _server.Url("/huge?bytes=20000000"));
        AssertFailed(streamed, FetchFailureReason.TooLarge);
        Assert.Contains("exceeds", streamed.Failure!.Message);

        var declared = await Get(f, _server.Url("/huge-declared?bytes=10000000000"));
        AssertFailed(declared, FetchFailureReason.TooLarge);
        Assert.Contains("declares", declared.Failure!.Message);

        // A per-request cap (for API pages) below the fetcher's.
        var small = await f.Fetcher.FetchAsync(new FetchRequest(_server.Url("/files/read/cp932.csv")) { MaxBodyBytes = 10 }).WaitAsync(HangGuard);
        AssertFailed(small, FetchFailureReason.TooLarge);
    }

    [Fact]
    public async Task A_connection_closed_before_Content_Length_is_Truncated_not_data()
    {
        using var f = Fetch();
        var r = await Get(f, _server.Url("/truncate?declared=100000&sent=1000"));
        AssertFailed(r, FetchFailureReason.Truncated);
        Assert.Contains("100,000", r.Failure!.Message);
    }

    [Theory]
    [InlineData("/hang")]
    [InlineData("/hang-body")]
    public async Task A_server_that_hangs_is_a_Timeout(string path)
    {
        using var f = Fetch();
        var r = await Get(f, _server.Url(path));
        AssertFailed(r, FetchFailureReason.Timeout);
    }

    [Fact]
    public async Task A_slow_drip_that_never_idles_long_enough_ends_at_the_total_time_limit()
    {
        // A byte every 100 ms never trips the 800 ms idle limit; the total limit ends it.
        using var f = Fetch(o => o with { TotalTimeout = TimeSpan.FromSeconds(1.5) });
        var r = await Get(f, _server.Url("/drip?bytes=100000&ms=100"));
        AssertFailed(r, FetchFailureReason.Timeout);
        Assert.Contains("total time", r.Failure!.Message);
    }

    [Fact]
    public async Task A_connect_that_never_completes_is_a_Timeout()
    {
        using var f = Fetch(o => o with { ConnectTimeout = TimeSpan.FromMilliseconds(300) },
            connect: async (_, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                throw new InvalidOperationException("unreachable");
            });
        var r = await Get(f, _server.Url("/files/read/plain.tsv"));
        AssertFailed(r, FetchFailureReason.Timeout);
        Assert.Contains("connect", r.Failure!.Message);
    }

    [Fact]
    public async Task Reset_and_refused_connections_are_ConnectionFailed()
    {
        using var f = Fetch();
        AssertFailed(await Get(f, _server.Url("/reset")), FetchFailureReason.ConnectionFailed);

        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        AssertFailed(await Get(f, new Uri($"http://127.0.0.1:{port}/")), FetchFailureReason.ConnectionFailed);
    }

    [Fact]
    public async Task Http_errors_are_typed_and_only_transient_ones_are_retried()
    {
        using var f = Fetch(o => o with { MaxRetries = 2 });
        var e500 = await Get(f, _server.Url("/status/500"));
        AssertFailed(e500, FetchFailureReason.HttpStatus);
        Assert.Equal(HttpStatusCode.InternalServerError, e500.StatusCode);
        Assert.Equal(3, e500.Requests);
        Assert.Equal(3, _server.CountFor("/status/500"));

        var e404 = await Get(f, _server.Url("/status/404"));
        AssertFailed(e404, FetchFailureReason.HttpStatus);
        Assert.Equal(1, e404.Requests);
    }

    [Theory]
    [InlineData("/flaky/a?fail=2&status=503")]
    [InlineData("/flaky/b?fail=2&status=408")]
    [InlineData("/flaky/c?fail=1&mode=reset")]
    public async Task Transient_failures_are_retried_with_backoff(string path)
    {
        using var f = Fetch(o => o with { MaxRetries = 3 });
        var r = await Get(f, _server.Url(path));
        Assert.Equal(FetchOutcome.Ok, r.Outcome);
        Assert.Equal("ok", File.ReadAllText(r.TempFilePath!));
        Assert.True(r.Requests >= 2);
        r.DeleteTempFile();
    }

    [Fact]
    public async Task A_429_is_retried_after_Retry_After_capped_by_the_longest_delay()
    {
        // Retry-After says 3600 s; the cap (200 ms) keeps the harvest moving.
        using var f = Fetch(o => o with { MaxRetries = 1, MaxRetryDelay = TimeSpan.FromMilliseconds(200) });
        var r = await Get(f, _server.Url("/retry-after/x?seconds=3600"));
        Assert.Equal(FetchOutcome.Ok, r.Outcome);
        Assert.Equal(2, r.Requests);
        r.DeleteTempFile();
    }

    [Fact]
    public async Task A_lying_content_type_is_reported_as_declared_and_the_content_decides()
    {
        var xlsx = Musubi.Tests.Read.XlsxBuilder.Build([("Sheet1", [["名称", "住所"], ["A", "東京都"]])]);
        _server.MapBytes("/data.csv", xlsx, "text/csv; charset=utf-8");
        _server.MapText("/page.csv", "<!DOCTYPE html><html><body>Not found</body></html>", "text/csv");
        using var f = Fetch();
        var r = await Get(f, _server.Url("/data.csv"));
        Assert.Equal("text/csv; charset=utf-8", r.DeclaredContentType);
        Assert.Equal(MediaKind.Xlsx, MediaSniffer.Sniff(r.TempFilePath!));
        r.DeleteTempFile();
        var html = await Get(f, _server.Url("/page.csv"));
        Assert.Equal(MediaKind.Html, MediaSniffer.Sniff(html.TempFilePath!));
        html.DeleteTempFile();
    }

    [Fact]
    public async Task Caller_cancellation_throws_and_leaves_no_file()
    {
        using var f = Fetch(o => o with { IdleTimeout = TimeSpan.FromSeconds(30) });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => f.Fetcher.FetchAsync(_server.Url("/hang"), null, cts.Token).WaitAsync(HangGuard));
        Assert.Empty(Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public async Task Requests_to_one_host_are_limited_in_number()
    {
        var inFlight = 0;
        var peak = 0;
        _server.Map("/slow", async ctx =>
        {
            var now = Interlocked.Increment(ref inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen)
            {
            }
            await Task.Delay(100);
            Interlocked.Decrement(ref inFlight);
            await ctx.Response.WriteAsync("ok");
        });
        using var f = Fetch(o => o with { MaxConcurrentPerHost = 2 });
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Get(f, _server.Url($"/slow?i={i}"))));
        Assert.All(results, r => Assert.Equal(FetchOutcome.Ok, r.Outcome));
        Assert.InRange(peak, 1, 2);
        foreach (var r in results) r.DeleteTempFile();
    }

    [Fact]
    public async Task Requests_to_one_host_keep_the_minimum_interval()
    {
        var gates = new HostGates(4, TimeSpan.FromMilliseconds(150), TimeProvider.System);
        var url = new Uri("http://site.test/");
        var starts = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            using var lease = await gates.EnterAsync(url, CancellationToken.None);
            starts.Add(Environment.TickCount64);
        }
        // Task.Delay never ends early; allow the clock's granularity.
        for (var i = 1; i < starts.Count; i++) Assert.True(starts[i] - starts[i - 1] >= 130, $"gap {starts[i] - starts[i - 1]} ms");
    }
}
