namespace Musubi.Tests.Support;

/// <summary>A fact that needs ../shared; skipped with a message when it is not there.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute()
    {
        if (SharedPaths.Root is null) Skip = "../shared is not beside the repository: corpus and reference tests are skipped";
    }
}
