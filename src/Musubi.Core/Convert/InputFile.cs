using Musubi.Read;

namespace Musubi.Convert;

/// <summary>
/// The input as a file for the readers: a file input as it is; a stream copied to a temporary file under its own name
/// (workbooks need seeking, and the extension and name are evidence), deleted when the conversion ends. The copy stops
/// at the read limit, so an endless stream costs no more than the limit.
/// </summary>
internal sealed class InputFile : IDisposable
{
    private readonly string? _tempDir;

    private InputFile(string path, string detectionName, string? folder, string? tempDir)
    {
        Path = path;
        DetectionName = detectionName;
        Folder = folder;
        _tempDir = tempDir;
    }

    public string Path { get; }

    /// <summary>The name detection reads slugs and codes from.</summary>
    public string DetectionName { get; }

    /// <summary>The folder (or URL path segment) the file sits in, weaker evidence for detection.</summary>
    public string? Folder { get; }

    public static InputFile For(ConvertInput input, long maxBytes)
    {
        if (input.Path is { } path)
        {
            var full = System.IO.Path.GetFullPath(path);
            return new InputFile(path, path, System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(full)), null);
        }
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "musubi-input-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        var file = System.IO.Path.Combine(dir, SafeName(input.Name));
        try
        {
            using (var fs = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var buffer = new byte[1 << 16];
                long total = 0;
                int n;
                while ((n = input.Stream!.Read(buffer)) > 0)
                {
                    total += n;
                    if (total > maxBytes) throw new InputException(input.Name, $"is larger than the limit of {maxBytes:N0} bytes");
                    fs.Write(buffer, 0, n);
                }
            }
            return new InputFile(file, input.Name, UrlFolder(input.Hints.Url), dir);
        }
        catch
        {
            TryDeleteDirectory(dir);
            throw;
        }
    }

    /// <summary>The last folder of a URL's path: https://example.jp/opendata/aed/list.csv → "aed".</summary>
    private static string? UrlFolder(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 ? Uri.UnescapeDataString(segments[^2]) : null;
    }

    /// <summary>The name without folders or characters a file system refuses; the extension is kept.</summary>
    private static string SafeName(string name)
    {
        var file = System.IO.Path.GetFileName(name.Replace('\\', '/').Split('/').Last());
        var invalid = System.IO.Path.GetInvalidFileNameChars();
        var clean = new string([.. file.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c)]).Trim();
        if (clean.Length == 0 || clean is "." or "..") clean = "input";
        return clean.Length > 120 ? clean[..60] + clean[^60..] : clean;
    }

    public void Dispose()
    {
        if (_tempDir is not null) TryDeleteDirectory(_tempDir);
    }

    private static void TryDeleteDirectory(string dir)
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
