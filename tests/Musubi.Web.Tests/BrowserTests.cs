using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Musubi.Web.Tests.Support;

namespace Musubi.Web.Tests;

/// <summary>
/// The pages in headless chromium, as a person would use them: in Japanese and English, with and without
/// JavaScript, by keyboard, checked by axe-core for WCAG 2.1 A/AA, and photographed (TestResults/screenshots).
/// </summary>
public sealed class BrowserTests(Browser browser) : IClassFixture<Browser>
{
    /// <summary>name for the screenshot, path, expected status, a text the page's &lt;title&gt; holds in ja and in en.</summary>
    public static TheoryData<string, string, int, string, string> Pages => new()
    {
        { "home", "/", 200, "結び Musubi", "Musubi" },
        { "about", "/about", 200, "このサイトについて", "About Musubi" },
        { "search", "/search?q=%E5%85%AC%E5%9C%92", 200, "「公園」の検索", "Search for “公園”" },
        { "not-found", "/no-such-page", 404, "ページが見つかりません", "Page not found" },
        { "server-error", "/test/boom", 500, "エラーが発生しました", "Something went wrong" },
    };

    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    [BrowserTheory]
    [MemberData(nameof(Pages))]
    public async Task Each_page_in_japanese_and_english_loads_passes_axe_and_is_photographed(string name, string path, int status, string jaTitle, string enTitle)
    {
        await using var context = await browser.NewContextAsync();
        foreach (var (lang, prefix, title) in new[] { ("ja", "", jaTitle), ("en", "/en", enTitle) })
        {
            var page = await context.NewPageAsync();
            var problems = WatchForProblems(page);
            var response = await page.GotoAsync(prefix + path);
            Assert.NotNull(response);
            Assert.Equal(status, response!.Status);
            Assert.Equal(lang, await page.GetAttributeAsync("html", "lang"));
            Assert.Contains(title, await page.TitleAsync());
            Assert.Equal(1, await page.Locator("main#main").CountAsync());
            Assert.Equal(1, await page.Locator("h1").CountAsync());

            var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
            Assert.True(axe.Violations.Length == 0, $"{lang}{path}: axe found\n{Describe(axe.Violations)}");

            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot($"{name}-{lang}"), FullPage = true });
            await page.CloseAsync();
            Assert.True(problems.Count == 0, $"{lang}{path}: {string.Join("\n", problems)}");
        }
    }

    [BrowserFact]
    public async Task Home_fits_a_phone_screen()
    {
        await using var context = await browser.NewContextAsync(width: 390, height: 844);
        foreach (var (lang, prefix) in new[] { ("ja", ""), ("en", "/en") })
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(prefix + "/");
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
            Assert.False(overflow, $"{lang}: the page is wider than the phone screen");
            var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
            Assert.True(axe.Violations.Length == 0, Describe(axe.Violations));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot($"home-phone-{lang}"), FullPage = true });
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task The_language_switch_keeps_the_page_and_its_query()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/search?q=%E9%81%BF%E9%9B%A3");
        Assert.Equal("ja", await page.GetAttributeAsync("html", "lang"));

        await page.GetByRole(AriaRole.Link, new() { Name = "English", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/en/search?q=*");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.EndsWith("/en/search?q=%E9%81%BF%E9%9B%A3", page.Url);
        Assert.Equal("避難", await page.InputValueAsync("#search-q"));
        Assert.Equal("true", await page.GetAttributeAsync(".lang-switch a[lang=en]", "aria-current"));

        await page.GetByRole(AriaRole.Link, new() { Name = "日本語", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/en/", StringComparison.Ordinal));
        Assert.Equal("ja", await page.GetAttributeAsync("html", "lang"));
        Assert.EndsWith("/search?q=%E9%81%BF%E9%9B%A3", page.Url);

        // From the English home page the switch leads to the Japanese home page.
        await page.GotoAsync("/en");
        await page.GetByRole(AriaRole.Link, new() { Name = "日本語", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        Assert.Equal("ja", await page.GetAttributeAsync("html", "lang"));
    }

    [BrowserFact]
    public async Task Pages_work_with_javascript_disabled()
    {
        await using var context = await browser.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        foreach (var path in new[] { "/", "/about", "/en/", "/en/about", "/search?q=AED" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            Assert.True(await page.Locator("h1").IsVisibleAsync(), path);
        }

        // Search from the home page: a plain GET form.
        await page.GotoAsync("/en/");
        await page.FillAsync("#home-q", "AED 公園");
        await page.PressAsync("#home-q", "Enter");
        await page.WaitForURLAsync("**/en/search?q=*");
        Assert.Contains("AED 公園", await page.TextContentAsync("[data-slot=search-results]"));

        // The header search works the same on every page.
        await page.GotoAsync("/about");
        await page.FillAsync("#header-q", "避難");
        await page.PressAsync("#header-q", "Enter");
        await page.WaitForURLAsync("**/search?q=*");
        Assert.Equal("避難", await page.InputValueAsync("#search-q"));

        // The copy button needs JavaScript, so without it it is not shown.
        await page.GotoAsync("/about");
        Assert.False(await page.Locator("button[data-copy-target]").IsVisibleAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("about-ja-nojs"), FullPage = true });
    }

    [BrowserFact]
    public async Task The_skip_link_is_the_first_stop_and_focus_is_visible()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("本文へ移動", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        Assert.True(await page.Locator(".skip-link").IsVisibleAsync());
        var box = await page.Locator(".skip-link").BoundingBoxAsync();
        Assert.True(box is { Y: >= 0 }, "the focused skip link is on screen");
        var outline = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
        Assert.Equal("solid", outline);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("home-ja-skiplink") });

        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));
    }

    [BrowserFact]
    public async Task Injected_html_in_the_query_stays_text_in_the_browser()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var dialogs = 0;
        page.Dialog += async (_, dialog) => { dialogs++; await dialog.DismissAsync(); };
        const string attack = "<img src=x onerror=alert(1)><script>alert(2)</script>";
        await page.GotoAsync("/search?q=" + Uri.EscapeDataString(attack));
        Assert.Equal(0, await page.Locator("main img").CountAsync());
        Assert.Equal(0, await page.Locator("main script").CountAsync());
        Assert.Contains(attack, await page.TextContentAsync("[data-slot=search-results]"));
        Assert.Equal(attack, await page.InputValueAsync("#search-q"));
        Assert.Equal(0, dialogs);
    }

    [BrowserFact]
    public async Task The_api_reference_runs_under_the_content_security_policy()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = WatchForProblems(page);
        await page.GotoAsync("/api/reference");
        await page.GetByText("Server name, version and time").First.WaitForAsync(new() { Timeout = 30_000 });
        await page.WaitForTimeoutAsync(500);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("api-reference") });
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [BrowserFact]
    public async Task The_copy_button_appears_with_javascript_and_copies_the_example()
    {
        await using var context = await browser.NewContextAsync();
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/about");
        var button = page.Locator("button[data-copy-target]");
        // http://127.0.0.1 counts as a secure context, so the clipboard API is there.
        await button.WaitForAsync();
        await button.ClickAsync();
        // The label changes when the clipboard promise resolves, a moment after the click: wait for it.
        await Assertions.Expect(button).ToHaveTextAsync("コピーしました");
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.StartsWith("curl http://127.0.0.1:", copied);
        Assert.EndsWith("/api/v1/status", copied);
    }

    /// <summary>Console errors (CSP refusals among them), failed requests and error answers for sub-resources.</summary>
    private static List<string> WatchForProblems(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            // A page answered 404/500 on purpose logs that status; anything else is a problem.
            if (message.Type == "error" && !message.Text.Contains("the server responded with a status of", StringComparison.Ordinal))
                problems.Add("console: " + message.Text);
        };
        page.PageError += (_, error) => problems.Add("script error: " + error);
        page.RequestFailed += (_, request) => problems.Add($"failed: {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document")
                problems.Add($"{response.Status}: {response.Url}");
        };
        return problems;
    }

    private static string Shot(string name) => Path.Combine(Browser.ScreenshotDirectory, name + ".png");

    private static string Describe(IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder();
        foreach (var v in violations)
        {
            text.AppendLine($"- {v.Id} ({v.Impact}): {v.Help}");
            foreach (var node in v.Nodes.Take(5)) text.AppendLine($"    {string.Join(" ", node.Target)}: {node.Html}");
        }
        return text.ToString();
    }
}
