using Musubi.Read;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Musubi.Cli;

/// <summary>Exit codes and the one place where errors become one-line messages instead of stack traces.</summary>
public static class CliRunner
{
    public const int Ok = 0;
    public const int OutputHasErrors = 1;
    public const int CannotRead = 2;

    public static int Run(CommandApp app, string[] args)
    {
        try
        {
            return app.Run(args);
        }
        catch (InputException ex)
        {
            Error(ex.Message);
            return CannotRead;
        }
        catch (CommandParseException ex)
        {
            Error(ex.Message);
            return CannotRead;
        }
        catch (CommandRuntimeException ex)
        {
            Error(ex.Message);
            return CannotRead;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            Error(ex.Message);
            return CannotRead;
        }
    }

    public static void Error(string message)
    {
        var err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        err.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
    }

    /// <summary>A console on stderr, so stdout stays machine-readable.</summary>
    public static IAnsiConsole Stderr { get; } = CreateStderr();

    private static IAnsiConsole CreateStderr()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (Console.IsErrorRedirected) console.Profile.Width = 240;
        return console;
    }
}
