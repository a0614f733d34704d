using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Musubi.Web.Ckan;

namespace Musubi.Web.Demo;

/// <summary>One demo source of samples/demo/sources.json.</summary>
public sealed record DemoSource(string Id, string Kind, string Path, string Name, string? Publisher, IReadOnlyList<string> Publishers);

/// <summary>
/// The bundled demo sources (samples/demo, see its README) served on the portal's own loopback server under
/// <c>/demo-sources/</c>: the files as they are, and CKAN's Action API for each <c>ckan</c> source from its manifest
/// (package_search sorted by id with rows/start, package_show, package_list, resource_show, organization_list/show,
/// group_list, status_show), so that <c>musubi demo</c> harvests them through the real gatherers.
/// </summary>
public sealed class DemoSamples
{
    public const string Prefix = "/demo-sources";

    private readonly Dictionary<string, JsonObject> _manifests = new(StringComparer.Ordinal);

    private DemoSamples(string root, IReadOnlyList<DemoSource> sources)
    {
        Root = root;
        Sources = sources;
    }

    public string Root { get; }

    public IReadOnlyList<DemoSource> Sources { get; }

    /// <summary>samples/demo beside the current folder or above the program (a checkout); null when not found.</summary>
    public static string? Find(params string[] starts)
    {
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "samples", "demo");
                if (File.Exists(System.IO.Path.Combine(candidate, "sources.json"))) return candidate;
            }
        }
        return null;
    }

    public static DemoSamples Load(string root)
    {
        root = System.IO.Path.GetFullPath(root);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(System.IO.Path.Combine(root, "sources.json")));
        var sources = new List<DemoSource>();
        foreach (var s in doc.RootElement.GetProperty("sources").EnumerateArray())
        {
            var publishers = s.TryGetProperty("publishers", out var ps) ? ps.EnumerateArray().Select(p => p.GetProperty("code").GetString()!).ToList() : [];
            sources.Add(new DemoSource(s.GetProperty("id").GetString()!, s.GetProperty("kind").GetString()!, s.GetProperty("path").GetString()!,
                s.GetProperty("name").GetString()!, s.TryGetProperty("publisher", out var pub) && pub.ValueKind == JsonValueKind.String ? pub.GetString() : null, publishers));
        }
        var samples = new DemoSamples(root, sources);
        foreach (var source in sources.Where(s => s.Kind == "ckan"))
        {
            var manifest = System.IO.Path.Combine(root, source.Path, "catalog.json");
            samples._manifests[source.Path.Trim('/')] = JsonNode.Parse(File.ReadAllBytes(manifest))!.AsObject();
        }
        return samples;
    }

    /// <summary>Where a harvester finds the source: a URL on this server, or the folder itself for <c>folder</c> sources.</summary>
    public string LocationOf(DemoSource source, string baseUrl) => source.Kind switch
    {
        "folder" => System.IO.Path.Combine(Root, source.Path),
        "ckan" => $"{baseUrl}{Prefix}/{source.Path.Trim('/')}/",
        _ => $"{baseUrl}{Prefix}/{source.Path}",
    };

    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).ExcludeFromDescription().DisableAntiforgery();
        string[] methods = [HttpMethods.Get, HttpMethods.Post];
        group.MapMethods("/{site}/api/3/action/{name}", methods, Ckan);
        group.MapMethods("/{site}/api/action/{name}", methods, Ckan);
        group.MapGet("/{**path}", ServeFile);
    }

    private static readonly FileExtensionContentTypeProvider Types = new();

    private IResult ServeFile(string? path)
    {
        if (string.IsNullOrEmpty(path)) return Results.NotFound();
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, path));
        if (!full.StartsWith(Root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal) || !System.IO.File.Exists(full)) return Results.NotFound();
        // Pages declare their own charset (one is Shift_JIS): the type goes out without one, as a plain web server sends it.
        var type = Types.TryGetContentType(full, out var t) ? t : "application/octet-stream";
        return Results.File(full, type, enableRangeProcessing: true);
    }

    private async Task Ckan(HttpContext context, string site, string name)
    {
        if (!_manifests.TryGetValue(site, out var manifest))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var (p, problem) = await CkanProtocol.ReadParameters(context.Request, 1 << 20);
        if (p is null)
        {
            await CkanProtocol.WriteBadRequest(context, problem!);
            return;
        }
        var root = $"{context.Request.Scheme}://{context.Request.Host.Value}{context.Request.PathBase.Value}{Prefix}/{site}/";
        try
        {
            JsonNode? result = name switch
            {
                "status_show" => Site(manifest, root),
                "package_list" => new JsonArray([.. Packages(manifest).Select(x => (JsonNode)x["name"]!.GetValue<string>()).Order()]),
                "package_search" => Search(manifest, p, root),
                "package_show" => Absolute(Find(manifest, p.Required("id")) ?? throw new CkanException(CkanError.NotFound()), root),
                "resource_show" => ResourceShow(manifest, p.Required("id"), root),
                "organization_list" => OrganizationList(manifest, p),
                "organization_show" => manifest["organizations"]!.AsArray().FirstOrDefault(o => o!["id"]!.GetValue<string>() == p.Required("id") || o["name"]!.GetValue<string>() == p.Required("id"))?.DeepClone()
                    ?? throw new CkanException(CkanError.NotFound()),
                "group_list" => p.Bool("all_fields", false) ? manifest["groups"]!.DeepClone() : new JsonArray([.. manifest["groups"]!.AsArray().Select(g => (JsonNode)g!["name"]!.GetValue<string>())]),
                _ => null,
            };
            if (result is null && name is not ("status_show" or "package_list" or "package_search" or "package_show" or "resource_show" or "organization_list" or "organization_show" or "group_list"))
            {
                await CkanProtocol.WriteBadRequest(context, "Action name not known: " + name);
                return;
            }
            await CkanProtocol.WriteResult(context, name, result);
        }
        catch (CkanException e)
        {
            await CkanProtocol.WriteError(context, name, e.Error);
        }
    }

    private static IEnumerable<JsonObject> Packages(JsonObject manifest) => manifest["results"]!.AsArray().Select(x => x!.AsObject());

    private static JsonObject? Find(JsonObject manifest, string id) =>
        Packages(manifest).FirstOrDefault(x => x["id"]!.GetValue<string>() == id || x["name"]!.GetValue<string>() == id);

    private static JsonObject Site(JsonObject manifest, string root)
    {
        var site = manifest["site"]!.DeepClone().AsObject();
        site["site_url"] = root.TrimEnd('/');
        return site;
    }

    /// <summary>The package with its resources' relative URLs made absolute, as a real CKAN answers.</summary>
    private static JsonObject Absolute(JsonObject package, string root)
    {
        var copy = package.DeepClone().AsObject();
        foreach (var r in copy["resources"]?.AsArray() ?? [])
        {
            if (r?["url"]?.GetValue<string>() is { } url && !url.Contains("://", StringComparison.Ordinal)) r["url"] = root + url;
        }
        return copy;
    }

    private static JsonObject Search(JsonObject manifest, JsonObject p, string root)
    {
        var rows = Math.Min(p.Natural("rows", 10), 1000);
        var start = p.Natural("start", 0);
        var q = p.String("q") ?? "";
        IEnumerable<JsonObject> hits = Packages(manifest);
        if (q.Length > 0 && q != "*:*") hits = hits.Where(x => x.ToJsonString(CkanProtocol.Json).Contains(q, StringComparison.OrdinalIgnoreCase));
        var fq = p.String("fq") ?? "";
        foreach (var term in fq.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (term.StartsWith("organization:", StringComparison.Ordinal))
            {
                var org = term["organization:".Length..];
                hits = hits.Where(x => x["organization"]?["name"]?.GetValue<string>() == org);
            }
        }
        var sort = p.String("sort") ?? "id asc";
        var list = (sort.StartsWith("name", StringComparison.Ordinal)
            ? hits.OrderBy(x => x["name"]!.GetValue<string>(), StringComparer.Ordinal)
            : hits.OrderBy(x => x["id"]!.GetValue<string>(), StringComparer.Ordinal)).ToList();
        return new JsonObject
        {
            ["count"] = list.Count,
            ["results"] = new JsonArray([.. list.Skip(start).Take(rows).Select(x => (JsonNode)Absolute(x, root))]),
            ["facets"] = new JsonObject(),
            ["search_facets"] = new JsonObject(),
            ["sort"] = sort,
        };
    }

    private static JsonNode ResourceShow(JsonObject manifest, string id, string root)
    {
        foreach (var package in Packages(manifest))
        {
            var absolute = Absolute(package, root);
            foreach (var r in absolute["resources"]?.AsArray() ?? [])
                if (r?["id"]?.GetValue<string>() == id) return r.DeepClone();
        }
        throw new CkanException(CkanError.NotFound());
    }

    private static JsonNode OrganizationList(JsonObject manifest, JsonObject p)
    {
        var all = p.Bool("all_fields", false);
        var offset = p.Natural("offset", 0);
        var limit = Math.Min(p.Natural("limit", all ? 25 : 1000), all ? 25 : 1000);
        var orgs = manifest["organizations"]!.AsArray().Select(o => o!.AsObject()).OrderBy(o => o["name"]!.GetValue<string>(), StringComparer.Ordinal).Skip(offset).Take(limit);
        return all ? new JsonArray([.. orgs.Select(o => o.DeepClone())]) : new JsonArray([.. orgs.Select(o => (JsonNode)o["name"]!.GetValue<string>())]);
    }
}
