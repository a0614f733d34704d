using System.Text;
using BenchmarkDotNet.Attributes;
using Musubi.Convert;

namespace Musubi.Bench;

/// <summary>
/// End-to-end conversion of a generated 100,000-row CP932 AED file, against a plain CP932 → UTF-8 decode of
/// the same bytes (the baseline: no conversion can be faster than reading the text once).
/// </summary>
[MemoryDiagnoser]
public class ConvertBenchmarks
{
    private string _input = "";
    private string _output = "";

    [Params(100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var dir = Directory.CreateTempSubdirectory("musubi-bench-");
        _input = Path.Combine(dir.FullName, "111007_aed.csv");
        _output = Path.Combine(dir.FullName, "out.csv");
        AedFileGenerator.Write(_input, Rows);
    }

    [Benchmark(Baseline = true, Description = "decode CP932 only")]
    public long DecodeOnly()
    {
        using var reader = new StreamReader(_input, Encoding.GetEncoding(932), false, 1 << 16);
        var buffer = new char[1 << 16];
        long total = 0;
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0) total += n;
        return total;
    }

    [Benchmark(Description = "musubi convert (read → write)")]
    public long Convert() => BenchPlatform.Convert(BenchPlatform.Request(_input, _output)).RowsWritten;
}
