namespace Musubi.Tests.Support;

/// <summary>Finds ../shared (the team's read-only reference material and corpus) beside the repository.</summary>
public static class SharedPaths
{
    private static readonly Lazy<string?> RootPath = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Musubi.slnx"))) dir = dir.Parent;
        if (dir?.Parent is null) return null;
        var shared = Path.Combine(dir.Parent.FullName, "shared");
        return Directory.Exists(shared) ? shared : null;
    });

    /// <summary>The shared folder, or null when it is not beside the repository.</summary>
    public static string? Root => RootPath.Value;

    /// <summary>The corpus of real municipal files, or null.</summary>
    public static string? Corpus => Root is null ? null : Path.Combine(Root, "corpus");

    /// <summary>The repository root (folder holding Musubi.slnx).</summary>
    public static string Repo
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Musubi.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }
}
