using System.Data.Common;
using Musubi.Read;

namespace Musubi.Operations;

/// <summary>
/// Runs a handler body and turns the failures the core raises into typed errors, in one place, so no face sees an
/// exception: an unreadable input (<see cref="InputException"/>) is CannotRead with its file, row and column; a bad
/// data file is CannotRead; a database failure is Unavailable. Programming errors are not caught.
/// </summary>
public static class Operation
{
    public static Result<T> Run<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (ToError(e) is { } error)
        {
            return error;
        }
    }

    public static async Task<Result<T>> RunAsync<T>(Func<Task<T>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception e) when (ToError(e) is { } error)
        {
            return error;
        }
    }

    /// <summary>Authorization for operations that change the store.</summary>
    public static OperationError? RequireWrite(Caller caller) =>
        caller.MayWrite ? null
        : caller.Kind == CallerKind.Anonymous ? OperationError.Unauthorized("sign in or give an API token to change anything")
        : OperationError.Forbidden($"{caller.Name} may not change the store");

    public static OperationError? ToError(Exception e) => e switch
    {
        OperationException o => o.Error,
        InputException { Limit: { } limit } i => OperationError.CannotRead(i.Message, i.File, i.Row, i.Column) with { Field = LimitField + limit },
        InputException i => OperationError.CannotRead(i.Message, i.File, i.Row, i.Column),
        InvalidDataException d => OperationError.CannotRead(d.Message),
        DbException db => OperationError.Unavailable($"the store cannot be used: {OneLine(db.Message)}"),
        IOException io => OperationError.CannotRead(OneLine(io.Message)),
        UnauthorizedAccessException ua => OperationError.CannotRead(OneLine(ua.Message)),
        _ => null,
    };

    /// <summary>The <see cref="OperationError.Field"/> of an over-limit input: this prefix and the limit's name (see ReadLimits).</summary>
    public const string LimitField = "Read.Limits.";

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();
}
