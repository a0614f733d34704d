using System.Text;
using Musubi.Write;

namespace Musubi.Tests.Write;

public sealed class HashingStreamTests
{
    private static (string Hash, long Bytes, byte[] Written) Hash(params byte[][] writes)
    {
        var inner = new MemoryStream();
        using var s = new HashingStream(inner);
        foreach (var w in writes) s.Write(w);
        s.Complete();
        return (s.Xxh128, s.BytesWritten, inner.ToArray());
    }

    [Fact]
    public void The_hash_is_what_xxh128sum_prints()
    {
        // `printf '' | xxh128sum` and `printf abc | xxh128sum` (xxHash 0.8.1).
        Assert.Equal("99aa06d3014798d86001c324468d497f", Hash().Hash);
        Assert.Equal("06b05ab6733a618578af5f94892f3950", Hash("abc"u8.ToArray()).Hash);
    }

    [Fact]
    public void Writes_pass_through_and_the_hash_does_not_depend_on_how_they_are_cut()
    {
        var data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i},さいたま市\r\n")));
        var whole = Hash(data);
        var cut = Hash(data[..1], data[1..70_000], data[70_000..]);
        Assert.Equal(data, whole.Written);
        Assert.Equal(data, cut.Written);
        Assert.Equal(data.Length, cut.Bytes);
        Assert.Equal(whole.Hash, cut.Hash);
        Assert.Equal(System.Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(data)), whole.Hash);
    }

    [Fact]
    public void Nothing_may_be_written_after_complete()
    {
        using var s = new HashingStream(new MemoryStream());
        s.Complete();
        Assert.Throws<InvalidOperationException>(() => s.Write([1]));
    }
}
