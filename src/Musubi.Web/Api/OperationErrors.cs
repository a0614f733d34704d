using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Musubi.Operations;

namespace Musubi.Web.Api;

/// <summary>
/// The one place where an operation's typed error (Musubi.Operations) becomes an HTTP answer. An API endpoint builds
/// the request, runs the operation and returns <c>result.ToHttp(value =&gt; TypedResults.Ok(…))</c>, or on its own
/// <c>error.ToProblem()</c>: an RFC 9457 problem (<c>application/problem+json</c>).
/// </summary>
public static class OperationErrorHttp
{
    public static int StatusCode(ErrorKind kind) => kind switch
    {
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.InvalidInput => StatusCodes.Status400BadRequest,
        ErrorKind.CannotRead => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The kind as the problem's <c>kind</c> member: not_found, invalid_input, cannot_read, conflict, unauthorized, forbidden, unavailable.</summary>
    public static string KindName(ErrorKind kind) => kind switch
    {
        ErrorKind.NotFound => "not_found",
        ErrorKind.InvalidInput => "invalid_input",
        ErrorKind.CannotRead => "cannot_read",
        ErrorKind.Conflict => "conflict",
        ErrorKind.Unauthorized => "unauthorized",
        ErrorKind.Forbidden => "forbidden",
        ErrorKind.Unavailable => "unavailable",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// Status and its standard title, the message as <c>detail</c>, and as extension members <c>kind</c> and, where the
    /// error has them, <c>target</c>, <c>field</c>, <c>row</c>, <c>column</c>; the problem details service adds <c>traceId</c>.
    /// An Unavailable error's message (it may name a database host) is replaced by a general one: log it where it arises.
    /// </summary>
    /// <param name="error">The operation's error.</param>
    /// <param name="fieldName">Turns the request field (<c>SchemaId</c>) into this API's word for it (<c>schema</c>).</param>
    public static ProblemHttpResult ToProblem(this OperationError error, Func<string, string>? fieldName = null)
    {
        var extensions = new Dictionary<string, object?> { ["kind"] = KindName(error.Kind) };
        if (error.Kind != ErrorKind.Unavailable && error.Target is { } target) extensions["target"] = target;
        if (error.Field is { } field) extensions["field"] = fieldName?.Invoke(field) ?? field;
        if (error.Row is { } row) extensions["row"] = row;
        if (error.Column is { } column) extensions["column"] = column;
        var detail = error.Kind == ErrorKind.Unavailable
            ? "A service this server needs is unavailable at the moment; try again later."
            : error.Message;
        return TypedResults.Problem(detail: detail, statusCode: StatusCode(error.Kind), extensions: extensions);
    }

    /// <summary>The value through <paramref name="ok"/>, or the error as a problem.</summary>
    public static IResult ToHttp<T>(this Result<T> result, Func<T, IResult> ok, Func<string, string>? fieldName = null) =>
        result.IsOk ? ok(result.Value) : result.Error.ToProblem(fieldName);
}
