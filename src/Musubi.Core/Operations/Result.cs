using System.Diagnostics.CodeAnalysis;

namespace Musubi.Operations;

/// <summary>The outcome of an operation: a value, or a typed <see cref="OperationError"/>.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, OperationError? error)
    {
        _value = value;
        Error = error;
    }

    public OperationError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Error is null;

    /// <summary>The value; throws <see cref="OperationException"/> when the operation failed.</summary>
    public T Value => Error is null ? _value! : throw new OperationException(Error);

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(OperationError error) => new(default, error);

    public static implicit operator Result<T>(T value) => Ok(value);

    public static implicit operator Result<T>(OperationError error) => Fail(error);

    public override string ToString() => IsOk ? $"Ok({_value})" : $"Fail({Error.Kind}: {Error.Message})";
}
