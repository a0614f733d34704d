using System.Diagnostics;
using System.Text;
using CsCheck;
using Musubi.Read;
using Musubi.Write;
using static Musubi.Tests.Read.XlsxBuilder;

namespace Musubi.Tests.Read;

/// <summary>
/// The fuzz suite's in-process part (issue 11): CsCheck generators for each class of hostile input — sparse and huge
/// references, expanding parts, long and unterminated quotes, NUL bytes, mixed encodings, truncations, binary files
/// named .csv — each case read under small limits and bounded in time and allocation; and the writer → reader round
/// trip. A short budget here; scripts/fuzz/run.sh runs the published program for minutes (docs/fuzzing.md).
/// </summary>
public sealed class HostilePropertyTests : IDisposable
{
    private const int Iter = 60;

    /// <summary>Small limits, so every limit is reached by small generated files.</summary>
    private static readonly ReadOptions Small = new()
    {
        Limits = ReadLimits.Default with
        {
            Cells = 20_000,
            Rows = 5_000,
            Columns = 300,
            RowIndex = 100_000,
            ColumnIndex = 300,
            CellChars = 2_000,
            RowChars = 20_000,
            SharedStringChars = 50_000,
            Parts = 40,
        },
    };

    private readonly string _temp = Directory.CreateTempSubdirectory("musubi-hostile-prop-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    /// <summary>Reads or refuses with a one-line <see cref="InputException"/>; never anything else, in bounded time and memory.</summary>
    private void ReadsOrRefuses(byte[] bytes, string extension, ReadOptions? options = null)
    {
        var path = Path.Combine(_temp, Guid.NewGuid().ToString("N")[..8] + extension);
        File.WriteAllBytes(path, bytes);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        try
        {
            foreach (var t in TableReader.Open(path, options ?? Small))
            {
                using (t)
                {
                    foreach (var r in t.Rows) Assert.Equal(t.Header.Count, r.Cells.Length);
                }
            }
        }
        catch (InputException e)
        {
            Assert.StartsWith(Path.GetFileName(path), e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e.Message);
            if (e.Limit is not null) Assert.Contains($"over the limit {e.Limit}=", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"took {sw.Elapsed}");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 200L << 20 || allocated < bytes.Length * 20L, $"allocated {allocated:N0} bytes for a {bytes.Length:N0}-byte file");
    }

    private static string ColumnName(long c)
    {
        var s = "";
        for (; c > 0; c = (c - 1) / 26) s = (char)('A' + ((c - 1) % 26)) + s;
        return s;
    }

    private const string HeaderRow = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>名称</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>住所</t></is></c></row>";

    [Fact]
    public void Sparse_and_huge_references_are_read_or_refused_quickly()
    {
        var row = Gen.OneOf(Gen.Long[2, 200_000], Gen.Const(1_048_576L), Gen.Const(2_147_483_647L), Gen.Long[2, long.MaxValue]);
        var col = Gen.OneOf(Gen.Long[1, 400], Gen.Const(16_384L), Gen.Long[1, 1L << 40]);
        var cell = Gen.Select(row, col, Gen.Bool);
        cell.Array[1, 6].Sample(cells =>
        {
            var sb = new StringBuilder(HeaderRow);
            foreach (var (r, c, withRef) in cells.OrderBy(x => x.Item1))
            {
                var reference = withRef ? $" r=\"{ColumnName(c)}{r}\"" : "";
                sb.Append($"<row r=\"{r}\"><c{reference}><v>{r}</v></c></row>");
            }
            ReadsOrRefuses(BuildRaw(sb.ToString()), ".xlsx");
        }, iter: Iter, threads: 1);
    }

    [Fact]
    public void Expanding_parts_are_refused_while_inflating()
    {
        var gen = Gen.Select(Gen.Int[0, 2], Gen.Int[1_000, 200_000]);
        gen.Sample((kind, size) =>
        {
            var bytes = kind switch
            {
                0 => BuildRaw(HeaderRow + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c></row>", ["<t>" + new string('a', size) + "</t>"]),
                1 => BuildRaw(HeaderRow, Enumerable.Repeat("<t>" + new string('b', 1_000) + "</t>", size / 1_000).ToList()),
                _ => BuildRaw(HeaderRow + string.Concat(Enumerable.Repeat("<row><c><v>1</v></c></row>", size / 20))),
            };
            ReadsOrRefuses(bytes, ".xlsx");
        }, iter: 20, threads: 1);
    }

    [Fact]
    public void Long_and_unterminated_quotes_are_read_or_refused()
    {
        var gen = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 60_000], Gen.Int[0, 200]);
        gen.Sample((kind, length, rows) =>
        {
            var sb = new StringBuilder("名称,住所\n");
            for (var i = 0; i < rows; i++) sb.Append($"a{i},b{i}\n");
            sb.Append(kind switch
            {
                0 => "\"" + new string('x', length),
                1 => "\"" + new string('x', length) + "\",y\n",
                2 => string.Concat(Enumerable.Repeat("\"\"", length / 2)),
                _ => "高さ5\"の棚," + new string('"', length % 500) + "\n",
            });
            ReadsOrRefuses(Encoding.UTF8.GetBytes(sb.ToString()), ".csv");
        }, iter: Iter, threads: 1);
    }

    [Fact]
    public void Nul_bytes_mixed_encodings_and_truncations_are_read_or_refused()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var encodings = new[] { Encoding.UTF8, Encoding.GetEncoding(932), Encoding.GetEncoding(51932), Encoding.Unicode, Encoding.BigEndianUnicode };
        var line = Gen.Select(Gen.Int[0, encodings.Length - 1], Gen.String["0123456789,名称住所高松市あア\"\r\n\0"]);
        var gen = Gen.Select(line.Array[1, 40], Gen.Double[0, 1], Gen.Int[0, 20]);
        gen.Sample((lines, cut, nuls) =>
        {
            var bytes = new List<byte>(Encoding.UTF8.GetBytes("名称,住所\n"));
            foreach (var (e, text) in lines) bytes.AddRange(encodings[e].GetBytes(text + "\n"));
            var rng = new Random(nuls);
            for (var i = 0; i < nuls; i++) bytes.Insert(rng.Next(bytes.Count), 0);
            var all = bytes.ToArray();
            ReadsOrRefuses(all[..Math.Max(1, (int)(all.Length * cut))], ".csv");
        }, iter: Iter, threads: 1);
    }

    [Fact]
    public void Binary_files_named_csv_and_damaged_workbooks_are_refused()
    {
        var book = Build([("S", [[Text("名称"), Text("住所")], [Text("庁舎"), Text("高松市")]])]);
        var heads = new byte[][] { [], "PK\x03\x04"u8.ToArray(), [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "%PDF"u8.ToArray(), [0x1F, 0x8B], [0x89, 0x50, 0x4E, 0x47] };
        var gen = Gen.Select(Gen.Int[0, heads.Length], Gen.Byte.Array[0, 5000], Gen.Int[0, 3], Gen.Double[0, 1]);
        gen.Sample((h, payload, ext, cut) =>
        {
            byte[] bytes;
            if (h == heads.Length)
            {
                // A real workbook, truncated or with random bytes written over part of it.
                bytes = (byte[])book.Clone();
                var at = (int)(cut * (bytes.Length - 1));
                if (payload.Length % 2 == 0) bytes = bytes[..Math.Max(1, at)];
                else payload.AsSpan(0, Math.Min(payload.Length, bytes.Length - at)).CopyTo(bytes.AsSpan(at));
            }
            else
            {
                bytes = [.. heads[h], .. payload];
            }
            if (bytes.Length == 0) bytes = [0];
            ReadsOrRefuses(bytes, new[] { ".csv", ".xlsx", ".xls", ".tsv" }[ext]);
        }, iter: Iter, threads: 1);
    }

    [Fact]
    public void What_the_csv_writer_writes_the_reader_reads_back_cell_for_cell()
    {
        // Any text but what the writer deliberately changes (a leading =, +, -, @ is neutralized; cells are trimmed by
        // nothing in between), including quotes, delimiters and line breaks inside cells.
        const string chars = "ab漢字あア ,\"\r\n0123456789.";
        var text = Gen.String[chars].Where(s => s.Length == 0 || "=+-@\t\r".IndexOf(s[0]) < 0);
        var gen = Gen.Int[2, 6].SelectMany(width => text.Array[width].Array[1, 20].Select(rows => (width, rows)));
        gen.Sample(x =>
        {
            var (width, rows) = x;
            var path = Path.Combine(_temp, Guid.NewGuid().ToString("N")[..8] + ".csv");
            var header = Enumerable.Range(0, width).Select(i => "列" + i).ToList();
            using (var fs = File.Create(path))
            using (var w = new CsvRecordWriter(fs, header, bom: false))
            {
                foreach (var r in rows) w.Write(r);
                w.Complete();
            }
            // Rows that are blank after the reader's trimming are skipped by design; compare the others.
            var expected = rows.Where(r => r.Any(c => c.Trim().Length > 0)).ToList();
            try
            {
                using var table = Assert.Single(TableReader.Open(path));
                Assert.Equal(header, table.Header);
                var read = table.Rows.Select(r => r.Cells).ToList();
                Assert.Equal(expected.Count, read.Count);
                for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i].Select(c => c.Trim()), read[i].Select(c => c.Trim()));
            }
            finally
            {
                File.Delete(path);
            }
        }, iter: Iter, threads: 1);
    }
}
