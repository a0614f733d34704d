namespace Musubi.Store;

/// <summary>
/// The folder of the embedded store. Every command that keeps state takes --data or MUSUBI_DATA so that
/// several installs and test runs never share state by accident.
/// </summary>
public static class DataDirectory
{
    public const string EnvironmentVariable = "MUSUBI_DATA";

    /// <summary>Resolves the data folder: the option, else MUSUBI_DATA, else the user's data folder (~/.local/share/musubi).</summary>
    public static string Resolve(string? option)
    {
        var dir = option;
        if (string.IsNullOrWhiteSpace(dir)) dir = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(dir))
        {
            var baseDir = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            if (string.IsNullOrWhiteSpace(baseDir))
                baseDir = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            dir = Path.Combine(baseDir, "musubi");
        }
        return Path.GetFullPath(dir);
    }
}
