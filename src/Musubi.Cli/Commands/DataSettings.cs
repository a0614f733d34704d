using System.ComponentModel;
using Spectre.Console.Cli;

namespace Musubi.Cli.Commands;

/// <summary>Settings shared by every command that keeps state.</summary>
public class DataSettings : CommandSettings
{
    [CommandOption("--data <DIR>")]
    [Description("Folder of the embedded store (default: $MUSUBI_DATA, else ~/.local/share/musubi).")]
    public string? Data { get; init; }
}
