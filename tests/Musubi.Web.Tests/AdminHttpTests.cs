using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Musubi.Access;
using Musubi.Operations;
using Musubi.Web.Tests.Support;

namespace Musubi.Web.Tests;

/// <summary>The admin pages: sources, harvest now, jobs with their items, failures; anonymous visitors get nothing of them.</summary>
public sealed partial class AdminHttpTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "musubi-admin-" + Guid.NewGuid().ToString("N"));

    private HttpClient Http => _server.Http;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    [Theory]
    [InlineData("/admin/sources")]
    [InlineData("/admin/jobs")]
    [InlineData("/admin/jobs/1")]
    [InlineData("/admin/failures")]
    [InlineData("/en/admin/jobs")]
    public async Task Anonymous_visitors_are_sent_to_the_sign_in_page(string path)
    {
        using var response = await Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/admin/sign-in?returnUrl=", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Http.GetAsync("/admin/jobs/1/progress")).StatusCode);
    }

    [Theory]
    [InlineData("/admin/sources")]
    [InlineData("/admin/sources/remove")]
    [InlineData("/admin/harvest")]
    public async Task An_anonymous_post_is_refused_with_or_without_the_antiforgery_token(string path)
    {
        var (cookies, token) = await FormToken("/admin/sign-in");
        using (var noToken = Post(path, cookies, [new("kind", "folder"), new("location", "/tmp"), new("id", "x")]))
            Assert.Equal(HttpStatusCode.BadRequest, (await Http.SendAsync(noToken)).StatusCode);
        using (var withToken = Post(path, cookies, [new("__af", token), new("kind", "folder"), new("location", "/tmp"), new("id", "x")]))
            Assert.Equal(HttpStatusCode.Unauthorized, (await Http.SendAsync(withToken)).StatusCode);
    }

    [AccessFact]
    public async Task A_signed_in_administrator_adds_a_source_harvests_it_and_sees_the_job_and_its_items()
    {
        Directory.CreateDirectory(_dir);
        await File.WriteAllTextAsync(Path.Combine(_dir, "131016_aed.csv"),
            "全国地方公共団体コード,ID,名称,所在地_連結表記,緯度,経度,設置位置,電話番号\n" +
            "131016,1,区役所,東京都千代田区九段南1丁目,35.6940,139.7536,1階,03-1111-2222\n" +
            "131016,2,<script>alert(1)</script>図書館,東京都千代田区丸の内2丁目,35.6800,139.7650,入口,03-1111-3333\n");
        await File.WriteAllBytesAsync(Path.Combine(_dir, "broken.xlsx"), [0x50, 0x4B, 0x03, 0x04, 1, 2, 3]);
        var session = await SignIn();

        var page = await Get("/admin/sources", session);
        Assert.Contains("name=\"location\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"no-failures\"", await Get("/admin/failures", session), StringComparison.Ordinal);

        // Add: the name is untrusted and comes back encoded.
        var token = AfToken(page);
        using (var add = Post("/admin/sources", session, [new("__af", token), new("kind", "folder"), new("location", _dir), new("name", "<b>evil</b> name"),
                   new("publisher", "131016"), new("schedule", "manual"), new("id", "chiyoda")]))
        {
            using var response = await Http.SendAsync(add);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/admin/sources?added=chiyoda", response.Headers.Location!.OriginalString);
        }
        page = await Get("/admin/sources", session);
        Assert.Contains("<code>chiyoda</code>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;evil&lt;/b&gt; name", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>evil</b>", page, StringComparison.Ordinal);

        // A bad form is answered on the page with the operation's message.
        using (var bad = Post("/admin/sources", session, [new("__af", token), new("kind", "nonsense"), new("location", _dir)]))
        {
            using var response = await Http.SendAsync(bad);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("unknown source kind", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Harvest now: redirected to the job's page, which shows every item once the job is done.
        string jobPath;
        using (var harvest = Post("/admin/harvest", session, [new("__af", token), new("id", "chiyoda")]))
        {
            using var response = await Http.SendAsync(harvest);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            jobPath = response.Headers.Location!.OriginalString;
            Assert.Matches("^/admin/jobs/[0-9]+$", jobPath);
        }
        string job;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var progress = await Get(jobPath + "/progress", session);
            if (!progress.Contains("\"running\":true", StringComparison.Ordinal) || DateTime.UtcNow > deadline) break;
            await Task.Delay(200);
        }
        job = await Get(jobPath, session);
        Assert.Contains("data-testid=\"job-items\"", job, StringComparison.Ordinal);
        Assert.Contains("131016_aed.csv", job, StringComparison.Ordinal);
        Assert.Contains("data-outcome=\"published\"", job, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"job-live\"", job, StringComparison.Ordinal);

        var jobs = await Get("/admin/jobs", session);
        Assert.Contains(jobPath + "\"", jobs, StringComparison.Ordinal);
        Assert.Contains("Harvest jobs", await Get("/en/admin/jobs", session), StringComparison.Ordinal);

        // The broken workbook is a failure with its reason (or skipped, when not recognised as a table at all).
        var failures = await Get("/admin/failures", session);
        if (job.Contains("data-outcome=\"failed\"", StringComparison.Ordinal)) Assert.Contains("broken.xlsx", failures, StringComparison.Ordinal);

        // Remove: the source is gone from the list.
        using (var remove = Post("/admin/sources/remove", session, [new("__af", token), new("id", "chiyoda")]))
            Assert.Equal(HttpStatusCode.Redirect, (await Http.SendAsync(remove)).StatusCode);
        Assert.DoesNotContain("<code>chiyoda</code>", await Get("/admin/sources", session), StringComparison.Ordinal);
    }

    /// <summary>Creates an administrator and signs in with the form; the cookies of the session and its antiforgery cookie.</summary>
    internal static async Task<string> SignIn(TestServer server, string name = "admin")
    {
        var admins = server.App.Services.GetRequiredService<CreateAdminOperation>();
        Assert.True((await admins.RunAsync(new CreateAdminRequest(name, "a long enough password"), Caller.Operator)).IsOk);
        using var form = await server.Http.GetAsync("/admin/sign-in");
        var html = await form.Content.ReadAsStringAsync();
        var cookies = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var post = Post("/admin/sign-in", cookies, [new("__af", AfToken(html)), new("name", name), new("password", "a long enough password")]);
        using var response = await server.Http.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("musubi-session=", StringComparison.Ordinal)).Split(';')[0];
        return cookies + "; " + session;
    }

    private Task<string> SignIn() => SignIn(_server);

    private async Task<string> Get(string path, string cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookies);
        using var response = await Http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        if (response.Content.Headers.ContentType?.MediaType == "text/html") Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<(string Cookies, string Token)> FormToken(string path)
    {
        using var page = await Http.GetAsync(path);
        var html = await page.Content.ReadAsStringAsync();
        var cookies = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        return (cookies, AfToken(html));
    }

    private static string AfToken(string html) => HiddenToken().Match(html).Groups[1].Value;

    private static HttpRequestMessage Post(string path, string cookies, KeyValuePair<string, string>[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Cookie", cookies);
        return request;
    }

    [GeneratedRegex("<input[^>]*name=\"__af\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex HiddenToken();
}
