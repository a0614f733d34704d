using Musubi.Convert;
using Musubi.Issues;
using Musubi.Tests.Support;

namespace Musubi.Tests.Convert;

/// <summary>
/// Golden files: each fixture reproduces quirks of real municipal files and its whole standard output is compared
/// byte for byte with a reviewed expected file. MUSUBI_UPDATE_GOLDEN=1 rewrites the expected files (review the diff).
/// </summary>
public sealed class ConvertGoldenTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("musubi-golden-");

    public void Dispose() => _dir.Delete(recursive: true);

    public static TheoryData<string, string> Cases => new()
    {
        // CP932, title row, old column names, 5-digit and bad codes, 経度 before 緯度, swapped pair, "-" and 0,0,
        // full-width digits, 8時30分 and 17:15:00, ○/×/有/無 flags, hiragana and half-width kana, formula, footnote.
        { "samples/111007_aed.csv", "111007_aed.expected.csv" },
        // UTF-16LE TSV, lost leading zeros (92011), ○/× for 1/blank flags, "1,200 " and ５０００, 、-separated list, swapped pair.
        { "convert/092011_evacuation_space_utf16.tsv", "092011_evacuation_space.expected.csv" },
        // Dataset only in the file name, municipality in 【】, address without prefecture and city, DMS coordinates.
        { "convert/【さいたま市】AED設置場所一覧.csv", "saitama_aed_from_file_name.expected.csv" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_matches_the_reviewed_golden_file(string input, string expected)
    {
        var path = input.StartsWith("samples/", StringComparison.Ordinal)
            ? Path.Combine(SharedPaths.Repo, input)
            : CliProcess.Fixture(input.Split('/'));
        var output = Path.Combine(_dir.FullName, "out.csv");
        Ops.Convert(new ConvertRequest { Input = ConvertInput.FromFile(path), Output = ConvertOutput.ToFile(output) });
        var golden = Path.Combine(SharedPaths.Repo, "tests", "Musubi.Tests", "Fixtures", "convert", "golden", expected);
        if (Environment.GetEnvironmentVariable("MUSUBI_UPDATE_GOLDEN") == "1") File.Copy(output, golden, overwrite: true);
        Assert.Equal(File.ReadAllText(golden), File.ReadAllText(output));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_report_json_is_what_the_serializer_writes(string input, string expected)
    {
        _ = expected;
        var path = input.StartsWith("samples/", StringComparison.Ordinal)
            ? Path.Combine(SharedPaths.Repo, input)
            : CliProcess.Fixture(input.Split('/'));
        var report = Ops.Convert(new ConvertRequest { Input = ConvertInput.FromFile(path), Output = ConvertOutput.ToFile(Path.Combine(_dir.FullName, "out.csv")) });
        Assert.NotEmpty(report.Issues);
        Assert.Equal(report.ToJsonWithSerializer(), report.ToJson());
        // Nulls, a sheet and no candidates take the other branches.
        report.ExtraColumnsFile = null;
        report.Issues = [Issue.Of("x", null, null, null, null, "\"quoted\" <b>&</b> 改行\n")];
        Assert.Equal(report.ToJsonWithSerializer(), report.ToJson());
    }
}
