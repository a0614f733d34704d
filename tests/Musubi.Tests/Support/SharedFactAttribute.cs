namespace Musubi.Tests.Support;

/// <summary>A fact that needs ../shared (reference data that may not live in the project); skipped with a message when it is missing.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute()
    {
        if (SharedPaths.Root is null) Skip = "../shared (reference data next to the repository) is missing";
    }
}
