using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Musubi.Web.Api;

// The one place where an operation's typed error becomes an HTTP answer. The operations layer (one request type +
// one handler returning a result or a typed error) knows nothing of HTTP; an API endpoint calls the handler and, on
// error, returns error.ToProblem(). When the operations layer has its own error type, make it implement
// IOperationError (or add a one-line adapter here) — the kinds and statuses below stay as they are.

/// <summary>What went wrong, in terms any face (CLI, web, worker) can act on.</summary>
public enum OperationErrorKind
{
    /// <summary>The thing asked for does not exist (dataset, resource, standard dataset …). 404.</summary>
    NotFound,
    /// <summary>The request itself is wrong: a missing or malformed parameter. 400.</summary>
    InvalidInput,
    /// <summary>The request is well formed but its content cannot be processed (a file that cannot be read, a schema that does not fit). 422.</summary>
    UnreadableInput,
    /// <summary>The change conflicts with the current state (exists already, changed meanwhile). 409.</summary>
    Conflict,
    /// <summary>No valid sign-in or API token. 401.</summary>
    Unauthenticated,
    /// <summary>Signed in, but not allowed to do this. 403.</summary>
    Forbidden,
    /// <summary>Larger than the limits allow (body, file, page size). 413.</summary>
    TooLarge,
    /// <summary>A dependency (the store, an upstream portal) is out of reach for now. 503.</summary>
    Unavailable,
}

/// <summary>An operation's error: its kind, a stable machine-readable code (<c>dataset_not_found</c>) and a one-line message for people.</summary>
public interface IOperationError
{
    OperationErrorKind Kind { get; }
    string Code { get; }
    string Message { get; }
}

/// <summary>The plain implementation, for handlers that have nothing more to say.</summary>
public sealed record OperationError(OperationErrorKind Kind, string Code, string Message) : IOperationError;

public static class OperationErrorHttp
{
    public static int StatusCode(OperationErrorKind kind) => kind switch
    {
        OperationErrorKind.NotFound => StatusCodes.Status404NotFound,
        OperationErrorKind.InvalidInput => StatusCodes.Status400BadRequest,
        OperationErrorKind.UnreadableInput => StatusCodes.Status422UnprocessableEntity,
        OperationErrorKind.Conflict => StatusCodes.Status409Conflict,
        OperationErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        OperationErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        OperationErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        OperationErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>
    /// An RFC 9457 problem (<c>application/problem+json</c>): status, the standard title for it, the message as
    /// <c>detail</c> and the error's code as the extension member <c>code</c>. The service adds <c>traceId</c>.
    /// </summary>
    public static ProblemHttpResult ToProblem(this IOperationError error) =>
        TypedResults.Problem(
            detail: error.Message,
            statusCode: StatusCode(error.Kind),
            extensions: new Dictionary<string, object?> { ["code"] = error.Code });
}
