using System.Text.Json;
using Musubi.Harvest.Gather;

namespace Musubi.Harvest;

/// <summary>
/// A CKAN catalogue read from a manifest file on disk instead of a live site (the bundled demo's
/// <c>samples/demo/ckan-*/catalog.json</c>: a <c>package_search</c> result without paging, resource URLs relative to the
/// manifest's folder). Packages are mapped exactly as the live CKAN gatherer maps them; each relative resource URL becomes
/// a local file beside the manifest (never outside its folder).
/// </summary>
public static class CkanManifestGatherer
{
    private static readonly Uri Base = new("http://manifest.invalid/");

    /// <summary>True when a ckan source's location is a local manifest file rather than a site URL.</summary>
    public static bool IsManifest(SourceDefinition source) =>
        source.Kind == SourceKind.Ckan && !source.Location.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        && !source.Location.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && File.Exists(source.Location);

    public static GatherResult Gather(SourceDefinition source, GatherLimits limits)
    {
        var path = Path.GetFullPath(source.Location);
        var root = Path.GetDirectoryName(path)! + Path.DirectorySeparatorChar;
        var warnings = new List<string>();
        JsonDocument doc;
        try
        {
            using var stream = File.OpenRead(path);
            doc = JsonDocument.Parse(stream);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return GatherResult.Failed(source, new GatherFailure(GatherFailureReason.ParseError, $"source {source.Id}: {path}: {e.Message.ReplaceLineEndings(" ")}"));
        }
        using (doc)
        {
            var results = doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("result", out var env) ? env : doc.RootElement;
            if (!results.TryGetProperty("results", out var packages) || packages.ValueKind != JsonValueKind.Array)
                return GatherResult.Failed(source, new GatherFailure(GatherFailureReason.ParseError, $"source {source.Id}: {path} has no \"results\" array"));
            var datasets = new List<GatheredDataset>();
            foreach (var p in packages.EnumerateArray())
            {
                var id = CkanPackage.Str(p, "id") ?? CkanPackage.Str(p, "name");
                if (id is null) continue;
                var d = CkanPackage.ToDataset(p, id, Base, limits, warnings);
                var resources = new List<GatheredResource>();
                foreach (var r in d.Resources)
                {
                    if (r.Url is { } u && u.Host == Base.Host)
                    {
                        var local = Path.GetFullPath(Path.Combine(root, Uri.UnescapeDataString(u.AbsolutePath.TrimStart('/'))));
                        if (!local.StartsWith(root, StringComparison.Ordinal))
                        {
                            warnings.Add($"dataset {id}: resource {r.Key} points outside the manifest's folder; skipped");
                            continue;
                        }
                        resources.Add(r with { Url = null, LocalPath = local });
                    }
                    else
                    {
                        resources.Add(r);
                    }
                }
                datasets.Add(d with { Resources = resources, LandingPage = d.LandingPage?.Host == Base.Host ? null : d.LandingPage });
            }
            return new GatherResult { Source = source, Datasets = datasets, Warnings = warnings, IsComplete = true };
        }
    }
}
