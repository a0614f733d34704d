using System.IO.Compression;

namespace Musubi.Embedded;

/// <summary>
/// The one opener of the data files embedded into Musubi.Core (data/schemas, data/codes, data/registry; see the csproj):
/// schemas, code lists and registries are versioned data, built into the library so every face works from any folder.
/// </summary>
public static class EmbeddedData
{
    /// <summary>Opens an embedded file by its logical name ("codes/eras.json"); ".gz" files are decompressed.</summary>
    public static Stream Open(string name)
    {
        var asm = typeof(EmbeddedData).Assembly;
        var s = asm.GetManifestResourceStream(name) ?? throw new FileNotFoundException($"embedded resource {name} not found");
        return name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(s, CompressionMode.Decompress) : s;
    }

    /// <summary>The lines of an embedded text file (UTF-8).</summary>
    public static IEnumerable<string> Lines(string name)
    {
        using var reader = new StreamReader(Open(name));
        while (reader.ReadLine() is { } line) yield return line;
    }

    /// <summary>The logical names of the embedded files under a folder ("schemas/").</summary>
    public static IEnumerable<string> Names(string prefix) =>
        typeof(EmbeddedData).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);
}
