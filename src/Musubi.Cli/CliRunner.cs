using Musubi.Operations;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Musubi.Cli;

/// <summary>Exit codes, and the one place where failures become one-line messages instead of stack traces.</summary>
public static class CliRunner
{
    public const int Ok = 0;
    public const int OutputHasErrors = 1;
    public const int CannotRead = 2;

    /// <summary>Set by --verbose: failures also print their stack trace.</summary>
    public static bool Verbose { get; set; }

    public static int Run(CommandApp app, string[] args)
    {
        Verbose = args.Contains("--verbose");
        // A failure on another thread (a worker of a parallel command) ends the run the same way, not with the runtime's dump.
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            var ex = e.ExceptionObject as Exception;
            Error($"internal error: {ex?.GetType().Name}: {OneLine(ex?.Message ?? "")}", ex);
            Console.Error.Flush();
            Environment.Exit(CannotRead);
        };
        if (MissingValue(args) is { } missing)
        {
            Error($"option {missing} needs a value (see 'musubi --help')");
            return CannotRead;
        }
        try
        {
            return app.Run(args);
        }
        catch (CommandParseException ex)
        {
            Error($"{OneLine(ex.Message)} (see 'musubi --help')");
            return CannotRead;
        }
        catch (CommandRuntimeException ex)
        {
            Error($"{OneLine(ex.Message)} (see 'musubi --help')");
            return CannotRead;
        }
        catch (Exception ex) when (Operation.ToError(ex) is { } error)
        {
            return Fail(error, ex);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or NotSupportedException or OutOfMemoryException)
        {
            Error(OneLine(ex.Message), ex);
            return CannotRead;
        }
        catch (Exception ex)
        {
            // Whatever else escapes a command: still one line and the documented exit code; the trace with --verbose.
            Error($"internal error: {ex.GetType().Name}: {OneLine(ex.Message)}", ex);
            return CannotRead;
        }
    }

    /// <summary>Every long option that takes a value (--out FILE), from the commands' settings.</summary>
    private static readonly HashSet<string> ValueOptions = typeof(CliRunner).Assembly.GetTypes()
        .Where(t => typeof(CommandSettings).IsAssignableFrom(t))
        .SelectMany(t => t.GetProperties())
        .SelectMany(p => p.GetCustomAttributes(typeof(CommandOptionAttribute), inherit: true).Cast<CommandOptionAttribute>())
        .Where(a => a.ValueName is not null && !a.ValueIsOptional)
        .SelectMany(a => a.LongNames.Select(n => "--" + n))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// An option that needs a value but has none (last, or followed by another option): Spectre would otherwise take a
    /// placeholder for it (`--out` alone wrote a file named __default_command).
    /// </summary>
    internal static string? MissingValue(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (!ValueOptions.Contains(args[i])) continue;
            if (i + 1 >= args.Length || (args[i + 1].StartsWith("--", StringComparison.Ordinal) && args[i + 1].Length > 2)) return args[i];
            i++;
        }
        return null;
    }

    /// <summary>Prints a typed operation error with the CLI's own hint and returns its exit code.</summary>
    public static int Fail(OperationError error, Exception? exception = null)
    {
        Error(error.Message + Hint(error), exception);
        return CannotRead;
    }

    /// <summary>What to type instead, for errors about a request field (the core names fields, not flags).</summary>
    private static string Hint(OperationError error) => (error.Kind, error.Field) switch
    {
        (ErrorKind.CannotRead, { } f) when f.StartsWith(Operation.LimitField, StringComparison.Ordinal) =>
            $" (raise it with --limit {f[Operation.LimitField.Length..]}=N or {Commands.ReadSettings.Variable(f[Operation.LimitField.Length..])}=N)",
        (ErrorKind.CannotRead, "SchemaId") => "; give --schema ID (see 'musubi schemas' and 'musubi inspect')",
        (ErrorKind.InvalidInput, "SchemaId") => " (see 'musubi schemas')",
        (ErrorKind.InvalidInput, "Map") => " (--map \"source column=standard field\"; see 'musubi schemas show ID')",
        (ErrorKind.InvalidInput, "Publisher") => " (--publisher)",
        (ErrorKind.Unavailable, _) => " (check --db / MUSUBI_DB)",
        _ => "",
    };

    /// <summary>
    /// One line on stderr. Into a pipe or file it is plain text and never wrapped, so a script can read it; on a terminal
    /// it is coloured. The stack trace only with --verbose.
    /// </summary>
    public static void Error(string message, Exception? exception = null)
    {
        message = OneLine(message);
        if (Console.IsErrorRedirected)
        {
            Console.Error.WriteLine($"error: {message}");
        }
        else
        {
            var err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            err.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        }
        if (Verbose && exception is not null) Console.Error.WriteLine(exception);
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();

    /// <summary>Width given to Spectre when writing into a pipe or file: wide enough that it never wraps a line.</summary>
    public const int UnwrappedWidth = 32_767;

    /// <summary>A console on stderr, so stdout stays machine-readable.</summary>
    public static IAnsiConsole Stderr { get; } = CreateStderr();

    private static IAnsiConsole CreateStderr()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (Console.IsErrorRedirected) console.Profile.Width = UnwrappedWidth;
        return console;
    }
}
