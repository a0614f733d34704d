namespace Musubi.Operations;

/// <summary>
/// One operation: one request type, one handler, a result or a typed error (CKAN's action functions: the same function
/// serves the API, the web pages and the CLI). Faces build the request, call <see cref="RunAsync"/> and present the
/// result; they hold no logic of their own.
/// </summary>
public interface IOperation<in TRequest, TResult>
{
    Task<Result<TResult>> RunAsync(TRequest request, Caller caller, CancellationToken cancellationToken = default);
}

/// <summary>Who asks: every operation that changes the store checks it (anonymous callers read only).</summary>
public sealed record Caller(string Name, CallerKind Kind)
{
    /// <summary>The operator at the machine (the CLI, a worker): may do everything the store's files allow.</summary>
    public static Caller Operator { get; } = new("operator", CallerKind.Operator);

    public static Caller Anonymous { get; } = new("anonymous", CallerKind.Anonymous);

    public bool MayWrite => Kind is CallerKind.Operator or CallerKind.Administrator or CallerKind.Token;
}

public enum CallerKind
{
    Anonymous,

    /// <summary>A signed-in administrator of the web portal.</summary>
    Administrator,

    /// <summary>A client with an API token.</summary>
    Token,

    /// <summary>The local operator (CLI, worker process).</summary>
    Operator,
}
