using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Musubi.Access;
using Musubi.Operations;
using Musubi.Web.Tests.Support;

namespace Musubi.Web.Tests;

/// <summary>Writes need a token or an administrator's session; forms need their antiforgery token.</summary>
public sealed partial class AccessHttpTests : IAsyncLifetime
{
    private TestServer _server = null!;

    private HttpClient Http => _server.Http;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<string> NewToken(string name = "test")
    {
        var op = _server.App.Services.GetRequiredService<CreateTokenOperation>();
        return (await op.RunAsync(new CreateTokenRequest(name), Caller.Operator)).Value.Token;
    }

    [AccessFact]
    public async Task Without_a_token_nothing_can_be_changed_and_with_one_it_can()
    {
        using var anonymous = await Http.PostAsJsonAsync("/api/v1/tokens", new { name = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("unauthorized", JsonNode.Parse(await anonymous.Content.ReadAsStringAsync())!["kind"]!.GetValue<string>());

        var token = await NewToken();
        foreach (var (header, value) in new[] { ("Authorization", "Bearer " + token), ("Authorization", token), ("X-CKAN-API-Key", token) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens") { Content = JsonContent.Create(new { name = "made by " + header }) };
            request.Headers.TryAddWithoutValidation(header, value);
            using var response = await Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var made = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.StartsWith("musubi_", made["token"]!.GetValue<string>());
        }

        // Revoked: the same token is refused (401, not served as anonymous).
        Assert.True(Secrets.TryParseToken(token, out var key, out _));
        using (var revoke = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/tokens/" + key))
        {
            revoke.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync(revoke)).StatusCode);
        }
        using var after = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tokens");
        after.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        using var refused = await Http.SendAsync(after);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_malformed_or_unknown_token_is_401_even_for_a_read()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/status");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer musubi_aaaa_bbbb");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Http.SendAsync(request)).StatusCode);
    }

    [AccessFact]
    public async Task An_administrator_signs_in_with_the_form_and_its_antiforgery_token_and_signs_out()
    {
        var admins = _server.App.Services.GetRequiredService<CreateAdminOperation>();
        Assert.True((await admins.RunAsync(new CreateAdminRequest("alice", "a long enough password"), Caller.Operator)).IsOk);

        // /admin sends the anonymous visitor to the sign-in page.
        using (var admin = await Http.GetAsync("/admin"))
        {
            Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
            Assert.StartsWith("/admin/sign-in", admin.Headers.Location!.OriginalString);
        }

        var (cookies, token) = await FormToken("/admin/sign-in");
        // Without the antiforgery token the post is refused.
        using (var noToken = Post("/admin/sign-in", cookies, [new("name", "alice"), new("password", "a long enough password")]))
            Assert.Equal(HttpStatusCode.BadRequest, (await Http.SendAsync(noToken)).StatusCode);

        using (var wrong = Post("/admin/sign-in", cookies, [new("__af", token), new("name", "alice"), new("password", "wrong password!!")]))
        {
            using var response = await Http.SendAsync(wrong);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("failed=1", response.Headers.Location!.OriginalString);
        }

        string session;
        using (var right = Post("/admin/sign-in", cookies, [new("__af", token), new("name", "alice"), new("password", "a long enough password")]))
        {
            using var response = await Http.SendAsync(right);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("musubi-session=", StringComparison.Ordinal));
            Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
            session = setCookie.Split(';')[0];
        }

        using (var page = new HttpRequestMessage(HttpMethod.Get, "/admin"))
        {
            page.Headers.Add("Cookie", session);
            using var response = await Http.SendAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
            Assert.Contains("alice", await response.Content.ReadAsStringAsync());
        }

        // The session may use the API's writes too.
        using (var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens") { Content = JsonContent.Create(new { name = "from the session" }) })
        {
            create.Headers.Add("Cookie", session);
            Assert.Equal(HttpStatusCode.Created, (await Http.SendAsync(create)).StatusCode);
        }
    }

    private async Task<(string Cookies, string Token)> FormToken(string path)
    {
        using var page = await Http.GetAsync(path);
        var html = await page.Content.ReadAsStringAsync();
        var token = HiddenToken().Match(html).Groups[1].Value;
        var cookies = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        return (cookies, token);
    }

    private static HttpRequestMessage Post(string path, string cookies, KeyValuePair<string, string>[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Cookie", cookies);
        return request;
    }

    [GeneratedRegex("<input[^>]*name=\"__af\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex HiddenToken();
}
