using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Musubi.Harvest;
using Musubi.Hosting;
using Musubi.Operations;
using Musubi.Source;
using Musubi.Storage;

namespace Musubi.Bench;

/// <summary>
/// The harvest benchmark's parts (scripts/bench/harvest.sh): a loopback server of SOURCES simulated municipalities, each
/// a <c>urls</c> list of RESOURCES small AED-like CP932 tables with ETag and Last-Modified (304 on a matching
/// conditional request); a command that adds those sources to a store; and a plain HttpClient loop doing the same
/// fetches as the baseline.
/// </summary>
public static class HarvestBench
{
    // Fixed validators: the benchmark's data never changes, so an unchanged re-harvest can be answered with 304s.
    private static readonly DateTimeOffset Modified = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string ModifiedText = Modified.ToString("R", CultureInfo.InvariantCulture);

    /// <summary><c>harvest-serve PORT SOURCES RESOURCES</c>: serves source i on PORT+i until killed; prints "ready" when listening.</summary>
    public static int Serve(string[] args)
    {
        var port = int.Parse(args[0], CultureInfo.InvariantCulture);
        var sources = int.Parse(args[1], CultureInfo.InvariantCulture);
        var resources = int.Parse(args[2], CultureInfo.InvariantCulture);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var cp932 = Encoding.GetEncoding(932);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // One port per source: the harvester's politeness is per host (name and port), as 2,000 municipalities are 2,000 sites.
        builder.WebHost.ConfigureKestrel(k =>
        {
            for (var i = 0; i < sources; i++) k.Listen(IPAddress.Loopback, port + i);
        });
        var app = builder.Build();
        app.MapGet("/s/{i:int}/urls.txt", (HttpContext http, int i) =>
        {
            if (i < 0 || i >= sources) return Task.FromResult(Results.NotFound());
            var sb = new StringBuilder();
            sb.Append("# 市").Append(i).Append(" オープンデータ\n");
            for (var j = 0; j < resources; j++)
                sb.Append("http://127.0.0.1:").Append(port + i).Append("/s/").Append(i).Append("/r").Append(j).Append(".csv AED設置場所一覧 ").Append(j).Append('\n');
            return Task.FromResult(Reply(http, $"\"l{i}\"", Encoding.UTF8.GetBytes(sb.ToString()), "text/plain; charset=utf-8"));
        });
        app.MapGet("/s/{i:int}/r{j:int}.csv", (HttpContext http, int i, int j) =>
        {
            if (i < 0 || i >= sources || j < 0 || j >= resources) return Task.FromResult(Results.NotFound());
            var etag = $"\"r{i}-{j}\"";
            if (NotModified(http, etag)) return Task.FromResult(Reply(http, etag, null, null));
            var seed = i * resources + j;
            using var w = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\r\n" };
            AedFileGenerator.Write(w, 20 + seed % 41, seed);
            return Task.FromResult(Reply(http, etag, cp932.GetBytes(w.ToString()), "text/csv"));
        });
        app.StartAsync().GetAwaiter().GetResult();
        Console.WriteLine("ready");
        app.WaitForShutdownAsync().GetAwaiter().GetResult();
        return 0;
    }

    private static bool NotModified(HttpContext http, string etag)
    {
        var h = http.Request.Headers;
        if (h.IfNoneMatch.Count > 0) return h.IfNoneMatch.ToString().Split(',').Any(t => t.Trim() == etag || t.Trim() == "*");
        return h.IfModifiedSince.Count > 0 && DateTimeOffset.TryParse(h.IfModifiedSince.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since) && since >= Modified;
    }

    private static IResult Reply(HttpContext http, string etag, byte[]? body, string? type)
    {
        http.Response.Headers.ETag = etag;
        http.Response.Headers.LastModified = ModifiedText;
        if (body is null || NotModified(http, etag)) return Results.StatusCode(304);
        return Results.Bytes(body, type);
    }

    /// <summary><c>harvest-add DATA_DIR PORT SOURCES</c>: adds the server's sources to a SQLite store (a CLI call each would take minutes).</summary>
    public static int Add(string[] args)
    {
        var options = new MusubiOptions { DataDirectory = Path.GetFullPath(args[0]), Database = args.Length > 3 ? args[3] : null };
        var port = int.Parse(args[1], CultureInfo.InvariantCulture);
        var sources = int.Parse(args[2], CultureInfo.InvariantCulture);
        using var services = StorageServices.BuildMusubi(options);
        var add = (AddSourceOperation)services.GetService(typeof(AddSourceOperation))!;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < sources; i++)
        {
            var r = add.RunAsync(new AddSourceRequest("urls", $"http://127.0.0.1:{port + i}/s/{i}/urls.txt") { Id = $"bench-{i:D4}", Name = $"市{i}", Schedule = "manual" }, Caller.Operator).GetAwaiter().GetResult();
            if (!r.IsOk)
            {
                Console.Error.WriteLine($"source {i}: {r.Error}");
                return 2;
            }
        }
        Console.WriteLine($"added {sources} sources in {sw.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    /// <summary>
    /// <c>harvest-run DATA_DIR PARALLEL INTERVAL_MS [SOURCES_AT_ONCE]</c>: <c>musubi harvest --all --allow-private-addresses</c> in process, with
    /// the per-host minimum interval set (the CLI keeps the default 250 ms), to show what the harvest costs besides politeness.
    /// </summary>
    public static int Run(string[] args)
    {
        var options = new MusubiOptions { DataDirectory = Path.GetFullPath(args[0]), AllowPrivateAddresses = true };
        var parallel = int.Parse(args[1], CultureInfo.InvariantCulture);
        var interval = TimeSpan.FromMilliseconds(int.Parse(args[2], CultureInfo.InvariantCulture));
        var atOnce = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : HarvestRequest.DefaultSources;
        using var services = StorageServices.BuildMusubi(options, more => more.AddSingleton(_ => new SafeFetcher(new FetchOptions { AllowPrivateAddresses = true, MinIntervalPerHost = interval })));
        var harvest = services.GetRequiredService<HarvestOperation>();
        var sw = Stopwatch.StartNew();
        var r = harvest.RunAsync(new HarvestRequest { All = true, Parallelism = parallel, Sources = atOnce }, Caller.Operator).GetAwaiter().GetResult();
        if (!r.IsOk)
        {
            Console.Error.WriteLine(r.Error);
            return 2;
        }
        var jobs = r.Value.Jobs;
        Console.WriteLine($"harvest-run (interval {interval.TotalMilliseconds} ms): {jobs.Count} jobs in {sw.Elapsed.TotalSeconds:F2} s; fetched {jobs.Sum(j => j.Counts.Fetched)}, unchanged {jobs.Sum(j => j.Counts.Unchanged)}, converted {jobs.Sum(j => j.Counts.Converted)}, failed {jobs.Sum(j => j.Counts.Failed)}");
        return r.Value.HasFailures ? 1 : 0;
    }

    /// <summary>
    /// <c>harvest-fetch PORT SOURCES RESOURCES PARALLEL [--conditional]</c>: the baseline, a plain HttpClient loop: each list, then
    /// each of its URLs, the body read to the end; with --conditional every request carries the validators a first pass got.
    /// </summary>
    public static int Fetch(string[] args)
    {
        var port = int.Parse(args[0], CultureInfo.InvariantCulture);
        var sources = int.Parse(args[1], CultureInfo.InvariantCulture);
        var resources = int.Parse(args[2], CultureInfo.InvariantCulture);
        var parallel = int.Parse(args[3], CultureInfo.InvariantCulture);
        var conditional = args.Contains("--conditional");
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        long bytes = 0, requests = 0, notModified = 0;

        async Task<string?> Get(string url, string etag)
        {
            using var req = new HttpRequestMessage(HttpMethod.Get, url);
            // The server's validators are fixed, so the first pass's values are known without keeping a table.
            if (conditional)
            {
                req.Headers.TryAddWithoutValidation("If-None-Match", etag);
                req.Headers.TryAddWithoutValidation("If-Modified-Since", ModifiedText);
            }
            using var resp = await client.SendAsync(req, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            Interlocked.Increment(ref requests);
            if (resp.StatusCode == HttpStatusCode.NotModified)
            {
                Interlocked.Increment(ref notModified);
                return null;
            }
            resp.EnsureSuccessStatusCode();
            var body = await resp.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            Interlocked.Add(ref bytes, body.Length);
            return url.EndsWith(".txt", StringComparison.Ordinal) ? Encoding.UTF8.GetString(body) : null;
        }

        var sw = Stopwatch.StartNew();
        Parallel.ForAsync(0, sources, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, ct) =>
        {
            var baseUrl = $"http://127.0.0.1:{port + i}";
            var listUrl = $"{baseUrl}/s/{i}/urls.txt";
            var list = await Get(listUrl, $"\"l{i}\"").ConfigureAwait(false);
            // A 304 for the list: the URLs are the server's fixed ones; each resource is still checked.
            var count = list is null ? resources : list.Split('\n').Count(l => l.StartsWith("http", StringComparison.Ordinal));
            for (var j = 0; j < count; j++) await Get($"{baseUrl}/s/{i}/r{j}.csv", $"\"r{i}-{j}\"").ConfigureAwait(false);
        }).GetAwaiter().GetResult();
        var s = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"baseline{(conditional ? " conditional" : "")}: {requests} requests ({notModified} not modified, {bytes / 1e6:F1} MB) in {s:F2} s, {requests / s:F0} requests/s");
        return 0;
    }
}
