using System.ComponentModel;
using Spectre.Console.Cli;

namespace Musubi.Cli.Commands;

/// <summary>Settings shared by every command: the store (--data, --db) and --verbose.</summary>
public class DataSettings : CommandSettings
{
    [CommandOption("--data <DIR>")]
    [Description("Folder of the embedded store (default: $MUSUBI_DATA, else ~/.local/share/musubi).")]
    public string? Data { get; init; }

    [CommandOption("--db <CONNECTION>")]
    [Description("PostgreSQL connection string for server mode (default: $MUSUBI_DB, else SQLite in the data folder).")]
    public string? Db { get; init; }

    [CommandOption("--verbose")]
    [Description("Print the stack trace of a failure.")]
    public bool Verbose { get; init; }
}
