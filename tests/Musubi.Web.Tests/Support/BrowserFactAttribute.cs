namespace Musubi.Web.Tests.Support;

/// <summary>A test that drives Debian's chromium; skipped with a message when it is not installed.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(Browser.ExecutablePath))
            Skip = $"needs Debian's chromium at {Browser.ExecutablePath} (apt-get install -y chromium); not found on this machine";
    }
}

/// <summary>The same, for a theory.</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (!File.Exists(Browser.ExecutablePath))
            Skip = $"needs Debian's chromium at {Browser.ExecutablePath} (apt-get install -y chromium); not found on this machine";
    }
}
