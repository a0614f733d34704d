using System.Text;
using CsCheck;
using Musubi.Write;

namespace Musubi.Tests.Write;

public sealed class CsvRecordWriterTests
{
    private static byte[] WriteAll(bool bom, params string[][] records)
    {
        var ms = new MemoryStream();
        using (var w = new CsvRecordWriter(ms, ["名称", "備考"], bom))
        {
            foreach (var r in records) w.Write(r);
            w.Complete();
        }
        return ms.ToArray();
    }

    [Fact]
    public void Writes_utf8_with_crlf_quoting_and_neutralized_formulas()
    {
        var bytes = WriteAll(false, ["a,b", "say \"hi\""], ["=1+2", "-12.5"], ["", "\u3042"]);
        Assert.Equal("名称,備考\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n'=1+2,-12.5\r\n,\u3042\r\n", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Bom_only_when_asked()
    {
        Assert.Equal([0xEF, 0xBB, 0xBF], WriteAll(true)[..3]);
        Assert.Equal((byte)'\xe5', WriteAll(false)[0]); // 名 starts with E5
    }

    [Fact]
    public void A_lone_surrogate_becomes_the_replacement_character()
    {
        var text = Encoding.UTF8.GetString(WriteAll(false, ["x\uD800y", "ok"]));
        Assert.EndsWith("x\uFFFDy,ok\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_larger_and_more_than_the_buffer_come_out_whole()
    {
        var big = new string('鬱', 100_000); // 300,000 UTF-8 bytes, more than the 64 KiB buffer
        var records = Enumerable.Range(0, 20_000).Select(i => new[] { $"施設{i}", i % 5000 == 0 ? big : "北\"区\"" }).ToArray();
        var expected = new StringBuilder("名称,備考\r\n");
        foreach (var r in records)
            expected.Append(r[0]).Append(',').Append(r[1] == big ? big : "\"北\"\"区\"\"\"").Append("\r\n");
        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(WriteAll(false, records)));
    }

    [Fact]
    public void Any_cells_come_out_as_the_reference_utf8_rfc4180_encoding()
    {
        // Mixes the one-pass path's cases: ASCII, 2- and 3-byte characters, surrogate pairs, lone surrogates,
        // characters that need quotes, formula starts, short and long cells.
        const string alphabet = "a1 .,\"\r\n=+-@\t\u00E9\u00B1\u3042\u5317\uFF0D\uD83D\uDE00\uD800\uDC00";
        var cell = Gen.OneOf(
            Gen.Int[0, alphabet.Length - 1].Array[0, 12],
            Gen.Int[0, alphabet.Length - 1].Array[250, 300]).Select(ix => new string([.. ix.Select(i => alphabet[i])]));
        cell.Array[2].Array[0, 20].Sample(records =>
        {
            var expected = new StringBuilder("名称,備考\r\n");
            foreach (var r in records)
                expected.Append(Reference(r[0])).Append(',').Append(Reference(r[1])).Append("\r\n");
            Assert.Equal(new UTF8Encoding(false).GetBytes(expected.ToString()), WriteAll(false, records));
        }, iter: 2000, threads: 1);
    }

    [Fact]
    public void Utf8_cells_give_the_bytes_the_string_cells_give()
    {
        // The national downloads' byte path against the string path, on the same alphabet (lone surrogates are U+FFFD in
        // both: Encoding.UTF8 replaces them as the writer does).
        const string alphabet = "a1 .,\"\r\n=+-@\t\u00E9\u00B1\u3042\u5317\uFF0D\uFF1D\uFF0B\uFF20\uD83D\uDE00\uD800\uDC00";
        var cell = Gen.Frequency(
            (20, Gen.Int[0, alphabet.Length - 1].Array[0, 12]),
            (5, Gen.Int[0, alphabet.Length - 1].Array[250, 300]),
            (1, Gen.Int[0, alphabet.Length - 1].Array[70_000, 70_100])).Select(ix => new string([.. ix.Select(i => alphabet[i])]));
        cell.Array[3].Array[0, 20].Sample(records =>
        {
            var viaBytes = new MemoryStream();
            int neutralized;
            using (var w = new CsvRecordWriter(viaBytes, ["名称", "備考", "x"], bom: false))
            {
                var cells = new Utf8Cells(3);
                foreach (var r in records)
                {
                    cells.Clear();
                    for (var i = 0; i < r.Length; i++) cells.Set(i, Encoding.UTF8.GetBytes(r[i]));
                    w.Write(cells);
                }
                w.Complete();
                neutralized = w.NeutralizedCells;
            }
            var viaStrings = new MemoryStream();
            using (var w = new CsvRecordWriter(viaStrings, ["名称", "備考", "x"], bom: false))
            {
                foreach (var r in records) w.Write(r);
                w.Complete();
                Assert.Equal(w.NeutralizedCells, neutralized);
            }
            Assert.Equal(viaStrings.ToArray(), viaBytes.ToArray());
            foreach (var r in records)
                foreach (var c in r)
                    Assert.Equal(CsvRecordWriter.NeedsNeutralizing(c), CsvRecordWriter.NeedsNeutralizing(Encoding.UTF8.GetBytes(c)));
        }, iter: 500, threads: 1);
    }

    /// <summary>RFC 4180 quoting with the formula rule, written without the writer's shortcuts.</summary>
    private static string Reference(string value)
    {
        var text = CsvRecordWriter.NeedsNeutralizing(value) ? "'" + value : value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
