using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Musubi.Tests.Support;

/// <summary>
/// A small CKAN-compatible Action API on a <see cref="TestWebServer"/>, under a path prefix: <c>{prefix}api/3/action/…</c>
/// and <c>{prefix}api/action/…</c>, GET. Actions: <c>package_search</c> (q=*:*, fq with <c>+id:{"x" TO *]</c> and
/// <c>organization:NAME</c>, sort <c>id asc</c> / <c>name asc</c>, rows clamped to <see cref="MaxRows"/>, start),
/// <c>package_show</c> (id or name; 404 envelope when unknown), <c>package_list</c>. Envelope, help URL, error types and
/// status codes as in CKAN's contract. Datasets are package dicts (<see cref="JsonObject"/>: recorded real ones or
/// generated); <see cref="BeforeSearchPage"/> lets a test change the site between pages. Switches simulate CKAN-like sites
/// that ignore the id range, ignore <c>start</c>, have no package_search, or answer the wrong shape.
/// </summary>
public sealed partial class FakeCkanSite
{
    private readonly object _lock = new();
    private readonly List<JsonObject> _packages = [];
    private int _searchCalls;

    public FakeCkanSite(TestWebServer server, string prefix = "/ckan/")
    {
        Server = server;
        Prefix = prefix.EndsWith('/') ? prefix : prefix + "/";
        server.MapPrefix(Prefix + "api/", HandleAsync);
    }

    public TestWebServer Server { get; }

    public string Prefix { get; }

    /// <summary>The site's base URL (what an operator types): http://127.0.0.1:PORT/ckan/</summary>
    public Uri SiteUrl => Server.Url(Prefix);

    public int MaxRows { get; set; } = 1000;

    /// <summary>False: fq's id range is ignored (as by a CKAN-like site that ignores fq).</summary>
    public bool HonourIdRange { get; set; } = true;

    /// <summary>False: start is ignored (every page is the first page).</summary>
    public bool HonourStart { get; set; } = true;

    /// <summary>False: package_search answers 400 "Action name not known" (only package_list/package_show work).</summary>
    public bool PackageSearchEnabled { get; set; } = true;

    /// <summary>Called with the 1-based number of each package_search call that returns results, before it is answered.</summary>
    public Action<int, FakeCkanSite>? BeforeSearchPage { get; set; }

    /// <summary>
    /// Decides, from a package_search call's fq, whether that page fails: a status code to answer with (an error page, as
    /// a proxy in front of a failing CKAN gives), <see cref="EmptyPage"/> for a page with no results while the count says
    /// there are more, or null for the normal answer.
    /// </summary>
    public Func<string, int?>? PageFault { get; set; }

    /// <summary>A <see cref="PageFault"/> answer: results empty, count as usual.</summary>
    public const int EmptyPage = 0;

    /// <summary>package_search calls answered so far.</summary>
    public int SearchCalls => _searchCalls;

    public IReadOnlyList<string> Ids
    {
        get
        {
            lock (_lock) return [.. _packages.Select(p => (string)p["id"]!)];
        }
    }

    public void Add(JsonObject package)
    {
        lock (_lock) _packages.Add(package);
    }

    public bool Remove(string id)
    {
        lock (_lock) return _packages.RemoveAll(p => (string?)p["id"] == id) > 0;
    }

    /// <summary>Adds a package dict read from a recorded response (a package_show envelope, an array of one, or a bare dict).</summary>
    public JsonObject AddRecorded(string path)
    {
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        if (node is JsonArray arr) node = arr[0]!;
        if (node is JsonObject env && env["result"] is JsonObject result) node = result;
        var package = (JsonObject)node.DeepClone();
        Add(package);
        return package;
    }

    /// <summary>Adds <paramref name="count"/> generated datasets with ids from a fixed seed, each with one CSV resource on <paramref name="resourceBase"/>.</summary>
    public List<JsonObject> AddGenerated(int count, int seed = 1, Uri? resourceBase = null)
    {
        var rng = new Random(seed);
        var list = new List<JsonObject>();
        for (var i = 0; i < count; i++)
        {
            var id = NewId(rng);
            var p = Package(id, $"ds-{seed}-{i:D4}", $"テストデータ {seed}-{i}", resourceBase ?? Server.Url("/files/"));
            Add(p);
            list.Add(p);
        }
        return list;
    }

    /// <summary>A random version-4-like UUID from <paramref name="rng"/>.</summary>
    public static string NewId(Random rng)
    {
        var b = new byte[16];
        rng.NextBytes(b);
        return new Guid(b).ToString();
    }

    /// <summary>A package dict in the shape of CKAN 2.9+ (as in the recorded Tokyo responses).</summary>
    public static JsonObject Package(string id, string name, string title, Uri resourceBase, string? org = "t132292", string format = "CSV")
    {
        var created = "2024-04-01T00:00:00.000000";
        return new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["title"] = title,
            ["notes"] = $"{title}の説明",
            ["license_id"] = "CC-BY-4.0",
            ["license_title"] = "クリエイティブ・コモンズ 表示（CC BY）",
            ["license_url"] = "https://creativecommons.org/licenses/by/4.0/deed.ja",
            ["maintainer"] = "情報推進課",
            ["maintainer_email"] = "opendata@example.invalid",
            ["metadata_created"] = created,
            ["metadata_modified"] = created,
            ["private"] = false,
            ["state"] = "active",
            ["type"] = "dataset",
            ["url"] = null,
            ["num_resources"] = 1,
            ["num_tags"] = 1,
            ["organization"] = org is null ? null : new JsonObject { ["id"] = "org-" + org, ["name"] = org, ["title"] = "西東京市", ["type"] = "organization", ["is_organization"] = true, ["state"] = "active" },
            ["owner_org"] = org is null ? null : "org-" + org,
            ["extras"] = new JsonArray(new JsonObject { ["key"] = "更新頻度", ["value"] = "随時" }),
            ["groups"] = new JsonArray(new JsonObject { ["id"] = "g1", ["name"] = "c029", ["title"] = "行財政", ["display_name"] = "行財政" }),
            ["tags"] = new JsonArray(new JsonObject { ["id"] = "t1", ["name"] = "推奨データセット", ["display_name"] = "推奨データセット", ["state"] = "active" }),
            ["resources"] = new JsonArray(new JsonObject
            {
                ["id"] = id[..8] + "-res-0",
                ["package_id"] = id,
                ["name"] = title,
                ["format"] = format,
                ["url"] = new Uri(resourceBase, name + "." + format.ToLowerInvariant()).ToString(),
                ["mimetype"] = null,
                ["size"] = null,
                ["last_modified"] = created,
                ["created"] = created,
                ["position"] = 0,
                ["state"] = "active",
            }),
        };
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value!;
        var rest = path[(Prefix.Length + "api/".Length)..];
        string action;
        if (rest.StartsWith("3/action/", StringComparison.Ordinal)) action = rest["3/action/".Length..];
        else if (rest.StartsWith("action/", StringComparison.Ordinal)) action = rest["action/".Length..];
        else
        {
            await Json(ctx, 404, JsonValue.Create("Bad request - API version not known"));
            return;
        }
        var q = ctx.Request.Query;
        switch (action)
        {
            case "package_search" when PackageSearchEnabled:
                await SearchAsync(ctx, q);
                return;
            case "package_show":
                {
                    var id = q["id"].ToString();
                    if (id.Length == 0)
                    {
                        await Error(ctx, action, 409, new JsonObject { ["id"] = new JsonArray("Missing value"), ["__type"] = "Validation Error" });
                        return;
                    }
                    JsonObject? found;
                    lock (_lock) found = _packages.FirstOrDefault(p => (string?)p["id"] == id || (string?)p["name"] == id)?.DeepClone() as JsonObject;
                    if (found is null)
                    {
                        await Error(ctx, action, 404, new JsonObject { ["message"] = "Not found", ["__type"] = "Not Found Error" });
                        return;
                    }
                    await Ok(ctx, action, found);
                    return;
                }
            case "package_list":
                {
                    JsonArray names;
                    lock (_lock) names = new JsonArray([.. _packages.Select(p => (JsonNode?)JsonValue.Create((string)p["name"]!)).OrderBy(n => (string)n!, StringComparer.Ordinal)]);
                    await Ok(ctx, action, names);
                    return;
                }
            default:
                await Json(ctx, 400, JsonValue.Create($"Bad request - Action name not known: {action}"));
                return;
        }
    }

    private async Task SearchAsync(HttpContext ctx, IQueryCollection q)
    {
        var rows = int.TryParse(q["rows"], out var r) ? r : 10;
        var start = int.TryParse(q["start"], out var s) ? s : 0;
        if (rows < 0 || start < 0)
        {
            await Error(ctx, "package_search", 409, new JsonObject { ["rows"] = new JsonArray("Must be a natural number"), ["__type"] = "Validation Error" });
            return;
        }
        rows = Math.Min(rows, MaxRows);
        if (!HonourStart) start = 0;
        var sort = q["sort"].ToString();
        var fq = q["fq"].ToString();

        var n = Interlocked.Increment(ref _searchCalls);
        if (rows > 0) BeforeSearchPage?.Invoke(n, this);
        var fault = rows > 0 ? PageFault?.Invoke(fq) : null;
        if (fault is > 0)
        {
            ctx.Response.StatusCode = fault.Value;
            ctx.Response.ContentType = "text/html";
            await ctx.Response.WriteAsync("<html><body>upstream error</body></html>");
            return;
        }

        List<JsonObject> matching;
        lock (_lock)
        {
            IEnumerable<JsonObject> all = _packages;
            var range = IdRange().Match(fq);
            if (range.Success && HonourIdRange)
            {
                var after = range.Groups[1].Value;
                var inclusive = range.Value.Contains("id:[", StringComparison.Ordinal);
                all = all.Where(p => string.CompareOrdinal((string)p["id"]!, after) is var c && (inclusive ? c >= 0 : c > 0));
            }
            var org = OrgFilter().Match(fq);
            if (org.Success) all = all.Where(p => (string?)p["organization"]?["name"] == org.Groups[1].Value);
            all = sort switch
            {
                "id asc" => all.OrderBy(p => (string)p["id"]!, StringComparer.Ordinal),
                "name asc" => all.OrderBy(p => (string)p["name"]!, StringComparer.Ordinal),
                // CKAN's default "score desc, metadata_modified desc": for q=*:* the newest first.
                _ => all.OrderByDescending(p => (string?)p["metadata_modified"], StringComparer.Ordinal),
            };
            matching = [.. all.Select(p => (JsonObject)p.DeepClone())];
        }
        var page = fault == EmptyPage ? new JsonArray() : new JsonArray([.. matching.Skip(start).Take(rows)]);
        await Ok(ctx, "package_search", new JsonObject
        {
            ["count"] = matching.Count,
            ["facets"] = new JsonObject(),
            ["results"] = page,
            ["sort"] = sort.Length > 0 ? sort : "score desc, metadata_modified desc",
            ["search_facets"] = new JsonObject(),
        });
    }

    private Task Ok(HttpContext ctx, string action, JsonNode result) => Json(ctx, 200, new JsonObject
    {
        ["help"] = Server.Url($"{Prefix}api/3/action/help_show?name={action}").ToString(),
        ["success"] = true,
        ["result"] = result,
    });

    private Task Error(HttpContext ctx, string action, int status, JsonObject error) => Json(ctx, status, new JsonObject
    {
        ["help"] = Server.Url($"{Prefix}api/3/action/help_show?name={action}").ToString(),
        ["success"] = false,
        ["error"] = error,
    });

    private static async Task Json(HttpContext ctx, int status, JsonNode? body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json;charset=utf-8";
        await ctx.Response.WriteAsync(body?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null", ctx.RequestAborted);
    }

    [GeneratedRegex(@"\+?id:[\{\[]""((?:[^""\\]|\\.)*)""\s+TO\s+\*\]")]
    private static partial Regex IdRange();

    [GeneratedRegex(@"organization:([A-Za-z0-9_\-]+)")]
    private static partial Regex OrgFilter();
}
