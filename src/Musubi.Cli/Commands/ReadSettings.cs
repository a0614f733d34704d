using System.ComponentModel;
using Musubi.Read;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Musubi.Cli.Commands;

/// <summary>Settings of the commands that read input files: the read limits (--limit NAME=N, else MUSUBI_LIMIT_NAME).</summary>
public class ReadSettings : DataSettings
{
    [CommandOption("--limit <NAME=N>")]
    [Description("Change a read limit, e.g. --limit cells=1000000000; repeatable. Names and defaults: docs/limits.md.")]
    public string[] Limit { get; init; } = [];

    public override ValidationResult Validate()
    {
        foreach (var l in Limit)
        {
            if (!TryParse(ReadLimits.Default, l, out _, out var error)) return ValidationResult.Error(error);
        }
        return base.Validate();
    }

    /// <summary>The environment variable that sets a limit: cell-chars → MUSUBI_LIMIT_CELL_CHARS.</summary>
    public static string Variable(string name) => "MUSUBI_LIMIT_" + name.ToUpperInvariant().Replace('-', '_');

    /// <summary>The defaults, then MUSUBI_LIMIT_* variables, then --limit options (the edge resolves them once).</summary>
    public ReadLimits ResolveLimits()
    {
        var limits = ReadLimits.Default;
        foreach (var name in ReadLimits.Names)
        {
            if (Environment.GetEnvironmentVariable(Variable(name)) is { Length: > 0 } value && !limits.TryWith(name, value, out limits))
                throw new ArgumentException($"{Variable(name)}='{value}' is not a positive whole number");
        }
        foreach (var l in Limit)
        {
            if (!TryParse(limits, l, out limits, out var error)) throw new ArgumentException(error);
        }
        return limits;
    }

    private static bool TryParse(ReadLimits current, string option, out ReadLimits limits, out string error)
    {
        limits = current;
        error = "";
        var eq = option.IndexOf('=');
        var name = eq > 0 ? option[..eq].Trim() : option.Trim();
        if (eq <= 0 || !ReadLimits.Names.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            error = $"--limit '{option}': expected NAME=N with NAME one of {string.Join(", ", ReadLimits.Names)}";
            return false;
        }
        if (!current.TryWith(name, option[(eq + 1)..], out limits))
        {
            error = $"--limit '{option}': N must be a positive whole number";
            return false;
        }
        return true;
    }
}
