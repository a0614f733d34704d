using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Musubi.Web.Api;
using Musubi.Web.Tests.Support;

namespace Musubi.Web.Tests;

public sealed class OperationErrorTests
{
    [Theory]
    [InlineData(OperationErrorKind.NotFound, 404)]
    [InlineData(OperationErrorKind.InvalidInput, 400)]
    [InlineData(OperationErrorKind.UnreadableInput, 422)]
    [InlineData(OperationErrorKind.Conflict, 409)]
    [InlineData(OperationErrorKind.Unauthenticated, 401)]
    [InlineData(OperationErrorKind.Forbidden, 403)]
    [InlineData(OperationErrorKind.TooLarge, 413)]
    [InlineData(OperationErrorKind.Unavailable, 503)]
    public void Each_kind_has_its_status(OperationErrorKind kind, int status) =>
        Assert.Equal(status, OperationErrorHttp.StatusCode(kind));

    [Fact]
    public void Every_kind_is_mapped() =>
        Assert.All(Enum.GetValues<OperationErrorKind>(), k => Assert.NotEqual(500, OperationErrorHttp.StatusCode(k)));

    [Fact]
    public async Task An_endpoint_returning_an_error_answers_rfc_9457_problem_details()
    {
        await using var server = await TestServer.StartAsync(endpoints: app =>
            app.MapGet("/api/v1/test/datasets/{id}", (string id) =>
                new OperationError(OperationErrorKind.NotFound, "dataset_not_found", $"no dataset {id}").ToProblem()));
        using var response = await server.Http.GetAsync("/api/v1/test/datasets/abc");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(404, root.GetProperty("status").GetInt32());
        Assert.Equal("Not Found", root.GetProperty("title").GetString());
        Assert.Equal("no dataset abc", root.GetProperty("detail").GetString());
        Assert.Equal("dataset_not_found", root.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("type").GetString()));
        Assert.True(root.TryGetProperty("traceId", out _));
    }
}
