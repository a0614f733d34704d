namespace Musubi.Tests.Support;

/// <summary>A fact that needs the shared reference folder; skipped with a clear message when it is absent.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute()
    {
        if (SharedPaths.Root is null)
            Skip = "needs the shared reference folder (../shared next to the repository, or MUSUBI_SHARED); not found on this machine";
    }
}
