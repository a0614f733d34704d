using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Musubi.Harvest;
using Musubi.Harvest.Gather;
using Musubi.Hosting;
using Musubi.Operations;
using Musubi.Web.Demo;
using Musubi.Web.Portal;

namespace Musubi.Web.Tests.Support;

/// <summary>
/// The portal as `musubi demo` runs it: a fresh embedded store, the bundled demo sources served by the same server
/// under /demo-sources/ and harvested through the real harvester, plus one hostile source (a folder whose table holds
/// &lt;script&gt;, javascript: and =HYPERLINK cells); and a headless chromium when it is installed. Shared by a test class.
/// </summary>
public sealed class PortalSite : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "musubi-portal-" + Guid.NewGuid().ToString("N"));

    public TestServer Server { get; private set; } = null!;

    public IBrowser? Chromium { get; private set; }

    public IReadOnlyList<Musubi.Catalog.HarvestJob> Jobs { get; private set; } = [];

    public const string EvilName = "<script>alert('evil')</script>";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        var evil = Path.Combine(_dir, "evil-source");
        Directory.CreateDirectory(evil);
        await File.WriteAllTextAsync(Path.Combine(evil, "131016_aed.csv"),
            "全国地方公共団体コード,ID,名称,所在地_連結表記,緯度,経度,設置位置,電話番号,URL\n" +
            $"131016,1,\"{EvilName.Replace("\"", "\"\"")}\",東京都千代田区丸の内1丁目,35.6812,139.7671,<img src=x onerror=alert(1)>,03-1111-2222,javascript:alert(1)\n" +
            "131016,2,\"=HYPERLINK(\"\"http://evil.example/\"\",\"\"click\"\")\",東京都千代田区丸の内2丁目,35.6800,139.7650,\"<b>bold</b>\",03-1111-3333,https://example.org/\n");

        var store = new MusubiOptions { DataDirectory = Path.Combine(_dir, "data"), AllowPrivateAddresses = true };
        var samples = DemoSamples.Load(Path.Combine(Shared.Repo, "samples", "demo"));
        Server = await TestServer.StartAsync(store: store, endpoints: app => samples.Map(app));

        var definitions = DemoSources.Load(Path.Combine(samples.Root, "sources.json"), new Uri(Server.BaseAddress, "demo-sources/"))
            .Append(new SourceDefinition("evil", SourceKind.Folder, evil) { Name = "<i>hostile</i> source", PublisherCode = "131016" }).ToList();
        var harvest = Server.App.Services.GetRequiredService<HarvestOperation>();
        var result = await harvest.RunAsync(new HarvestRequest { Definitions = definitions }, Caller.Operator);
        Jobs = result.Value.Jobs;
        Server.App.Services.GetRequiredService<PortalIndex>().Refresh(force: true, wait: true);

        if (!File.Exists(Browser.ExecutablePath)) return;
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Browser.ExecutablePath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            Timeout = 60_000,
        });
    }

    public Task<IBrowserContext> NewContextAsync(bool javaScript = true) =>
        Chromium!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "ja-JP",
            AcceptDownloads = true,
        });

    public async Task DisposeAsync()
    {
        if (Chromium is not null) await Chromium.DisposeAsync();
        _playwright?.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_dir, true);
        }
        catch (IOException)
        {
        }
    }
}
