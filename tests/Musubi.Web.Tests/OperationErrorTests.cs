using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Musubi.Operations;
using Musubi.Web.Api;
using Musubi.Web.Tests.Support;

namespace Musubi.Web.Tests;

public sealed class OperationErrorTests
{
    [Theory]
    [InlineData(ErrorKind.NotFound, 404)]
    [InlineData(ErrorKind.InvalidInput, 400)]
    [InlineData(ErrorKind.CannotRead, 422)]
    [InlineData(ErrorKind.Conflict, 409)]
    [InlineData(ErrorKind.Unauthorized, 401)]
    [InlineData(ErrorKind.Forbidden, 403)]
    [InlineData(ErrorKind.Unavailable, 503)]
    public void Each_kind_has_its_status(ErrorKind kind, int status) =>
        Assert.Equal(status, OperationErrorHttp.StatusCode(kind));

    [Fact]
    public void Every_kind_is_mapped() =>
        Assert.All(Enum.GetValues<ErrorKind>(), k => Assert.NotEqual(500, OperationErrorHttp.StatusCode(k)));

    [Fact]
    public async Task Operation_errors_answer_rfc_9457_problem_details()
    {
        await using var server = await TestServer.StartAsync(endpoints: app =>
        {
            app.MapGet("/api/v1/test/datasets/{id}", (string id) =>
                Result<string>.Fail(OperationError.NotFound($"no dataset {id}", target: id)).ToHttp(TypedResults.Ok));
            app.MapGet("/api/v1/test/read", () =>
                OperationError.CannotRead("the cell is not a date", "aed.csv", 12, "設置日").ToProblem());
            app.MapGet("/api/v1/test/invalid", () =>
                OperationError.InvalidInput("schema 'x' does not exist", "SchemaId").ToProblem(f => f == "SchemaId" ? "schema" : f));
            app.MapGet("/api/v1/test/down", () =>
                OperationError.Unavailable("the store cannot be used: Failed to connect to 10.9.8.7:5432").ToProblem());
            app.MapGet("/api/v1/test/ok", () => Result<int>.Ok(42).ToHttp(v => TypedResults.Ok(new { value = v })));
        });

        var notFound = await Problem(server, "/api/v1/test/datasets/abc", 404);
        Assert.Equal("Not Found", notFound.GetProperty("title").GetString());
        Assert.Equal("no dataset abc", notFound.GetProperty("detail").GetString());
        Assert.Equal("not_found", notFound.GetProperty("kind").GetString());
        Assert.Equal("abc", notFound.GetProperty("target").GetString());
        Assert.False(string.IsNullOrEmpty(notFound.GetProperty("type").GetString()));
        Assert.True(notFound.TryGetProperty("traceId", out _));

        var read = await Problem(server, "/api/v1/test/read", 422);
        Assert.Equal("cannot_read", read.GetProperty("kind").GetString());
        Assert.Equal("aed.csv", read.GetProperty("target").GetString());
        Assert.Equal(12, read.GetProperty("row").GetInt32());
        Assert.Equal("設置日", read.GetProperty("column").GetString());

        var invalid = await Problem(server, "/api/v1/test/invalid", 400);
        Assert.Equal("schema", invalid.GetProperty("field").GetString());

        var down = await Problem(server, "/api/v1/test/down", 503);
        Assert.DoesNotContain("10.9.8.7", down.GetRawText());

        using var ok = await server.Http.GetAsync("/api/v1/test/ok");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("{\"value\":42}", await ok.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> Problem(TestServer server, string path, int status)
    {
        using var response = await server.Http.GetAsync(path);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(status, json.RootElement.GetProperty("status").GetInt32());
        return json.RootElement.Clone();
    }
}
