namespace Musubi.Web.Tests.Support;

/// <summary>
/// A test driven by the npm packages of tests/Musubi.Web.Tests/js (CKAN clients, SHACL validator); skipped with a
/// message when `npm ci` has not run there (.ci/run runs it). With <see cref="NeedsShared"/> it also needs ../shared.
/// </summary>
public sealed class NpmFactAttribute : FactAttribute
{
    public static string Directory { get; } = Path.Combine(Shared.Repo, "tests", "Musubi.Web.Tests", "js");

    public static bool Installed => System.IO.Directory.Exists(Path.Combine(Directory, "node_modules"));

    public NpmFactAttribute()
    {
        if (!Installed) Skip = $"needs the npm packages in {Directory} (cd there and run npm ci); node_modules not found";
    }

    /// <summary>Also needs the read-only reference folder.</summary>
    public bool NeedsShared
    {
        get => false;
        set
        {
            if (value && Skip is null && Shared.Root is null) Skip = "needs ../shared (or MUSUBI_SHARED): the SHACL shapes are not here";
        }
    }
}
