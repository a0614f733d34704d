using Microsoft.Extensions.DependencyInjection;
using Musubi.Cli.Commands;
using Musubi.Hosting;
using Musubi.Operations;
using Musubi.Storage;

namespace Musubi.Cli;

/// <summary>
/// The CLI's edge: resolves the options once (--data / --db, else MUSUBI_DATA / MUSUBI_DB, else the user's data folder),
/// builds the platform's services once, and runs operations as the local operator. The only place the CLI reads the
/// environment.
/// </summary>
public sealed class CliHost : IDisposable
{
    public const string DataVariable = "MUSUBI_DATA";
    public const string DbVariable = "MUSUBI_DB";
    public const string AllowPrivateVariable = "MUSUBI_ALLOW_PRIVATE_ADDRESSES";

    private readonly ServiceProvider _services;

    private CliHost(MusubiOptions options)
    {
        Options = options;
        _services = StorageServices.BuildMusubi(options);
    }

    public MusubiOptions Options { get; }

    public static CliHost Start(DataSettings settings) => new(ResolveOptions(settings.Data, settings.Db));

    /// <summary>For commands that fetch (harvest, worker): --allow-private-addresses, or MUSUBI_ALLOW_PRIVATE_ADDRESSES=1.</summary>
    public static CliHost Start(DataSettings settings, bool allowPrivateAddresses)
    {
        var options = ResolveOptions(settings.Data, settings.Db);
        return new(options with { AllowPrivateAddresses = options.AllowPrivateAddresses || allowPrivateAddresses });
    }

    /// <summary>For commands that keep no state (schemas): the default data folder, never written.</summary>
    public static CliHost StartStateless() => new(ResolveOptions(null, null));

    public static MusubiOptions ResolveOptions(string? data, string? db) => new()
    {
        DataDirectory = ResolveDataDirectory(data),
        Database = string.IsNullOrWhiteSpace(db) ? NullIfBlank(Environment.GetEnvironmentVariable(DbVariable)) : db,
        AllowPrivateAddresses = Environment.GetEnvironmentVariable(AllowPrivateVariable) is "1" or "true",
    };

    /// <summary>The option, else MUSUBI_DATA, else $XDG_DATA_HOME/musubi, else ~/.local/share/musubi.</summary>
    public static string ResolveDataDirectory(string? option)
    {
        var dir = NullIfBlank(option) ?? NullIfBlank(Environment.GetEnvironmentVariable(DataVariable));
        if (dir is null)
        {
            var baseDir = NullIfBlank(Environment.GetEnvironmentVariable("XDG_DATA_HOME"))
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            dir = Path.Combine(baseDir, "musubi");
        }
        return Path.GetFullPath(dir);
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Runs an operation as the operator at this machine and returns its result.</summary>
    public Result<TResult> Run<TRequest, TResult>(IOperation<TRequest, TResult> operation, TRequest request, CancellationToken cancellationToken = default) =>
        operation.RunAsync(request, Caller.Operator, cancellationToken).GetAwaiter().GetResult();

    public void Dispose() => _services.Dispose();
}
