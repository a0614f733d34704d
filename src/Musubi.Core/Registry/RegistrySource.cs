using System.Text.Json;
using Musubi.Embedded;

namespace Musubi.Registry;

/// <summary>Where a registry's data comes from: shown by `musubi registry info`.</summary>
public sealed record RegistrySource(string Name, bool Loaded, int Count, string Source, string Licence, string Date)
{
    /// <summary>Source, licence and date of an embedded registry file, from registry/registry.meta.json.</summary>
    internal static RegistrySource FromMeta(string file, int count)
    {
        using var doc = JsonDocument.Parse(EmbeddedData.Open("registry/registry.meta.json"));
        var m = doc.RootElement.GetProperty(file);
        string Get(string p) => m.TryGetProperty(p, out var v) ? v.GetString() ?? "" : "";
        return new RegistrySource(Get("name"), true, count, Get("source"), Get("licence"), Get("date"));
    }
}
