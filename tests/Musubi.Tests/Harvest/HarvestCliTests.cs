using System.Text.Json;
using Musubi.Tests.Support;

namespace Musubi.Tests.Harvest;

/// <summary>`musubi source`, `harvest` and `export` run as a person runs them, against a CKAN site on 127.0.0.1.</summary>
public sealed class HarvestCliTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("musubi-cli-harvest-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Source_add_harvest_export_remove()
    {
        var files = Directory.CreateDirectory(Path.Combine(_dir.FullName, "files")).FullName;
        File.Copy(Path.Combine(SharedPaths.Repo, "samples", "demo", "ckan-miyagi", "files", "041009", "041009_aed.csv"), Path.Combine(files, "sendai-aed.csv"));
        await using var server = await TestWebServer.StartAsync(files);
        var site = new FakeCkanSite(server);
        site.Add(FakeCkanSite.Package("00000000-0000-0000-0000-00000000000a", "sendai-aed", "AED設置箇所一覧", server.Url("/files/"), "c041009"));
        var data = Path.Combine(_dir.FullName, "data");

        var add = CliProcess.Run(_dir.FullName, "source", "add", "ckan", site.SiteUrl.ToString(), "--name", "テスト", "--id", "miyagi", "--data", data);
        Assert.True(add.ExitCode == 0, add.Stderr);
        Assert.Equal("miyagi", add.Stdout.Trim());
        var again = CliProcess.Run(_dir.FullName, "source", "add", "ckan", site.SiteUrl.ToString(), "--id", "miyagi", "--data", data);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("exists already", again.Stderr, StringComparison.Ordinal);
        var badKind = CliProcess.Run(_dir.FullName, "source", "add", "ftp", "x", "--data", data);
        Assert.Equal(2, badKind.ExitCode);
        Assert.Contains("unknown source kind", badKind.Stderr, StringComparison.Ordinal);
        var list = CliProcess.Run(_dir.FullName, "source", "list", "--json", "--data", data);
        Assert.Equal("miyagi", JsonDocument.Parse(list.Stdout).RootElement[0].GetProperty("id").GetString());

        // Loopback is refused unless the operator allows it.
        var refused = CliProcess.Run(_dir.FullName, "harvest", "--all", "--data", data);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("failed", refused.Stdout, StringComparison.Ordinal);
        Assert.Empty(server.Requests);

        var harvest = CliProcess.Run(_dir.FullName, "harvest", "--source", "miyagi", "--allow-private-addresses", "--data", data);
        Assert.True(harvest.ExitCode == 0, harvest.Stderr + harvest.Stdout);
        Assert.Contains("miyagi: fetching", harvest.Stderr, StringComparison.Ordinal);
        Assert.Contains("published", harvest.Stdout, StringComparison.Ordinal);

        var outFile = Path.Combine(_dir.FullName, "aed.csv");
        var export = CliProcess.Run(_dir.FullName, "export", "aed", "--out", outFile, "--data", data);
        Assert.True(export.ExitCode == 0, export.Stderr);
        Assert.Contains("exported 150 rows of 1 publishers", export.Stderr, StringComparison.Ordinal);
        Assert.Equal(151, File.ReadAllLines(outFile).Length);
        var geo = CliProcess.Run(_dir.FullName, "export", "aed", "--format", "geojson", "--publisher", "041009", "--data", data);
        Assert.Equal(150, JsonDocument.Parse(geo.Stdout).RootElement.GetProperty("features").GetArrayLength());
        var unknown = CliProcess.Run(_dir.FullName, "export", "no-such-schema", "--data", data);
        Assert.Equal(2, unknown.ExitCode);

        var remove = CliProcess.Run(_dir.FullName, "source", "remove", "miyagi", "--data", data);
        Assert.True(remove.ExitCode == 0, remove.Stderr);
        Assert.Single(CliProcess.Run(_dir.FullName, "export", "aed", "--data", data).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(2, CliProcess.Run(_dir.FullName, "source", "remove", "miyagi", "--data", data).ExitCode);
    }
}
