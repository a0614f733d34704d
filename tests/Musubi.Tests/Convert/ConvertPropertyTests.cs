using System.Text;
using CsCheck;
using Musubi.Convert;
using Musubi.Operations;
using Musubi.Read;
using Musubi.Tests.Support;

namespace Musubi.Tests.Convert;

/// <summary>Whatever bytes arrive, the converter converts them or refuses them with an InputException — never crashes.</summary>
public sealed class ConvertPropertyTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("musubi-prop-");

    public void Dispose() => _dir.Delete(recursive: true);

    private void ConvertOrRefuse(byte[] bytes, string name, string? schema)
    {
        // CsCheck samples on several threads: each case has a folder of its own.
        var dir = _dir.CreateSubdirectory(Guid.NewGuid().ToString("N")).FullName;
        var input = Path.Combine(dir, name);
        var output = Path.Combine(dir, "out.csv");
        File.WriteAllBytes(input, bytes);
        var result = Ops.TryConvert(new ConvertRequest { Input = ConvertInput.FromFile(input), Output = ConvertOutput.ToFile(output), SchemaId = schema });
        if (result.IsOk)
        {
            // Converted: the output is in place with a header and one line per written row (rows may hold line breaks, so at least).
            Assert.True(File.Exists(output));
            Assert.Equal(result.Value.RowsRead, result.Value.RowsWritten + result.Value.BlankRecords); // blank records are counted, not written
        }
        else
        {
            // Refused: as unreadable input, in one line that names the file; no output and no temporary file left behind.
            Assert.Equal(ErrorKind.CannotRead, result.Error.Kind);
            Assert.StartsWith(name, result.Error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', result.Error.Message);
            Assert.False(File.Exists(output));
        }
        Assert.Equal(new[] { name }.Concat(result.IsOk ? ["out.csv"] : Array.Empty<string>()).Order(StringComparer.Ordinal), Directory.GetFiles(dir).Select(Path.GetFileName).Where(f => f != "out.extra.csv").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Random_bytes_never_crash() =>
        Gen.Byte.Array[0, 2000].Sample(b => ConvertOrRefuse(b, "random.csv", "aed"), iter: 300);

    private static readonly string[] Cells = ["名称", "住所", "緯度", "経度", "NO", "\"", "\"\"", ",", "\r\n", "\n", "\r", "\t", ";", "令和元年5月1日", "R5.4.1", "-", "０４８", "35.1", "139.2", "=1+1", "ｱｲｳ", "\u3000", "", "x"];

    [Fact]
    public void Random_csv_shapes_never_crash()
    {
        var gen = Gen.Int[0, Cells.Length - 1].Select(i => Cells[i]).Array[0, 12].Array[0, 30];
        gen.Sample(table =>
        {
            var text = string.Join("\n", table.Select(r => string.Join(",", r)));
            ConvertOrRefuse(Encoding.UTF8.GetBytes(text), "shape.csv", "aed");
            ConvertOrRefuse(Encoding.GetEncoding(932).GetBytes(text), "shape-sjis.csv", null);
        }, iter: 200);
    }

    [Fact]
    public void Truncated_files_never_crash()
    {
        var sample = File.ReadAllBytes(Support.CliProcess.Sample("111007_aed.csv"));
        Gen.Int[0, sample.Length].Sample(n => ConvertOrRefuse(sample[..n], "111007_aed.csv", null), iter: 200);
    }

    static ConvertPropertyTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
