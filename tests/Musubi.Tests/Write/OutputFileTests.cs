using Musubi.Write;

namespace Musubi.Tests.Write;

public sealed class OutputFileTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("musubi-replace-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void The_new_file_takes_the_place_of_the_old_one()
    {
        var dest = Path.Combine(_dir.FullName, "out.csv");
        var temp = Path.Combine(_dir.FullName, "out.csv.tmp-1");
        File.WriteAllText(dest, "old");
        File.WriteAllText(temp, "new");
        OutputFile.Replace(temp, dest);
        Assert.Equal("new", File.ReadAllText(dest));
        Assert.Equal([dest], Directory.GetFiles(_dir.FullName));
    }

    [Fact]
    public void The_old_file_is_kept_when_the_new_one_cannot_be_moved_in()
    {
        var dest = Path.Combine(_dir.FullName, "out.csv");
        File.WriteAllText(dest, "old");
        Assert.ThrowsAny<IOException>(() => OutputFile.Replace(Path.Combine(_dir.FullName, "missing.tmp"), dest));
        Assert.Equal("old", File.ReadAllText(dest));
        Assert.Equal([dest], Directory.GetFiles(_dir.FullName));
    }

    [Fact]
    public void Text_is_written_whole_in_place_of_an_earlier_file()
    {
        var path = Path.Combine(_dir.FullName, "report.json");
        File.WriteAllText(path, "old report, longer than the new one");
        OutputFile.WriteAllText(path, "{}");
        Assert.Equal("{}", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_dir.FullName));
    }

    [Fact]
    public void Writers_racing_for_one_file_all_finish_and_one_of_them_wins()
    {
        var path = Path.Combine(_dir.FullName, "out.csv");
        File.WriteAllText(path, "old");
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => OutputFile.WriteAllText(path, $"writer {i}"));
        Assert.StartsWith("writer ", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal([path], Directory.GetFiles(_dir.FullName));
    }

    [Fact]
    public async Task Replacing_never_leaves_the_path_without_a_complete_file()
    {
        // main moved the old file aside before renaming the new one in: a kill in between left nothing at the path.
        var dest = Path.Combine(_dir.FullName, "out.csv");
        File.WriteAllText(dest, "old");
        using var stop = new CancellationTokenSource();
        using var watching = new ManualResetEventSlim();
        var watcher = Task.Run(() =>
        {
            var seen = 0;
            while (!stop.IsCancellationRequested)
            {
                if (seen == 1) watching.Set();
                string text;
                try
                {
                    text = File.ReadAllText(dest);
                }
                catch (FileNotFoundException)
                {
                    return -1;
                }
                Assert.True(text is "old" || text.StartsWith("new ", StringComparison.Ordinal), text);
                seen++;
            }
            return seen;
        });
        // On a loaded machine the 300 replacements can end before the watcher's task has started: wait for it.
        Assert.True(watching.Wait(TimeSpan.FromSeconds(30)), "the watcher did not start");
        for (var i = 0; i < 300; i++)
        {
            var temp = OutputFile.TempPathFor(dest);
            File.WriteAllText(temp, $"new {i}");
            OutputFile.Replace(temp, dest);
        }
        stop.Cancel();
        Assert.True(await watcher != -1, "the path was missing at some moment");
        Assert.Equal([dest], Directory.GetFiles(_dir.FullName));
    }

    [Fact]
    public void Temporary_files_of_ended_processes_are_removed_and_those_of_running_ones_kept()
    {
        var dest = Path.Combine(_dir.FullName, "out.csv");
        var mine = OutputFile.TempPathFor(dest);
        File.WriteAllText(mine, "in progress");
        // A process that has ended: start one and wait for it.
        using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        p.WaitForExit();
        var dead = Path.Combine(_dir.FullName, $".out.csv{OutputFile.TempMarker}{p.Id}-{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}-0badc0de");
        File.WriteAllText(dead, "left by a killed run");
        // Our pid with another start time: a reused id, so the owner is gone too.
        var reused = Path.Combine(_dir.FullName, $".out.csv{OutputFile.TempMarker}{Environment.ProcessId}-1-0badc0de");
        File.WriteAllText(reused, "left by an earlier process with the same id");
        var other = Path.Combine(_dir.FullName, "notes.txt");
        File.WriteAllText(other, "not ours");

        var removed = OutputFile.RemoveStale(_dir.FullName);

        Assert.Equal(2, removed);
        Assert.False(File.Exists(dead));
        Assert.False(File.Exists(reused));
        Assert.True(File.Exists(mine));
        Assert.True(File.Exists(other));
        Assert.StartsWith(".out.csv" + OutputFile.TempMarker + Environment.ProcessId + "-", Path.GetFileName(mine), StringComparison.Ordinal);
    }
}
