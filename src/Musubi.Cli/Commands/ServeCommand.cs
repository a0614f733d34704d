using System.ComponentModel;
using Microsoft.Extensions.Hosting;
using Musubi.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Musubi.Cli.Commands;

/// <summary><c>musubi serve</c>: the portal and its APIs over the store (embedded SQLite, or PostgreSQL with --db).</summary>
public sealed class ServeCommand : AsyncCommand<ServeCommand.Settings>
{
    public sealed class Settings : DataSettings
    {
        [CommandOption("--urls <URLS>")]
        [Description("Addresses to listen on, separated by ';' as in ASP.NET Core (default http://127.0.0.1:5080).")]
        public string? Urls { get; init; }

        [CommandOption("--allow-private-addresses")]
        [Description("Let harvests started from the portal fetch from private and loopback addresses (tests, closed networks).")]
        public bool AllowPrivateAddresses { get; init; }

        [CommandOption("--no-rate-limit")]
        [Description("Turn the per-client rate limit off (load tests from one address, closed networks).")]
        public bool NoRateLimit { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var options = CliHost.ResolveOptions(settings.Data, settings.Db);
        if (settings.AllowPrivateAddresses) options = options with { AllowPrivateAddresses = true };
        await using var server = PortalHost.Build(options, PortalHost.ParseUrls(settings.Urls), rateLimit: !settings.NoRateLimit);
        await server.StartAsync(cancellationToken);
        CliRunner.Stderr.MarkupLine($"[green]serving[/] {Spectre.Console.Markup.Escape(string.Join(", ", server.Urls))} ({Spectre.Console.Markup.Escape(options.StoreDescription)}); Ctrl+C stops");
        await server.WaitForShutdownAsync(cancellationToken);
        return CliRunner.Ok;
    }
}
