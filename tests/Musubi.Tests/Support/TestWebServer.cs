using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Musubi.Tests.Support;

/// <summary>
/// A real web server (Kestrel) on 127.0.0.1 with an OS-chosen port, for harvest tests. It serves fixture files and, on
/// demand, every misbehaviour a harvester meets: errors, hangs, slow drips, resets, truncated bodies, lying types,
/// redirect loops and redirects to private names, zip bombs, huge bodies, flaky endpoints. Handlers can be added while it
/// runs (<see cref="Map"/>, <see cref="MapPrefix"/>), and every request is recorded (<see cref="Requests"/>).
/// Built-in routes (all GET):
/// <list type="bullet">
/// <item><c>/files/{path}</c> — a file under <see cref="FileRoot"/> with ETag and Last-Modified; 304 on a matching conditional request; <c>?type=</c> overrides the Content-Type (a lying type); <c>{{PORT}}</c> in a UTF-8 fixture becomes this server's port.</item>
/// <item><c>/status/{code}</c>, <c>/hang</c> (never answers), <c>/hang-body</c> (headers, 10 bytes, then nothing), <c>/drip?bytes=N&amp;ms=M</c> (one byte every M ms).</item>
/// <item><c>/reset</c> (connection aborted before any response), <c>/truncate?declared=N&amp;sent=M</c> (Content-Length N, M bytes sent, then the connection is cut).</item>
/// <item><c>/huge?bytes=N</c> (chunked body of N bytes, no Content-Length), <c>/huge-declared?bytes=N</c> (Content-Length N, nothing sent).</item>
/// <item><c>/redirect?to=URL&amp;code=302</c>, <c>/loop/a</c> ⇄ <c>/loop/b</c>, <c>/chain/{n}</c> (n redirects then 200).</item>
/// <item><c>/flaky/{key}?fail=N&amp;status=503</c> (fails N times, then 200 "ok"), <c>/retry-after/{key}?seconds=S</c> (429 with Retry-After once, then 200).</item>
/// <item><c>/zipbomb.zip</c> (16 MiB of zeros deflated into ~16 KB), <c>/etag</c> (ETag "v1", 304 on If-None-Match).</item>
/// </list>
/// </summary>
public sealed class TestWebServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, RequestDelegate> _exact = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RequestDelegate> _prefix = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private static readonly Lazy<byte[]> ZipBomb = new(() => MakeZip([("zeros.csv", new byte[16 * 1024 * 1024])]));

    private TestWebServer(WebApplication app, string fileRoot)
    {
        _app = app;
        FileRoot = fileRoot;
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public int Port => BaseUrl.Port;

    /// <summary>The folder served under <c>/files/</c> (default: the test Fixtures folder).</summary>
    public string FileRoot { get; }

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery.TrimStart('/'));

    /// <summary>Requests whose path is <paramref name="path"/> (query ignored).</summary>
    public int CountFor(string path) => _requests.Count(r => r.Path == path);

    /// <summary>Starts a server; <paramref name="fileRoot"/> defaults to the tests' Fixtures folder.</summary>
    public static async Task<TestWebServer> StartAsync(string? fileRoot = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Test" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            o.AllowSynchronousIO = false;
            o.Limits.MinResponseDataRate = null; // the drip and hang routes are slow on purpose
        });
        var app = builder.Build();
        var server = new TestWebServer(app, fileRoot ?? Path.Combine(AppContext.BaseDirectory, "Fixtures"));
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Serves <paramref name="path"/> (exact, without query) with <paramref name="handler"/>.</summary>
    public void Map(string path, RequestDelegate handler) => _exact[Normalize(path)] = handler;

    /// <summary>Serves every path starting with <paramref name="prefix"/> with <paramref name="handler"/> (longest prefix wins).</summary>
    public void MapPrefix(string prefix, RequestDelegate handler) => _prefix[Normalize(prefix)] = handler;

    /// <summary>Serves fixed bytes at <paramref name="path"/>.</summary>
    public void MapBytes(string path, byte[] body, string contentType = "application/octet-stream") =>
        Map(path, async ctx =>
        {
            ctx.Response.ContentType = contentType;
            ctx.Response.ContentLength = body.Length;
            await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted);
        });

    /// <summary>Serves fixed text (UTF-8) at <paramref name="path"/>.</summary>
    public void MapText(string path, string text, string contentType = "text/plain; charset=utf-8") => MapBytes(path, Encoding.UTF8.GetBytes(text), contentType);

    /// <summary>A ZIP made in memory (entry names stored with the UTF-8 flag when they are not ASCII).</summary>
    public static byte[] MakeZip(IEnumerable<(string Name, byte[] Content)> entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var e = zip.CreateEntry(name, CompressionLevel.SmallestSize);
                using var s = e.Open();
                s.Write(content);
            }
        }
        return ms.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "/";
        _requests.Enqueue(new RecordedRequest(ctx.Request.Method, path, ctx.Request.QueryString.Value ?? "",
            ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, _stopping.Token);
        var ct = linked.Token;
        try
        {
            if (_exact.TryGetValue(path, out var exact))
            {
                await exact(ctx);
                return;
            }
            foreach (var (prefix, handler) in _prefix.OrderByDescending(p => p.Key.Length))
            {
                if (path.StartsWith(prefix, StringComparison.Ordinal))
                {
                    await handler(ctx);
                    return;
                }
            }
            await BuiltInAsync(ctx, path, ct);
        }
        catch (OperationCanceledException)
        {
            // The client went away or the server is stopping.
        }
    }

    private async Task BuiltInAsync(HttpContext ctx, string path, CancellationToken ct)
    {
        var q = ctx.Request.Query;
        var res = ctx.Response;
        int Int(string key, int fallback) => int.TryParse(q[key], out var v) ? v : fallback;
        long Long(string key, long fallback) => long.TryParse(q[key], out var v) ? v : fallback;

        if (path.StartsWith("/files/", StringComparison.Ordinal))
        {
            await ServeFileAsync(ctx, Uri.UnescapeDataString(path["/files/".Length..]), q["type"].FirstOrDefault(), ct);
            return;
        }
        if (path.StartsWith("/status/", StringComparison.Ordinal) && int.TryParse(path["/status/".Length..], out var code))
        {
            res.StatusCode = code;
            await res.WriteAsync($"status {code}", ct);
            return;
        }
        switch (path)
        {
            case "/hang":
                await Task.Delay(Timeout.Infinite, ct);
                return;
            case "/hang-body":
                res.ContentLength = 1000;
                await res.Body.WriteAsync(new byte[10], ct);
                await res.Body.FlushAsync(ct);
                await Task.Delay(Timeout.Infinite, ct);
                return;
            case "/drip":
                {
                    var bytes = Int("bytes", 1000);
                    var ms = Int("ms", 200);
                    res.ContentType = "text/csv";
                    for (var i = 0; i < bytes; i++)
                    {
                        await res.Body.WriteAsync("x"u8.ToArray(), ct);
                        await res.Body.FlushAsync(ct);
                        await Task.Delay(ms, ct);
                    }
                    return;
                }
            case "/reset":
                ctx.Abort();
                return;
            case "/truncate":
                {
                    res.ContentType = "text/csv";
                    res.ContentLength = Long("declared", 1000);
                    await res.Body.WriteAsync(Encoding.ASCII.GetBytes(new string('a', Int("sent", 100))), ct);
                    await res.Body.FlushAsync(ct);
                    // Let the client read what was sent before the connection is cut (a reset discards unread data).
                    await Task.Delay(200, ct);
                    ctx.Abort();
                    return;
                }
            case "/huge":
                {
                    var total = Long("bytes", 10_000_000);
                    res.ContentType = "text/csv";
                    var chunk = new byte[64 * 1024];
                    chunk.AsSpan().Fill((byte)'a');
                    for (long sent = 0; sent < total; sent += chunk.Length)
                        await res.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, total - sent)), ct);
                    return;
                }
            case "/huge-declared":
                res.ContentType = "text/csv";
                res.ContentLength = Long("bytes", 10_000_000_000);
                await res.Body.FlushAsync(ct);
                await Task.Delay(200, ct);
                ctx.Abort();
                return;
            case "/redirect":
                res.StatusCode = Int("code", 302);
                res.Headers.Location = q["to"].ToString();
                return;
            case "/loop/a":
                res.StatusCode = 302;
                res.Headers.Location = "/loop/b";
                return;
            case "/loop/b":
                res.StatusCode = 301;
                res.Headers.Location = Url("/loop/a").ToString();
                return;
            case "/zipbomb.zip":
                res.ContentType = "application/zip";
                res.ContentLength = ZipBomb.Value.Length;
                await res.Body.WriteAsync(ZipBomb.Value, ct);
                return;
            case "/etag":
                if (ctx.Request.Headers.IfNoneMatch.ToString() == "\"v1\"")
                {
                    res.StatusCode = 304;
                    res.Headers.ETag = "\"v1\"";
                    return;
                }
                res.Headers.ETag = "\"v1\"";
                res.Headers.LastModified = "Mon, 01 Dec 2025 00:00:00 GMT";
                res.ContentType = "text/csv; charset=utf-8";
                await res.WriteAsync("名称,住所\nA,東京都\n", ct);
                return;
        }
        if (path.StartsWith("/chain/", StringComparison.Ordinal) && int.TryParse(path["/chain/".Length..], out var n))
        {
            if (n > 0)
            {
                res.StatusCode = 302;
                res.Headers.Location = $"/chain/{n - 1}";
                return;
            }
            await res.WriteAsync("ok", ct);
            return;
        }
        if (path.StartsWith("/flaky/", StringComparison.Ordinal))
        {
            var count = _counters.AddOrUpdate(path, 1, (_, c) => c + 1);
            if (count <= Int("fail", 2))
            {
                if (q["mode"] == "reset")
                {
                    ctx.Abort();
                    return;
                }
                res.StatusCode = Int("status", 503);
                return;
            }
            await res.WriteAsync("ok", ct);
            return;
        }
        if (path.StartsWith("/retry-after/", StringComparison.Ordinal))
        {
            var count = _counters.AddOrUpdate(path, 1, (_, c) => c + 1);
            if (count == 1)
            {
                res.StatusCode = 429;
                res.Headers.RetryAfter = Int("seconds", 1).ToString();
                return;
            }
            await res.WriteAsync("ok", ct);
            return;
        }
        res.StatusCode = 404;
        await res.WriteAsync("not found", ct);
    }

    private async Task ServeFileAsync(HttpContext ctx, string relative, string? typeOverride, CancellationToken ct)
    {
        var full = Path.GetFullPath(Path.Combine(FileRoot, relative));
        if (!full.StartsWith(Path.GetFullPath(FileRoot), StringComparison.Ordinal) || !File.Exists(full))
        {
            ctx.Response.StatusCode = 404;
            return;
        }
        var bytes = await File.ReadAllBytesAsync(full, ct);
        // Text fixtures may name this server's port as {{PORT}} (links to site.test:{{PORT}} and other test names).
        if (bytes.AsSpan().IndexOf("{{PORT}}"u8) >= 0)
            bytes = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("{{PORT}}", Port.ToString(), StringComparison.Ordinal));
        var etag = "\"" + System.Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"";
        var modified = new DateTimeOffset(File.GetLastWriteTimeUtc(full), TimeSpan.Zero);
        modified = modified.AddTicks(-(modified.Ticks % TimeSpan.TicksPerSecond));
        var res = ctx.Response;
        res.Headers.ETag = etag;
        res.Headers.LastModified = modified.ToString("R");
        var inm = ctx.Request.Headers.IfNoneMatch.ToString();
        var ims = ctx.Request.Headers.IfModifiedSince.ToString();
        if ((inm.Length > 0 && inm == etag) || (inm.Length == 0 && DateTimeOffset.TryParse(ims, out var since) && modified <= since))
        {
            res.StatusCode = 304;
            return;
        }
        res.ContentType = typeOverride ?? ContentTypeOf(full);
        res.ContentLength = bytes.Length;
        await res.Body.WriteAsync(bytes, ct);
    }

    private static string ContentTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => "text/csv",
        ".tsv" => "text/tab-separated-values",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".xls" => "application/vnd.ms-excel",
        ".zip" => "application/zip",
        ".html" or ".htm" => "text/html; charset=utf-8",
        ".json" => "application/json",
        ".jsonld" => "application/ld+json",
        ".ttl" => "text/turtle",
        ".rdf" => "application/rdf+xml",
        ".xml" => "application/xml",
        ".txt" => "text/plain",
        _ => "application/octet-stream",
    };

    private static string Normalize(string path) => path.StartsWith('/') ? path : "/" + path;
}

/// <summary>One request as the test server saw it.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}
