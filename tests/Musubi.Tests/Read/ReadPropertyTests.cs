using System.Text;
using CsCheck;
using Musubi.Read;
using static Musubi.Tests.Read.XlsxBuilder;

namespace Musubi.Tests.Read;

/// <summary>Whatever the bytes, reading either works or throws <see cref="InputException"/>.</summary>
public sealed class ReadPropertyTests : IDisposable
{
    private const string Alphabet = "ab1 ,;\t|\"\r\n#※注あ漢　-.";
    private static readonly string[] Newlines = ["\r\n", "\n", "\r"];
    private static readonly char[] Delimiters = [',', '\t', ';', '|'];

    private readonly string _temp = Directory.CreateTempSubdirectory("musubi-read-prop-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private void ReadsOrRefuses(byte[] bytes, string extension)
    {
        var path = Path.Combine(_temp, Guid.NewGuid().ToString("N") + extension);
        File.WriteAllBytes(path, bytes);
        try
        {
            foreach (var t in TableReader.Open(path))
            {
                using (t)
                {
                    foreach (var r in t.Rows)
                    {
                        Assert.Equal(t.Header.Count, r.Cells.Length);
                        Assert.All(r.Cells, Assert.NotNull);
                    }
                }
            }
        }
        catch (InputException e)
        {
            Assert.DoesNotContain("   at ", e.Message, StringComparison.Ordinal);
            Assert.StartsWith(Path.GetFileName(path), e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Random_bytes_never_throw_anything_but_InputException()
    {
        Gen.Byte.Array[0, 3000].Sample(bytes => ReadsOrRefuses(bytes, ".csv"), iter: 300, threads: 1);
    }

    [Fact]
    public void Random_csv_shapes_never_throw_anything_but_InputException()
    {
        var cell = Gen.Int[0, Alphabet.Length - 1].Array[0, 6].Select(ix => new string([.. ix.Select(i => Alphabet[i])]));
        var gen = Gen.Select(cell.Array[0, 7].Array[0, 14], Gen.Int[0, 3], Gen.Int[0, 2], Gen.Int[0, 2], Gen.Int[0, 2]);
        gen.Sample((rows, d, nl, quoting, encoding) =>
        {
            var sb = new StringBuilder();
            foreach (var row in rows)
            {
                for (var i = 0; i < row.Length; i++)
                {
                    if (i > 0) sb.Append(Delimiters[d]);
                    var quote = quoting == 2 || (quoting == 1 && (row[i].Length % 2 == 1));
                    sb.Append(quote ? "\"" + row[i].Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : row[i]);
                }
                sb.Append(Newlines[nl]);
            }
            var text = sb.ToString();
            var bytes = encoding switch
            {
                0 => Encoding.UTF8.GetBytes(text),
                1 => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
                _ => CodePagesEncoding(text),
            };
            ReadsOrRefuses(bytes, d == 1 ? ".tsv" : ".csv");
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void Truncated_files_never_throw_anything_but_InputException()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "read"))
            .Where(f => !f.EndsWith(".py", StringComparison.Ordinal))
            .Select(f => (Bytes: File.ReadAllBytes(f), Ext: Path.GetExtension(f)))
            .Append((Bytes: Build([("S", [[Text("名称"), Text("日付")], [Text("A"), Styled(45000, 1)], [Text("B"), Number(3.5)]])]), Ext: ".xlsx"))
            .ToArray();
        var gen = Gen.Select(Gen.Int[0, files.Length - 1], Gen.Double[0, 1]);
        gen.Sample((f, cut) =>
        {
            var (bytes, ext) = files[f];
            ReadsOrRefuses(bytes[..(int)(bytes.Length * cut)], ext);
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void Well_formed_csv_round_trips_cell_for_cell()
    {
        const string inner = "ab漢 ,;\t|\"\r\n#※";
        var cell = Gen.Select(Gen.Int[0, inner.Length - 1].Array[0, 5], Gen.Int[0, 25], Gen.Bool)
            .Select((ix, letter, quote) => (Text: (char)('a' + letter) + new string([.. ix.Select(i => inner[i])]), Quote: quote));
        var gen = Gen.Select(Gen.Int[3, 6], Gen.Int[0, 3], Gen.Int[0, 2]).SelectMany((width, d, nl) =>
            cell.Array[width].Array[1, 12].Select(rows => (width, d, nl, rows)));
        gen.Sample(x =>
        {
            var (width, d, nl, rows) = x;
            var delim = Delimiters[d];
            var sb = new StringBuilder();
            sb.Append(string.Join(delim, Enumerable.Range(0, width).Select(i => "列" + i))).Append(Newlines[nl]);
            foreach (var row in rows)
            {
                for (var i = 0; i < row.Length; i++)
                {
                    if (i > 0) sb.Append(delim);
                    var t = row[i].Text;
                    // Unquoted cells hold no delimiter-like character, so the delimiter is unambiguous.
                    var must = t.AsSpan().IndexOfAny(",\t;|\r\n") >= 0;
                    sb.Append(must || row[i].Quote ? "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : t);
                }
                sb.Append(Newlines[nl]);
            }
            var path = Path.Combine(_temp, Guid.NewGuid().ToString("N") + ".csv");
            File.WriteAllText(path, sb.ToString());
            using var table = Assert.Single(TableReader.Open(path));
            Assert.Equal(Enumerable.Range(0, width).Select(i => "列" + i), table.Header);
            var read = table.Rows.ToList();
            Assert.Equal(rows.Length, read.Count);
            for (var r = 0; r < rows.Length; r++) Assert.Equal(rows[r].Select(c => c.Text), read[r].Cells);
            File.Delete(path);
        }, iter: 300, threads: 1);
    }

    private static byte[] CodePagesEncoding(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932).GetBytes(text);
    }
}
