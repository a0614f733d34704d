namespace Musubi.Operations;

/// <summary>What kind of failure an operation reports; every face maps it the same way (CLI exit code, HTTP status).</summary>
public enum ErrorKind
{
    /// <summary>The thing asked for does not exist (a source, a dataset, a schema id). HTTP 404.</summary>
    NotFound,

    /// <summary>The request itself is wrong (an unknown option value, a malformed code): <see cref="OperationError.Field"/> names it. HTTP 400.</summary>
    InvalidInput,

    /// <summary>The input data cannot be read or used (a damaged file, a table no schema fits, an over-limit file). HTTP 422.</summary>
    CannotRead,

    /// <summary>The request conflicts with the stored state (a source added twice, a job already running). HTTP 409.</summary>
    Conflict,

    /// <summary>The caller is not signed in or has no token. HTTP 401.</summary>
    Unauthorized,

    /// <summary>The caller is known but may not do this. HTTP 403.</summary>
    Forbidden,

    /// <summary>A dependency is down (the database, the network). HTTP 503.</summary>
    Unavailable,
}

/// <summary>
/// A typed failure of an operation: the kind, one line that speaks of the problem (never of CLI flags or HTTP), and
/// where it is: the file or URL, the request field at fault, the row and column of the input.
/// </summary>
public sealed record OperationError(ErrorKind Kind, string Message)
{
    /// <summary>The file, URL or stored object the error is about.</summary>
    public string? Target { get; init; }

    /// <summary>The request field at fault (e.g. "SchemaId", "Publisher"); a face turns it into its own word (--schema, ?schema=).</summary>
    public string? Field { get; init; }

    public int? Row { get; init; }

    public string? Column { get; init; }

    public static OperationError NotFound(string message, string? target = null) => new(ErrorKind.NotFound, message) { Target = target };

    public static OperationError InvalidInput(string message, string? field = null) => new(ErrorKind.InvalidInput, message) { Field = field };

    public static OperationError CannotRead(string message, string? target = null, int? row = null, string? column = null) =>
        new(ErrorKind.CannotRead, message) { Target = target, Row = row, Column = column };

    public static OperationError Conflict(string message, string? target = null) => new(ErrorKind.Conflict, message) { Target = target };

    public static OperationError Unauthorized(string message) => new(ErrorKind.Unauthorized, message);

    public static OperationError Forbidden(string message) => new(ErrorKind.Forbidden, message);

    public static OperationError Unavailable(string message) => new(ErrorKind.Unavailable, message);

    public override string ToString() => Message;
}

/// <summary>Thrown inside an operation to stop with a typed error; <see cref="Operation.Run{T}"/> turns it into the result.</summary>
public sealed class OperationException(OperationError error) : Exception(error.Message)
{
    public OperationError Error { get; } = error;
}
