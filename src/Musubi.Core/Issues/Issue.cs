using System.Text.Json.Serialization;

namespace Musubi.Issues;

[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    /// <summary>The output has a problem that needs a person (e.g. a required value is missing).</summary>
    Error,

    /// <summary>Suspicious, kept as it was.</summary>
    Warning,

    /// <summary>Musubi changed the value; the original is in the issue.</summary>
    Fixed,
}

/// <summary>One finding about the input, with the place it was found. Row numbers are 1-based physical rows of the source.</summary>
public sealed record Issue(
    string Code,
    Severity Severity,
    int? Row,
    string? Column,
    string? Value,
    string? FixedValue,
    string Message)
{
    /// <summary>An issue with the catalog's severity for its code (data/codes/issue-codes.json).</summary>
    public static Issue Of(string code, int? row, string? column, string? value, string? fixedValue, string message) =>
        new(code, IssueCatalog.SeverityOf(code), row, column, value, fixedValue, message);
}
