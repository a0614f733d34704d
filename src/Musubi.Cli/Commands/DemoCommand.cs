using System.ComponentModel;
using Microsoft.Extensions.Hosting;
using Musubi.Hosting;
using Musubi.Web.Demo;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Musubi.Cli.Commands;

/// <summary>
/// <c>musubi demo</c>: a fresh embedded store in a new folder, the bundled sample sources served on the same loopback
/// server under <c>/demo-sources/</c> (files, and CKAN's Action API for the <c>ckan-*</c> catalogue), harvested into
/// the store, and the portal over them.
/// </summary>
public sealed class DemoCommand : AsyncCommand<DemoCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--urls <URLS>")]
        [Description("Addresses to listen on (default http://127.0.0.1:5080). The sample sources are served by the same server.")]
        public string? Urls { get; init; }

        [CommandOption("--data <DIR>")]
        [Description("Folder for the demo's store (default: a new folder under the system's temporary folder). Must be empty or new.")]
        public string? Data { get; init; }

        [CommandOption("--samples <DIR>")]
        [Description("The sample sources (default: samples/demo of this checkout).")]
        public string? Samples { get; init; }

        [CommandOption("--verbose")]
        [Description("Print the stack trace of a failure.")]
        public bool Verbose { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var samples = settings.Samples is { Length: > 0 } s ? Path.GetFullPath(s) : DemoSamples.Find(Environment.CurrentDirectory, AppContext.BaseDirectory);
        if (samples is null || !File.Exists(Path.Combine(samples, "sources.json")))
        {
            CliRunner.Error("the demo sources were not found (samples/demo/sources.json); run from the checkout or give --samples DIR");
            return CliRunner.CannotRead;
        }
        var data = settings.Data is { Length: > 0 } d ? Path.GetFullPath(d) : Path.Combine(Path.GetTempPath(), "musubi-demo-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        if (Directory.Exists(data) && Directory.EnumerateFileSystemEntries(data).Any())
        {
            CliRunner.Error($"{data}: the demo needs an empty or new folder (it makes a fresh store)");
            return CliRunner.CannotRead;
        }
        Directory.CreateDirectory(data);
        // Everything the demo harvests is on this machine's loopback address.
        var options = new MusubiOptions { DataDirectory = data, AllowPrivateAddresses = true };
        var site = DemoSamples.Load(samples);
        await using var server = PortalHost.Build(options, PortalHost.ParseUrls(settings.Urls), app => site.Map(app));
        await server.StartAsync(cancellationToken);
        var baseUrl = server.Urls.First().TrimEnd('/');
        CliRunner.Stderr.MarkupLine($"[green]demo store[/] {Markup.Escape(data)}");
        var harvested = await DemoHarvest.RunAsync(server.Services, site, baseUrl, CliRunner.Stderr, cancellationToken);
        if (harvested != 0) return harvested;
        CliRunner.Stderr.MarkupLine($"[green]serving[/] {Markup.Escape(string.Join(", ", server.Urls))} — open {Markup.Escape(baseUrl)}/ ; Ctrl+C stops");
        await server.WaitForShutdownAsync(cancellationToken);
        return CliRunner.Ok;
    }
}
