namespace Musubi.Read;

/// <summary>
/// The input cannot be read at all. The message is one line a person can act on; it names the file
/// and, where known, the row and column.
/// </summary>
public sealed class InputException(string file, string reason, int? row = null, string? column = null, Exception? inner = null)
    : Exception(Format(file, reason, row, column), inner)
{
    public string File { get; } = file;

    public int? Row { get; } = row;

    public string? Column { get; } = column;

    public string Reason { get; } = reason;

    /// <summary>The <see cref="ReadLimits"/> name the input is over (e.g. "cells"), or null; a face adds how to raise it.</summary>
    public string? Limit { get; init; }

    private static string Format(string file, string reason, int? row, string? column)
    {
        var where = Path.GetFileName(file);
        if (row is not null) where += $", row {row}";
        if (column is not null) where += $", column {column}";
        return $"{where}: {reason}";
    }
}
