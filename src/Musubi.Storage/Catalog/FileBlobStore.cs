using Musubi.Catalog;

namespace Musubi.Storage.Catalog;

/// <summary>
/// Fetched bytes under &lt;data&gt;/blobs/ab/abcdef…, named by their SHA-256, in both modes (in PostgreSQL mode the data folder
/// must be shared by the workers, or each keeps its own copies: a blob is only read by the process that converts it).
/// Written to a temporary name and moved into place, so a crash never leaves a half blob under a real name.
/// </summary>
public sealed class FileBlobStore(string root) : IBlobStore
{
    public string Root { get; } = root;

    public string Put(string filePath, string sha256)
    {
        var hex = sha256.ToLowerInvariant();
        var key = "sha256:" + hex;
        var target = PathFor(hex);
        if (File.Exists(target)) return key;
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        File.Copy(filePath, temp);
        try
        {
            File.Move(temp, target, overwrite: true);
        }
        catch (IOException) when (File.Exists(target))
        {
            File.Delete(temp);
        }
        return key;
    }

    public bool Exists(string key) => PathOf(key) is not null;

    public string? PathOf(string key)
    {
        if (!key.StartsWith("sha256:", StringComparison.Ordinal)) return null;
        var hex = key["sha256:".Length..];
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigitLower)) return null;
        var path = PathFor(hex);
        return File.Exists(path) ? path : null;
    }

    private string PathFor(string hex) => Path.Combine(Root, hex[..2], hex);
}
