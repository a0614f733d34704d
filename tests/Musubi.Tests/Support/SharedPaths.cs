namespace Musubi.Tests.Support;

/// <summary>The steering repo's shared folder (sibling of the folder holding Musubi.slnx), or null when missing.</summary>
public static class SharedPaths
{
    public static string? Root { get; } = Find();

    private static string? Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Musubi.slnx"))) dir = dir.Parent;
        if (dir?.Parent is null) return null;
        var shared = Path.Combine(dir.Parent.FullName, "shared");
        return Directory.Exists(shared) ? shared : null;
    }
}
