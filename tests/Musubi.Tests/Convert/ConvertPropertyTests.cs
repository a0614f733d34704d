using System.Text;
using CsCheck;
using Musubi.Convert;
using Musubi.Read;

namespace Musubi.Tests.Convert;

/// <summary>Whatever bytes arrive, the converter converts them or refuses them with an InputException — never crashes.</summary>
public sealed class ConvertPropertyTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("musubi-prop-");

    public void Dispose() => _dir.Delete(recursive: true);

    private void ConvertOrRefuse(byte[] bytes, string name, string? schema)
    {
        var input = Path.Combine(_dir.FullName, name);
        File.WriteAllBytes(input, bytes);
        try
        {
            var report = ConvertOperation.Run(new ConvertRequest { InputPath = input, SchemaId = schema, OutputPath = Path.Combine(_dir.FullName, "out.csv") });
            Assert.True(report.RowsWritten <= report.RowsRead);
        }
        catch (InputException)
        {
        }
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
