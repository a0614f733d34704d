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

    /// <summary>A console on stderr, so stdout stays machine-readable.</summary>
    public static IAnsiConsole Stderr { get; } = CreateStderr();

    private static IAnsiConsole CreateStderr()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (Console.IsErrorRedirected) console.Profile.Width = 240;
        return console;
    }
}
