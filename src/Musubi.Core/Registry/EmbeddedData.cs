using System.IO.Compression;
using System.Text.Json;

namespace Musubi.Registry;

internal static class EmbeddedData
{
    public static Stream Open(string name)
    {
        var asm = typeof(EmbeddedData).Assembly;
        var s = asm.GetManifestResourceStream(name) ?? throw new FileNotFoundException($"embedded resource {name} not found");
        return name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(s, CompressionMode.Decompress) : s;
    }

    public static IEnumerable<string> Lines(string name)
    {
        using var reader = new StreamReader(Open(name));
        while (reader.ReadLine() is { } line) yield return line;
    }

    /// <summary>Source, licence and date of an embedded registry file, from registry/registry.meta.json.</summary>
    public static RegistrySource Meta(string file, int count)
    {
        using var doc = JsonDocument.Parse(Open("registry/registry.meta.json"));
        var m = doc.RootElement.GetProperty(file);
        string Get(string p) => m.TryGetProperty(p, out var v) ? v.GetString() ?? "" : "";
        return new RegistrySource(Get("name"), true, count, Get("source"), Get("licence"), Get("date"));
    }
}
