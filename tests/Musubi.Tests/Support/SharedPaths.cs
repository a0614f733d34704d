namespace Musubi.Tests.Support;

/// <summary>
/// Locates the read-only shared reference folder (<c>../shared</c> next to the repository checkout, holding
/// <c>reference/</c> and <c>corpus/</c>). Tests that read it use <see cref="SharedFactAttribute"/> so they are
/// skipped, not failed, on machines without it.
/// </summary>
public static class SharedPaths
{
    private static readonly Lazy<string?> RepoRootLazy = new(FindRepoRoot);

    /// <summary>The folder containing Musubi.slnx, found by walking up from the test binaries; null if not found.</summary>
    public static string? RepoRoot => RepoRootLazy.Value;

    /// <summary>The repository root; throws when it cannot be found.</summary>
    public static string Repo => RepoRoot ?? throw new InvalidOperationException("repository root (Musubi.slnx) not found");

    /// <summary>The shared folder: MUSUBI_SHARED if set, else the sibling <c>shared</c> of the repository root. Null when neither exists.</summary>
    public static string? Root
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("MUSUBI_SHARED");
            if (!string.IsNullOrEmpty(env)) return Directory.Exists(env) ? env : null;
            var parent = RepoRoot is null ? null : Path.GetDirectoryName(RepoRoot);
            if (parent is null) return null;
            var shared = Path.Combine(parent, "shared");
            return Directory.Exists(shared) ? shared : null;
        }
    }

    /// <summary>The corpus of real municipal files, or null.</summary>
    public static string? Corpus => Root is null ? null : Path.Combine(Root, "corpus");

    /// <summary>A path inside the shared folder; throws when it is missing (use inside a <see cref="SharedFactAttribute"/> test).</summary>
    public static string Get(params string[] parts) =>
        Path.Combine([Root ?? throw new DirectoryNotFoundException("shared folder not found"), .. parts]);

    private static string? FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Musubi.slnx"))) return dir.FullName;
        return null;
    }
}
