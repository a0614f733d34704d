using Musubi.Convert;

namespace Musubi.Tests.Convert;

public sealed class ReplaceFileTests : IDisposable
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
        ConvertOperation.ReplaceFile(temp, dest);
        Assert.Equal("new", File.ReadAllText(dest));
        Assert.Equal([dest], Directory.GetFiles(_dir.FullName));
    }

    [Fact]
    public void The_old_file_is_kept_when_the_new_one_cannot_be_moved_in()
    {
        var dest = Path.Combine(_dir.FullName, "out.csv");
        File.WriteAllText(dest, "old");
        Assert.ThrowsAny<IOException>(() => ConvertOperation.ReplaceFile(Path.Combine(_dir.FullName, "missing.tmp"), dest));
        Assert.Equal("old", File.ReadAllText(dest));
        Assert.Equal([dest], Directory.GetFiles(_dir.FullName));
    }
}
