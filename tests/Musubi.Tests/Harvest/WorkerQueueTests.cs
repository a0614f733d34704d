using System.Diagnostics;
using Musubi.Tests.Support;
using Npgsql;

namespace Musubi.Tests.Harvest;

/// <summary>
/// Two `musubi worker` processes on one PostgreSQL store share the job queue (several sources of many items on a loopback
/// server): every item is fetched and stored once; a worker killed with SIGKILL while it holds a job loses it to the other
/// only after its lease expired, and the end state is what the uninterrupted run published.
/// </summary>
public sealed class WorkerQueueTests : IDisposable
{
    private const int Sources = 4;
    private const int ItemsPerSource = 15;
    private const int LeaseSeconds = 10;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("musubi-workers-");
    private readonly List<Process> _started = [];

    public void Dispose()
    {
        foreach (var p in _started)
        {
            if (!p.HasExited) p.Kill();
            p.Dispose();
        }
        _dir.Delete(recursive: true);
    }

    [PostgresFact]
    public async Task Two_workers_take_every_item_once_and_a_killed_workers_job_is_taken_over_after_its_lease()
    {
        var files = Directory.CreateDirectory(Path.Combine(_dir.FullName, "files")).FullName;
        var names = CrashResumeTests.WriteVariants(files, Sources * ItemsPerSource);
        await using var server = await TestWebServer.StartAsync(files);
        for (var s = 0; s < Sources; s++)
        {
            var mine = names.Skip(s * ItemsPerSource).Take(ItemsPerSource);
            server.MapText($"/list{s}.txt", string.Join('\n', mine.Select(n => server.Url("/files/" + Uri.EscapeDataString(n)).ToString())));
        }
        int Fetches(string name) => server.CountFor("/files/" + name);

        // 1. Uninterrupted: both workers run until the queue is empty (--once).
        using var first = new PostgresTestSchema();
        AddSources(first.ConnectionString, server);
        var a = StartWorker("a1", first.ConnectionString, once: true);
        var b = StartWorker("b1", first.ConnectionString, once: true);
        await WaitForExitAsync(a, "a1");
        await WaitForExitAsync(b, "b1");
        Assert.All(names, n => Assert.Equal(1, Fetches(n)));
        Assert.Equal(Sources, Scalar(first, "SELECT count(*) FROM harvest_jobs WHERE state = 'Done'"));
        Assert.Equal(Sources, Scalar(first, "SELECT count(*) FROM harvest_jobs"));
        // Both took part: a job keeps the owner that finished it.
        Assert.Equal(2, Scalar(first, "SELECT count(DISTINCT split_part(lease_owner, ':', 2)) FROM harvest_jobs"));
        AssertEachItemOnce(first);
        var expected = HarvestRig.StableLines(Export(first.ConnectionString));
        Assert.True(expected.Count > 200, $"only {expected.Count} exported rows");

        // 2. Worker a2 is killed while it holds a job with items done; b2 takes the job over once the lease ran out.
        using var second = new PostgresTestSchema();
        var before = names.ToDictionary(n => n, Fetches);
        AddSources(second.ConnectionString, server);
        var a2 = StartWorker("a2", second.ConnectionString, once: false);
        var b2 = StartWorker("b2", second.ConnectionString, once: false);
        var (jobId, leaseUntil) = await PollAsync("a2 to hold a job with items done", () =>
        {
            var held = Query(second, "SELECT j.id, j.lease_until FROM harvest_jobs j WHERE j.finished_at IS NULL AND split_part(j.lease_owner, ':', 2) = @pid " +
                "AND (SELECT count(*) FROM harvest_items i WHERE i.job_id = j.id) >= 3", r => (r.GetInt64(0), r.GetString(1)), ("pid", a2.Id.ToString()));
            return held.Count == 1 ? held[0] : default((long, string)?);
        });
        a2.Kill(); // SIGKILL: no lease given back
        await a2.WaitForExitAsync();
        var killedAt = DateTimeOffset.UtcNow;
        var expires = DateTimeOffset.Parse(leaseUntil, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(expires > killedAt, "the lease had already expired when a2 was killed");

        // Until it expires the job stays a2's; then b2 has it.
        await PollAsync("b2 to take the killed worker's job", () =>
        {
            var owner = Query(second, "SELECT split_part(lease_owner, ':', 2) FROM harvest_jobs WHERE id = @id", r => r.IsDBNull(0) ? "" : r.GetString(0), ("id", jobId)).Single();
            if (owner == a2.Id.ToString()) return null;
            Assert.True(DateTimeOffset.UtcNow >= expires, $"job {jobId} was taken from a2 before its lease expired ({expires:O})");
            Assert.Equal(b2.Id.ToString(), owner);
            return (bool?)true;
        });
        await PollAsync("every job to finish", () =>
            Scalar(second, "SELECT count(*) FROM harvest_jobs WHERE finished_at IS NOT NULL") == Sources ? true : (bool?)null);
        // A clean stop (SIGTERM) of the survivor.
        using (var term = Process.Start("kill", ["-TERM", b2.Id.ToString()])!) await term.WaitForExitAsync();
        await WaitForExitAsync(b2, "b2");

        Assert.Equal(Sources, Scalar(second, "SELECT count(*) FROM harvest_jobs WHERE state = 'Done'"));
        Assert.Equal(Sources, Scalar(second, "SELECT count(*) FROM harvest_jobs"));
        var job = Query(second, "SELECT split_part(lease_owner, ':', 2), message FROM harvest_jobs WHERE id = @id", r => (r.GetString(0), r.GetString(1)), ("id", jobId)).Single();
        Assert.Equal(b2.Id.ToString(), job.Item1);
        Assert.Contains("resumed", job.Item2, StringComparison.Ordinal);
        AssertEachItemOnce(second);
        // Items the killed worker finished are not fetched again; only those it had in flight (--parallel 2) may be.
        var again = names.Where(n => Fetches(n) - before[n] != 1).ToList();
        Assert.All(again, n => Assert.Equal(2, Fetches(n) - before[n]));
        Assert.True(again.Count <= 2, $"fetched again: {string.Join(", ", again)}");
        var actual = HarvestRig.StableLines(Export(second.ConnectionString));
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    /// <summary>One item row, saved once, and one stored version per resource.</summary>
    private static void AssertEachItemOnce(PostgresTestSchema db)
    {
        Assert.Equal(Sources * ItemsPerSource, Scalar(db, "SELECT count(*) FROM resources"));
        Assert.Equal(Sources * ItemsPerSource, Scalar(db, "SELECT count(DISTINCT resource_id) FROM harvest_items"));
        Assert.Equal(Sources * ItemsPerSource, Scalar(db, "SELECT count(*) FROM harvest_items"));
        Assert.Equal(Sources * ItemsPerSource, Scalar(db, "SELECT sum(attempts) FROM harvest_items"));
        Assert.Equal(Sources * ItemsPerSource, Scalar(db, "SELECT count(*) FROM resource_versions"));
        Assert.Equal(0, Scalar(db, "SELECT count(*) FROM harvest_items WHERE outcome NOT IN ('Published', 'Unchanged')"));
    }

    private void AddSources(string db, TestWebServer server)
    {
        for (var s = 0; s < Sources; s++)
        {
            var r = CliProcess.Run(_dir.FullName, "source", "add", "urls", server.Url($"/list{s}.txt").ToString(), "--id", $"s{s}", "--publisher", "041009",
                "--data", Path.Combine(_dir.FullName, "cli"), "--db", db);
            Assert.True(r.ExitCode == 0, r.Stderr);
        }
    }

    private string Export(string db)
    {
        var r = CliProcess.Run(_dir.FullName, "export", "aed", "--data", Path.Combine(_dir.FullName, "cli"), "--db", db);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return r.Stdout;
    }

    /// <summary>A worker in its own process with its own data folder (workers on several machines keep their own blobs).</summary>
    private Process StartWorker(string name, string db, bool once)
    {
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        string[] args = [CliProcess.Program, "worker", "--allow-private-addresses", "--lease", LeaseSeconds.ToString(), "--poll", "0.2", "--parallel", "2",
            "--data", Path.Combine(_dir.FullName, "data-" + name), "--db", db];
        foreach (var a in once ? [.. args, "--once"] : args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        var p = Process.Start(psi)!;
        _started.Add(p);
        var err = Path.Combine(_dir.FullName, name + ".err");
        _ = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync().ContinueWith(t => File.WriteAllText(err, t.Result), TaskScheduler.Default);
        return p;
    }

    private async Task WaitForExitAsync(Process p, string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        await p.WaitForExitAsync(timeout.Token);
        var err = Path.Combine(_dir.FullName, name + ".err");
        for (var i = 0; i < 50 && !File.Exists(err); i++) await Task.Delay(100);
        Assert.True(p.ExitCode == 0, $"worker {name} exited with {p.ExitCode}: {(File.Exists(err) ? File.ReadAllText(err) : "")}");
    }

    /// <summary>Polls (no fixed sleeps) until <paramref name="f"/> gives a value; 180 s at most, for a loaded 2-core machine.</summary>
    private static async Task<T> PollAsync<T>(string what, Func<T?> f) where T : struct
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(180))
        {
            if (f() is { } v) return v;
            await Task.Delay(100);
        }
        throw new TimeoutException($"waited 180 s for {what}");
    }

    private static long Scalar(PostgresTestSchema db, string sql) => Query(db, sql, r => r.IsDBNull(0) ? 0 : System.Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)).Single();

    private static List<T> Query<T>(PostgresTestSchema db, string sql, Func<NpgsqlDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        using var c = new NpgsqlConnection(db.ConnectionString);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        foreach (var (n, v) in parameters) cmd.Parameters.AddWithValue(n, v);
        using var r = cmd.ExecuteReader();
        var list = new List<T>();
        while (r.Read()) list.Add(read(r));
        return list;
    }
}
