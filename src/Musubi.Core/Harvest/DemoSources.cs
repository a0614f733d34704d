using System.Text.Json;
using Musubi.Harvest.Gather;

namespace Musubi.Harvest;

/// <summary>
/// The bundled demo's sources (<c>samples/demo/sources.json</c>) as harvest definitions: the ckan source reads its
/// manifest file directly (<see cref="CkanManifestGatherer"/>), the folder source its folder, and the page sources are
/// fetched from <c>pagesBaseUrl</c>, a loopback server the demo runs over <c>samples/demo/</c> (skipped when null).
/// </summary>
public static class DemoSources
{
    public static IReadOnlyList<SourceDefinition> Load(string sourcesJsonPath, Uri? pagesBaseUrl)
    {
        var root = Path.GetDirectoryName(Path.GetFullPath(sourcesJsonPath))!;
        using var doc = JsonDocument.Parse(File.ReadAllText(sourcesJsonPath));
        var list = new List<SourceDefinition>();
        foreach (var s in doc.RootElement.GetProperty("sources").EnumerateArray())
        {
            var id = s.GetProperty("id").GetString()!;
            var kindName = s.GetProperty("kind").GetString()!;
            if (!SourceDefinition.TryParseKind(kindName, out var kind)) throw new InvalidDataException($"{sourcesJsonPath}: source {id} has an unknown kind '{kindName}'");
            var path = s.GetProperty("path").GetString()!;
            string location;
            if (kind == SourceKind.Ckan && s.TryGetProperty("manifest", out var m) && m.GetString() is { } manifest) location = Path.Combine(root, manifest);
            else if (kind == SourceKind.Page)
            {
                if (pagesBaseUrl is null) continue;
                location = new Uri(pagesBaseUrl, string.Join('/', path.Split('/').Select(Uri.EscapeDataString))).ToString();
            }
            else location = Path.Combine(root, path);
            list.Add(new SourceDefinition(id, kind, location)
            {
                Name = s.TryGetProperty("name", out var n) ? n.GetString() : null,
                PublisherCode = s.TryGetProperty("publisher", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null,
            });
        }
        return list;
    }
}
