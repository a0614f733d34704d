using Musubi.Convert;
using Musubi.Issues;
using Musubi.Tests.Support;

namespace Musubi.Tests.Convert;

/// <summary>
/// The converter with the base registries: 所在地 parts filled from the full address, coordinates from the town's
/// representative point, and contradictions flagged. Towns are imported with the real CLI into a fresh data folder.
/// </summary>
public sealed class ConvertAddressTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("musubi-address-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string ImportTowns()
    {
        var data = Path.Combine(_dir.FullName, "data");
        var r = CliProcess.Run(_dir.FullName, "registry", "import-towns", CliProcess.Fixture("convert", "towns", "ja"), "--data", data);
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        return data;
    }

    private (ConvertReport Report, List<Dictionary<string, string>> Rows) Convert(string input, string? data)
    {
        var output = Path.Combine(_dir.FullName, "out.csv");
        var report = Ops.Convert(new ConvertRequest { Input = ConvertInput.FromFile(input), Output = ConvertOutput.ToFile(output) }, data);
        var lines = File.ReadAllLines(output);
        var header = lines[0].Split(',');
        return (report, lines.Skip(1).Select(l => ConvertSampleTests.SplitCsv(l).Select((v, i) => (header[i], v)).ToDictionary(t => t.Item1, t => t.v)).ToList());
    }

    [Fact]
    public void Without_towns_the_municipality_parts_are_filled()
    {
        var (_, rows) = Convert(CliProcess.Sample("111007_aed.csv"), null);
        Assert.Equal("埼玉県", rows[0]["所在地_都道府県"]);
        Assert.Equal("さいたま市浦和区", rows[0]["所在地_市区町村"]); // refined from the source's さいたま市
        Assert.Equal("111074", rows[0]["所在地_全国地方公共団体コード"]);
        Assert.Equal("", rows[0]["所在地_町字"]);
        Assert.Equal("埼玉県さいたま市浦和区常盤6-4-4", rows[1]["所在地_連結表記"]); // prefecture put in front
    }

    [Fact]
    public void With_towns_the_town_and_block_are_filled_and_missing_coordinates_come_from_the_town()
    {
        var (report, rows) = Convert(CliProcess.Sample("111007_aed.csv"), ImportTowns());
        Assert.Equal("常盤六丁目", rows[0]["所在地_町字"]);
        Assert.Equal("4-4", rows[0]["所在地_番地以下"]);
        Assert.Equal("吉敷町一丁目", rows[2]["所在地_町字"]);
        Assert.Equal("124-1", rows[2]["所在地_番地以下"]);
        Assert.Equal("35.9035", rows[2]["緯度"]); // the source had "-": the town's representative point
        Assert.Equal("139.6285", rows[2]["経度"]);
        var filled = Assert.Single(report.Issues, i => i.Code == "coordinates-from-town");
        Assert.Equal(5, filled.Row);
        Assert.Equal(Severity.Fixed, filled.Severity);
    }

    [Fact]
    public void An_address_that_contradicts_its_code_or_coordinates_is_flagged()
    {
        var input = Path.Combine(_dir.FullName, "aed.csv");
        File.WriteAllText(input,
            "名称,設置位置,所在地_連結表記,所在地_全国地方公共団体コード,緯度,経度\n" +
            "浦和区役所,1階,埼玉県さいたま市浦和区常盤六丁目4-4,111015,35.0116,135.7681\n" +
            "見沼区役所,1階,埼玉県さいたま市見沼区堀崎町12-36,111040,35.925,139.66\n");
        var (report, rows) = Convert(input, ImportTowns());
        var code = Assert.Single(report.Issues, i => i.Code == "address-code-mismatch");
        Assert.Equal(2, code.Row);
        Assert.Equal("111015", code.Value);
        var far = Assert.Single(report.Issues, i => i.Code == "address-coordinates-mismatch");
        Assert.Equal(2, far.Row);
        Assert.Equal(Severity.Warning, far.Severity);
        Assert.Equal("111015", rows[0]["所在地_全国地方公共団体コード"]); // flagged, not overwritten
    }

    [Fact]
    public void Parts_without_a_full_address_are_joined()
    {
        var input = Path.Combine(_dir.FullName, "toilet.csv");
        File.WriteAllText(input, "名称,設置位置,所在地_都道府県,所在地_市区町村,所在地_町字,所在地_番地以下\n駅前トイレ,駅前,埼玉県,さいたま市浦和区,常盤六丁目,4-4\n");
        var output = Path.Combine(_dir.FullName, "out.csv");
        var report = Ops.Convert(new ConvertRequest { Input = ConvertInput.FromFile(input), Output = ConvertOutput.ToFile(output), SchemaId = "public-toilet" });
        Assert.Contains("埼玉県さいたま市浦和区常盤六丁目4-4", File.ReadAllText(output));
        Assert.Contains(report.Issues, i => i.Code == "address-joined");
    }
}
