using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace Musubi.Web.Tests.Support;

/// <summary>
/// One headless chromium (Debian's, by executable path — never a browser Playwright downloads) and one web server for
/// a test class. Playwright's non-persistent launch gives the browser a fresh temporary profile (user-data dir) each time.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("MUSUBI_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = null!;

    public TestServer Server { get; private set; } = null!;

    public bool Available => File.Exists(ExecutablePath);

    public async Task InitializeAsync()
    {
        Server = await TestServer.StartAsync(endpoints: app =>
            app.MapGet("/test/boom", (Func<string>)(() => throw new InvalidOperationException("a test failure with a <b>secret</b>"))));
        if (!Available) return;
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
            Timeout = 60_000,
        });
    }

    /// <summary>A fresh context (no cookies) with the site as base URL; JavaScript on or off.</summary>
    public Task<IBrowserContext> NewContextAsync(bool javaScript = true, int width = 1280, int height = 900) =>
        Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "ja-JP",
        });

    public async Task DisposeAsync()
    {
        if (Chromium is not null) await Chromium.DisposeAsync();
        _playwright?.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>Screenshots go to tests/Musubi.Web.Tests/TestResults/screenshots (or MUSUBI_SCREENSHOTS).</summary>
    public static string ScreenshotDirectory
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("MUSUBI_SCREENSHOTS");
            var dir = env is { Length: > 0 } ? env : Path.Combine(ProjectDirectory(), "TestResults", "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    private static string ProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Musubi.Web.Tests.csproj"))) return dir.FullName;
        return AppContext.BaseDirectory;
    }
}
