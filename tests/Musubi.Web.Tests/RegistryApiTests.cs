using System.Net;
using System.Text.Json.Nodes;
using Musubi.Web.Tests.Support;

namespace Musubi.Web.Tests;

/// <summary>Base-registry look-ups in /api/v1 and their place in the OpenAPI document.</summary>
public sealed class RegistryApiTests : IAsyncLifetime
{
    private TestServer _server = null!;

    private HttpClient Http => _server.Http;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Local_government_codes_postal_codes_and_addresses_are_looked_up()
    {
        var sendai = JsonNode.Parse(await Http.GetStringAsync("/api/v1/local-governments/04100"))!;
        Assert.Equal("041009", sendai["code"]!.GetValue<string>());
        Assert.Equal("designated_city", sendai["kind"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/v1/local-governments/999999")).StatusCode);

        var matsu = JsonNode.Parse(await Http.GetStringAsync("/api/v1/local-governments?name=" + Uri.EscapeDataString("松本") + "&prefecture=20"))!.AsArray();
        Assert.Contains(matsu, g => g!["code"]!.GetValue<string>() == "202029");
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync("/api/v1/local-governments?limit=0")).StatusCode);

        var postal = JsonNode.Parse(await Http.GetStringAsync("/api/v1/postal-codes/980-0803"))!.AsArray();
        Assert.Equal("041017", postal[0]!["lgCode"]!.GetValue<string>());

        var address = JsonNode.Parse(await Http.GetStringAsync("/api/v1/address/normalize?text=" + Uri.EscapeDataString("仙台市青葉区国分町3丁目")))!;
        Assert.Equal("宮城県", address["prefecture"]!.GetValue<string>());
        Assert.Equal("041017", address["lgCode"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync("/api/v1/address/normalize")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_lookups()
    {
        var doc = JsonNode.Parse(await Http.GetStringAsync("/openapi/v1.json"))!;
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var path in new[] { "/api/v1/local-governments/{code}", "/api/v1/local-governments", "/api/v1/postal-codes/{code}", "/api/v1/address/normalize", "/api/v1/tokens" })
            Assert.Contains(path, paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/api/3/", StringComparison.Ordinal));
    }
}
