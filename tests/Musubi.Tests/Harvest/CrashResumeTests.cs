using System.Diagnostics;
using Musubi.Tests.Support;

namespace Musubi.Tests.Harvest;

/// <summary>
/// `musubi harvest` killed with SIGKILL at random moments, then run again until it finishes, publishes exactly what an
/// uninterrupted harvest publishes (the export without its store ids), on SQLite and PostgreSQL. Each kill lands: a run
/// that finished before its moment does not count. The twenty-kill run is scripts/test/crash-harvest.sh.
/// </summary>
public sealed class CrashResumeTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("musubi-crash-");

    public void Dispose() => _dir.Delete(recursive: true);

    /// <summary>
    /// SIGKILLs per engine: MUSUBI_CRASH_KILLS (scripts/test/crash-harvest.sh sets 20), else 5, which keeps a CI run near
    /// 60 s per engine (each kill costs a process start and the politeness interval bounds a harvest's speed).
    /// </summary>
    private static int Kills => int.TryParse(Environment.GetEnvironmentVariable("MUSUBI_CRASH_KILLS"), out var n) && n > 0 ? n : 5;

    [Fact]
    public Task Sqlite_killed_harvests_resume_to_the_same_published_data() => KilledAndResumed(null, null);

    [PostgresFact]
    public async Task Postgres_killed_harvests_resume_to_the_same_published_data()
    {
        using var reference = new PostgresTestSchema();
        using var crashed = new PostgresTestSchema();
        await KilledAndResumed(reference.ConnectionString, crashed.ConnectionString);
    }

    private static List<byte[]> Split(byte[] bytes)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != (byte)'\n') continue;
            lines.Add(bytes[start..(i + 1)]);
            start = i + 1;
        }
        if (start < bytes.Length) lines.Add(bytes[start..]);
        return lines;
    }

    /// <summary>Writes <paramref name="count"/> different tables (copies of demo samples, each with one row dropped) and returns their names.</summary>
    internal static List<string> WriteVariants(string files, int count, string prefix = "")
    {
        var samples = new[]
        {
            "ckan-miyagi/files/041009/041009_aed.csv", "ckan-miyagi/files/041009/041009_evacuation_space.csv", "ckan-miyagi/files/041009/041009_tourism.csv",
            "folder-aso/432148_public_toilet.csv", "folder-aso/【阿蘇市】AED設置箇所一覧.csv",
        };
        var names = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var sample = samples[i % samples.Length];
            var name = $"{prefix}{i:D3}_{Path.GetFileName(sample)}";
            // Each copy differs (a row dropped by position), so every resource is its own version.
            // By bytes: some samples are Shift_JIS.
            var lines = Split(File.ReadAllBytes(Path.Combine(SharedPaths.Repo, "samples", "demo", sample)));
            File.WriteAllBytes(Path.Combine(files, name), [.. lines.Where((_, n) => n == 0 || n != 1 + i % (lines.Count - 1)).SelectMany(l => l)]);
            names.Add(name);
        }
        return names;
    }

    private async Task KilledAndResumed(string? referenceDb, string? crashedDb)
    {
        var files = Directory.CreateDirectory(Path.Combine(_dir.FullName, "files")).FullName;
        var names = WriteVariants(files, 120);
        await using var server = await TestWebServer.StartAsync(files);
        server.MapText("/list.txt", string.Join('\n', names.Select(n => server.Url("/files/" + Uri.EscapeDataString(n)).ToString())));
        var list = server.Url("/list.txt").ToString();

        string Run(string data, string? db, params string[] args)
        {
            var all = args.Concat(["--data", data]).Concat(db is null ? [] : new[] { "--db", db }).ToArray();
            var r = CliProcess.Run(_dir.FullName, all);
            if (r.ExitCode != 0 && args[0] == "harvest")
            {
                var jobs = CliProcess.Run(_dir.FullName, ["jobs", "--json", "--data", data, .. db is null ? Array.Empty<string>() : ["--db", db]]).Stdout;
                var id = System.Text.Json.JsonDocument.Parse(jobs).RootElement[0].GetProperty("id").GetInt64().ToString();
                Assert.Fail(CliProcess.Run(_dir.FullName, ["job", "show", id, "--data", data, .. db is null ? Array.Empty<string>() : ["--db", db]]).Stdout);
            }
            Assert.True(r.ExitCode == 0, $"musubi {string.Join(' ', args)}: {r.Stderr}");
            return r.Stdout;
        }

        var refData = Path.Combine(_dir.FullName, "ref");
        Run(refData, referenceDb, "source", "add", "urls", list, "--id", "list", "--publisher", "041009");
        Run(refData, referenceDb, "harvest", "--source", "list", "--allow-private-addresses");
        var expected = HarvestRig.StableLines(Run(refData, referenceDb, "export", "aed"));
        Assert.True(expected.Count > 1000);

        var data = Path.Combine(_dir.FullName, "crash");
        Run(data, crashedDb, "source", "add", "urls", list, "--id", "list", "--publisher", "041009");
        var rng = new Random(13);
        var kills = 0;
        for (var attempt = 0; kills < Kills && attempt < Kills * 3; attempt++)
        {
            var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { CliProcess.Program, "harvest", "--source", "list", "--allow-private-addresses", "--parallel", "2", "--data", data })
                psi.ArgumentList.Add(a);
            if (crashedDb is not null)
            {
                psi.ArgumentList.Add("--db");
                psi.ArgumentList.Add(crashedDb);
            }
            using var p = Process.Start(psi)!;
            _ = p.StandardOutput.ReadToEndAsync();
            _ = p.StandardError.ReadToEndAsync();
            if (p.WaitForExit(rng.Next(700, 3000))) continue; // finished before the kill
            p.Kill(); // SIGKILL
            p.WaitForExit();
            kills++;
        }
        Run(data, crashedDb, "harvest", "--source", "list", "--allow-private-addresses");
        var actual = HarvestRig.StableLines(Run(data, crashedDb, "export", "aed"));
        Assert.True(kills == Kills, $"{kills} of {Kills} kills landed: the harvest finished before it could be killed; make it longer");
        // The same rows, each once; their order (record ids) follows the order in which resources happened to finish.
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
        var jobs = Run(data, crashedDb, "jobs", "--json");
        Assert.Contains("\"done\"", jobs, StringComparison.OrdinalIgnoreCase);
    }
}
