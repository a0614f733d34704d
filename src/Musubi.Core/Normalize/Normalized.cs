namespace Musubi.Normalize;

/// <summary>What a normalizer did to a cell value.</summary>
public enum Outcome
{
    /// <summary>The value was already in standard form (or empty).</summary>
    Unchanged,

    /// <summary>The value was rewritten into standard form; <see cref="Normalized.Code"/> says which fix.</summary>
    Fixed,

    /// <summary>The value could not be understood; it is kept as it was and <see cref="Normalized.Code"/> names the problem.</summary>
    Invalid,
}

/// <summary>
/// The result of normalizing one cell. <see cref="Code"/> is a stable issue code such as
/// "date-wareki" (fixed) or "invalid-date" (invalid); <see cref="Message"/> is a short English explanation.
/// </summary>
public readonly record struct Normalized(string Value, Outcome Outcome, string? Code = null, string? Message = null)
{
    public static Normalized Same(string value) => new(value, Outcome.Unchanged);

    public static Normalized Fix(string value, string code, string? message = null) => new(value, Outcome.Fixed, code, message);

    public static Normalized Bad(string original, string code, string message) => new(original, Outcome.Invalid, code, message);
}
