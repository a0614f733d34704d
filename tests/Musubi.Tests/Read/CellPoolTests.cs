using Musubi.Read;

namespace Musubi.Tests.Read;

public sealed class CellPoolTests
{
    [Fact]
    public void A_repeated_value_is_one_string()
    {
        var pool = new CellPool();
        var a = pool.Get(0, "埼玉県".AsSpan());
        var b = pool.Get(0, "埼玉県".ToCharArray());
        Assert.Same(a, b);
        Assert.Equal("埼玉県", a);
        Assert.Same("", pool.Get(0, []));
        // Columns are pooled separately.
        Assert.NotSame(a, pool.Get(1, "埼玉県".AsSpan()));
    }

    [Fact]
    public void A_mostly_unique_column_stops_being_pooled_after_the_sample()
    {
        var pool = new CellPool();
        for (var i = 0; i < CellPool.Sample + 10; i++)
        {
            Assert.Equal($"name{i}", pool.Get(0, $"name{i}".AsSpan()));
            pool.Get(1, (i % 7).ToString(System.Globalization.CultureInfo.InvariantCulture).AsSpan());
        }
        Assert.False(pool.IsPooled(0));
        Assert.True(pool.IsPooled(1));
        Assert.Equal("name1", pool.Get(0, "name1".AsSpan()));
    }

    [Fact]
    public void Every_value_keeps_one_string_while_the_table_grows()
    {
        // 3,000 distinct values, each asked for twice in a row (repeats, so the column stays pooled), then again: the table grows several times
        // and its probes pass over neighbours, yet each value always comes back as the same string.
        var pool = new CellPool();
        var first = new Dictionary<string, string>();
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 3000; i++)
            {
                var text = i % 3 == 0 ? $"{i}時" : i % 3 == 1 ? $"値{i:D4}" : $"v{i}";
                var s = pool.Get(0, text.ToCharArray());
                Assert.Equal(text, s);
                if (round == 0) first[text] = s;
                Assert.Same(first[text], s);
                Assert.Same(s, pool.Get(0, text.ToCharArray()));
            }
        }
        Assert.True(pool.IsPooled(0));
    }

    [Fact]
    public void Pooling_is_bounded()
    {
        var pool = new CellPool();
        // Each value three times: mostly repeats, but more distinct values than the pool keeps.
        for (var i = 0; i < CellPool.MaxEntries + 10; i++)
            for (var k = 0; k < 3; k++)
                Assert.Equal($"v{i}", pool.Get(0, $"v{i}".AsSpan()));
        Assert.False(pool.IsPooled(0));
        var longText = new string('あ', CellPool.MaxPooledLength + 1);
        Assert.NotSame(pool.Get(2, longText.AsSpan()), pool.Get(2, longText.AsSpan()));
        Assert.Equal(longText, pool.Get(CellPool.MaxColumns, longText.AsSpan()));
    }
}

public sealed class BlankCellTests
{
    [Fact]
    public void Blank_means_empty_or_white_space_only_as_in_the_framework()
    {
        for (var c = 0; c <= 0xFFFF; c++)
        {
            var s = ((char)c).ToString();
            Assert.Equal(string.IsNullOrWhiteSpace(s), TableShaper.IsBlankCell(s));
            Assert.Equal(string.IsNullOrWhiteSpace(" " + s + "\u3000"), TableShaper.IsBlankCell(" " + s + "\u3000"));
        }
        Assert.True(TableShaper.IsBlankCell(""));
    }
}

public sealed class CellPoolBoundTests
{
    [Fact]
    public void A_wide_table_keeps_a_bounded_number_of_values()
    {
        var pool = new CellPool();
        // 256 columns, each with 1,000 values seen twice: all pooled columns, but more values than the pool keeps.
        for (var round = 0; round < 2; round++)
            for (var v = 0; v < 1000; v++)
                for (var c = 0; c < CellPool.MaxColumns; c++)
                    Assert.Equal($"{c}:{v}", pool.Get(c, $"{c}:{v}".AsSpan()));
        Assert.Equal(CellPool.MaxTotalEntries, pool.Total);
    }
}
