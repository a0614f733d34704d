namespace Musubi.Web.Tests.Support;

/// <summary>The read-only reference folder (MUSUBI_SHARED, else ../shared beside the repository), and the repository.</summary>
public static class Shared
{
    public static string Repo { get; } = FindRepo();

    public static string? Root
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("MUSUBI_SHARED");
            var dir = env is { Length: > 0 } ? env : Path.Combine(Path.GetDirectoryName(Repo)!, "shared");
            return Directory.Exists(dir) ? dir : null;
        }
    }

    public static string? Hub(params string[] parts) => Root is { } r ? Path.Combine([r, "reference", "hub", .. parts]) : null;

    private static string FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Musubi.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root (Musubi.slnx) not found");
    }
}

/// <summary>A test that needs ../shared; skipped with a message when it is missing.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute()
    {
        if (Shared.Root is null) Skip = "needs ../shared (or MUSUBI_SHARED): the recorded CKAN responses are not here";
    }
}

/// <summary>
/// A test of API tokens and administrators: needs the store's access tables (migration 0003, which follows the
/// catalogue's 0002); skipped while this build has no such migration.
/// </summary>
public sealed class AccessFactAttribute : FactAttribute
{
    public AccessFactAttribute()
    {
        if (!Musubi.Storage.Migrator.For(Musubi.Storage.Dialect.Sqlite).Any(m => m.Name == "access"))
            Skip = "the access tables (migration 0003_access) are not in this build yet";
    }
}
