using Spectre.Console.Cli;

namespace Musubi.Cli.Commands;

public sealed class RegistryImportTownsCommand : Command<DataSettings>
{
    public override int Execute(CommandContext context, DataSettings settings, CancellationToken cancellationToken)
    {
        CliRunner.Error("not implemented yet");
        return CliRunner.CannotRead;
    }
}
