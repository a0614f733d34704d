namespace Musubi.Tests.Support;

/// <summary>Locates the shared folder (sibling of the folder holding Musubi.slnx); null when it is missing.</summary>
public static class SharedPaths
{
    public static string? Root { get; } = FindRoot();

    public static string? Corpus => Root is null ? null : Path.Combine(Root, "corpus", "raw");

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Musubi.slnx"))) continue;
            var shared = dir.Parent is null ? null : Path.Combine(dir.Parent.FullName, "shared");
            return shared is not null && Directory.Exists(shared) ? shared : null;
        }
        return null;
    }
}
