using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Musubi.Web.Tests.Support;

namespace Musubi.Web.Tests;

/// <summary>CKAN's Action API frame: routes, methods, envelope and errors as CKAN sends them (ckan-api-contract.md §1–2).</summary>
public sealed class CkanFrameTests : IAsyncLifetime
{
    private TestServer _server = null!;

    private HttpClient Http => _server.Http;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("GET", "/api/3/action/status_show")]
    [InlineData("POST", "/api/3/action/status_show")]
    [InlineData("GET", "/api/action/status_show")]
    [InlineData("POST", "/api/action/status_show")]
    [InlineData("POST", "/en/api/action/status_show")]
    public async Task Status_show_answers_in_the_envelope_on_both_routes_and_both_methods_without_redirecting(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(["help", "success", "result"], body.Select(p => p.Key));
        Assert.True(body["success"]!.GetValue<bool>());
        Assert.EndsWith("/api/3/action/help_show?name=status_show", body["help"]!.GetValue<string>());
        var result = body["result"]!.AsObject();
        foreach (var key in new[] { "site_title", "site_description", "site_url", "locale_default", "extensions", "ckan_version" })
            Assert.True(result.ContainsKey(key), key);
    }

    [Fact]
    public async Task An_unknown_action_is_400_with_ckans_bare_string()
    {
        using var response = await Http.GetAsync("/api/3/action/no_such_action");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Bad request: Action name not known: no_such_action", JsonSerializer.Deserialize<string>(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("{not json")]
    public async Task A_body_that_is_not_a_json_object_is_a_bad_request(string body)
    {
        using var response = await Http.PostAsync("/api/3/action/status_show", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Bad request: JSON Error", JsonSerializer.Deserialize<string>(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Errors_carry_ckans_type_and_status()
    {
        // help_show without its name: 409 Validation Error whose error is the field dict (no message).
        using var missing = await Http.GetAsync("/api/3/action/help_show");
        Assert.Equal(HttpStatusCode.Conflict, missing.StatusCode);
        var body = JsonNode.Parse(await missing.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(["help", "success", "error"], body.Select(p => p.Key));
        Assert.False(body["success"]!.GetValue<bool>());
        Assert.Equal("Validation Error", body["error"]!["__type"]!.GetValue<string>());
        Assert.Equal("Missing value", body["error"]!["name"]![0]!.GetValue<string>());

        using var unknown = await Http.GetAsync("/api/3/action/help_show?name=nope");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var error = JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("Not Found Error", error["__type"]!.GetValue<string>());
        Assert.StartsWith("Not found", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Form_posts_and_the_version_document_work()
    {
        using var form = await Http.PostAsync("/api/3/action/help_show", new FormUrlEncodedContent([new("name", "status_show")]));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        using var version = await Http.GetAsync("/api/3");
        Assert.Equal(3, JsonNode.Parse(await version.Content.ReadAsStringAsync())!["version"]!.GetValue<int>());
    }

    [SharedFact]
    public async Task The_envelope_has_the_keys_and_types_of_a_recorded_real_ckan_answer()
    {
        var recorded = JsonNode.Parse(await File.ReadAllTextAsync(Shared.Hub("ckan-responses", "tokyo_package_list_2021-12.json")!))!.AsObject();
        using var response = await Http.GetAsync("/api/3/action/status_show");
        var ours = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(recorded.Select(p => p.Key).Order(), ours.Select(p => p.Key).Order());
        foreach (var key in new[] { "help", "success" })
            Assert.Equal(recorded[key]!.GetValueKind(), ours[key]!.GetValueKind());
        Assert.Matches(@"^https?://[^/]+(/.*)?/api/3/action/help_show\?name=", ours["help"]!.GetValue<string>());
    }
}
