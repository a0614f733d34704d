namespace Musubi.Cli.Commands;

/// <summary>Turns data and database errors of the registry/address commands into one-line messages.</summary>
internal static class DataErrors
{
    public static int Guard(Func<int> run)
    {
        try
        {
            return run();
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Data.Common.DbException)
        {
            CliRunner.Error(ex.Message);
            return CliRunner.CannotRead;
        }
    }
}
