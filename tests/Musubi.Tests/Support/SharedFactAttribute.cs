namespace Musubi.Tests.Support;

/// <summary>A fact that is skipped when the shared folder (../shared) does not exist.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute()
    {
        if (SharedPaths.Root is null) Skip = "../shared not found next to the repository; corpus tests skipped";
    }
}
