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
}
