using System.Text.Json;
using Musubi.Convert;
using Musubi.Operations;
using Musubi.Tests.Support;

namespace Musubi.Tests.Cli;

/// <summary>The `musubi` program run as a person runs it: real process, real files, exit codes.</summary>
public sealed class CliTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("musubi-cli-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Convert_writes_csv_and_report_and_exits_0_with_fixes()
    {
        var output = Path.Combine(_dir.FullName, "aed.csv");
        var reportPath = Path.Combine(_dir.FullName, "report.json");
        var r = CliProcess.Run(_dir.FullName, "convert", CliProcess.Sample("111007_aed.csv"), "--out", output, "--report", reportPath);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("aed", r.Stderr);
        Assert.Contains("fixes", r.Stderr);
        Assert.True(File.Exists(output));
        using var report = JsonDocument.Parse(File.ReadAllText(reportPath));
        Assert.Equal("aed", report.RootElement.GetProperty("schema").GetString());
        Assert.Equal(5, report.RootElement.GetProperty("rowsWritten").GetInt32());
    }

    [Fact]
    public void Convert_to_stdout_keeps_stdout_machine_readable()
    {
        var r = CliProcess.Run(_dir.FullName, "convert", CliProcess.Sample("111007_aed.csv"), "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(5, doc.RootElement.GetArrayLength());
        Assert.Equal("111007", doc.RootElement[0].GetProperty("全国地方公共団体コード").GetString());
        Assert.Equal(35.861729, doc.RootElement[0].GetProperty("緯度").GetDouble());
    }

    [Fact]
    public void Convert_to_geojson_writes_points()
    {
        var output = Path.Combine(_dir.FullName, "aed.geojson");
        var r = CliProcess.Run(_dir.FullName, "convert", CliProcess.Sample("111007_aed.csv"), "--out", output);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal("FeatureCollection", doc.RootElement.GetProperty("type").GetString());
        var first = doc.RootElement.GetProperty("features")[0];
        Assert.Equal(139.645656, first.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("features")[2].GetProperty("geometry").ValueKind);
    }

    [Fact]
    public void Unreadable_input_exits_2_with_one_line_naming_the_file()
    {
        var bad = Path.Combine(_dir.FullName, "page.csv");
        File.WriteAllText(bad, "<!DOCTYPE html><html><body>Not found</body></html>");
        var r = CliProcess.Run(_dir.FullName, "convert", bad);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("page.csv", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr); // no stack trace
        Assert.Single(r.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public void Missing_file_exits_2()
    {
        var r = CliProcess.Run(_dir.FullName, "convert", "nope.csv");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("nope.csv", r.Stderr);
    }

    [Fact]
    public void A_table_of_unknown_kind_exits_2_and_asks_for_schema()
    {
        var r = CliProcess.Run(_dir.FullName, "convert", CliProcess.Fixture("convert", "no_hint_table.csv"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--schema", r.Stderr);
    }

    [Fact]
    public void A_missing_required_column_exits_1()
    {
        var input = Path.Combine(_dir.FullName, "toilets.csv");
        File.WriteAllText(input, "名称,男性トイレ総数,女性トイレ総数,バリアフリートイレ数,車椅子使用者用トイレ有無\n駅前トイレ,2,2,1,有\n");
        var r = CliProcess.Run(_dir.FullName, "convert", input, "--schema", "public-toilet", "--out", Path.Combine(_dir.FullName, "out.csv"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("required-column-missing", r.Stderr);
    }

    [Fact]
    public void A_failed_conversion_does_not_overwrite_an_earlier_output()
    {
        var output = Path.Combine(_dir.FullName, "aed.csv");
        Assert.Equal(0, CliProcess.Run(_dir.FullName, "convert", CliProcess.Sample("111007_aed.csv"), "--out", output).ExitCode);
        var before = File.ReadAllBytes(output);
        var bad = Path.Combine(_dir.FullName, "bad.csv");
        File.WriteAllBytes(bad, []);
        Assert.Equal(2, CliProcess.Run(_dir.FullName, "convert", bad, "--schema", "aed", "--out", output).ExitCode);
        Assert.Equal(before, File.ReadAllBytes(output));
        Assert.Single(Directory.GetFiles(_dir.FullName, "aed.csv*"));
    }

    [Fact]
    public void A_second_conversion_replaces_the_output_and_leaves_nothing_beside_it()
    {
        var output = Path.Combine(_dir.FullName, "again.csv");
        File.WriteAllText(output, "old content");
        File.WriteAllText(ConvertOperation.ExtraPathFor(output), "old extra");
        Assert.Equal(0, CliProcess.Run(_dir.FullName, "convert", CliProcess.Sample("111007_aed.csv"), "--out", output).ExitCode);
        var first = File.ReadAllBytes(output);
        Assert.NotEqual("old content"u8.ToArray(), first);
        Assert.Equal(0, CliProcess.Run(_dir.FullName, "convert", CliProcess.Sample("111007_aed.csv"), "--out", output).ExitCode);
        Assert.Equal(first, File.ReadAllBytes(output));
        // No temporary or set-aside files remain: only the output and, if the table had unmapped columns, its extra file.
        Assert.All(Directory.GetFiles(_dir.FullName, "again*"), f => Assert.Matches(@"again(\.extra)?\.csv$", f));
    }

    [Fact]
    public void Map_and_schema_options_override_detection()
    {
        var input = Path.Combine(_dir.FullName, "x.csv");
        File.WriteAllText(input, "施設の呼び名,場所\n市民会館,さいたま市浦和区常盤6-4-4\n");
        var output = Path.Combine(_dir.FullName, "x.out.csv");
        var r = CliProcess.Run(_dir.FullName, "convert", input, "--schema", "aed", "--map", "施設の呼び名=名称", "--map", "場所=所在地_連結表記", "--publisher", "11100", "--out", output);
        // The AED schema's required ID column is not in the file: converted, with errors in a required field.
        Assert.Equal(1, r.ExitCode);
        var lines = File.ReadAllLines(output);
        Assert.StartsWith("111007,", lines[1]);
        Assert.Contains("市民会館", lines[1]);
    }

    [Fact]
    public void Schemas_lists_and_shows()
    {
        var list = CliProcess.Run(_dir.FullName, "schemas");
        Assert.Equal(0, list.ExitCode);
        foreach (var id in new[] { "aed", "care-service", "medical-institution", "cultural-property", "tourist-facility", "event", "public-wifi", "public-toilet", "fire-water-supply", "evacuation-site", "population", "public-facility", "childcare-facility", "open-data-catalog" })
            Assert.Contains(id, list.Stdout);
        var show = CliProcess.Run(_dir.FullName, "schemas", "show", "public-toilet");
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("バリアフリートイレ数", show.Stdout);
        var json = CliProcess.Run(_dir.FullName, "schemas", "show", "aed", "--json");
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal("aed", doc.RootElement.GetProperty("id").GetString());
        Assert.Equal(2, CliProcess.Run(_dir.FullName, "schemas", "show", "nope").ExitCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("geojson")]
    public void Convert_to_stdout_works_in_every_format(string? format)
    {
        string[] args = format is null ? ["convert", CliProcess.Sample("111007_aed.csv")] : ["convert", CliProcess.Sample("111007_aed.csv"), "--format", format];
        var r = CliProcess.Run(_dir.FullName, args);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("converted:", r.Stderr);
        switch (format ?? "csv")
        {
            case "csv":
                var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.StartsWith("全国地方公共団体コード,ID,", lines[0]);
                Assert.Equal(6, lines.Length);
                break;
            case "json":
                using (var doc = JsonDocument.Parse(r.Stdout)) Assert.Equal(5, doc.RootElement.GetArrayLength());
                break;
            default:
                using (var doc = JsonDocument.Parse(r.Stdout))
                {
                    Assert.Equal("FeatureCollection", doc.RootElement.GetProperty("type").GetString());
                    Assert.Equal(5, doc.RootElement.GetProperty("features").GetArrayLength());
                }
                break;
        }
        // Nothing but the data on stdout, and no file left in the working folder.
        Assert.Empty(Directory.GetFiles(_dir.FullName));
    }

    [Fact]
    public void Convert_to_stdout_exits_1_when_required_fields_have_errors()
    {
        var input = Path.Combine(_dir.FullName, "x.csv");
        File.WriteAllText(input, "名称,所在地_連結表記\n市民会館,さいたま市浦和区常盤6-4-4\n");
        var r = CliProcess.Run(_dir.FullName, "convert", input, "--schema", "aed");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("全国地方公共団体コード,", r.Stdout);
    }

    /// <summary>
    /// The CLI is a face over the operation: the same request gives the same typed error called directly, and the CLI
    /// prints its message (plus a hint of its own) in one line and exits 2.
    /// </summary>
    [Theory]
    [InlineData("schema")]
    [InlineData("publisher")]
    [InlineData("unreadable")]
    [InlineData("missing")]
    [InlineData("map")]
    public void The_cli_and_a_direct_call_give_the_same_typed_error(string what)
    {
        var input = Path.Combine(_dir.FullName, "in.csv");
        File.WriteAllText(input, what == "unreadable" ? "<!DOCTYPE html><html><body>Not found</body></html>" : "名称,住所\nA,さいたま市浦和区常盤6-4-4\n");
        if (what == "missing") input = Path.Combine(_dir.FullName, "absent.csv");
        var output = Path.Combine(_dir.FullName, "out.csv");
        var request = Ops.Request(input, output) with
        {
            SchemaId = what is "schema" ? "no-such-schema" : "aed",
            Publisher = what is "publisher" ? "99999x" : null,
            Map = what is "map" ? new Dictionary<string, string> { ["nope"] = "名称" } : null,
        };
        var direct = Ops.TryConvert(request);
        Assert.False(direct.IsOk);
        var (kind, field) = what switch
        {
            "schema" => (ErrorKind.InvalidInput, "SchemaId"),
            "publisher" => (ErrorKind.InvalidInput, "Publisher"),
            "map" => (ErrorKind.InvalidInput, "Map"),
            _ => (ErrorKind.CannotRead, (string?)null),
        };
        Assert.Equal(kind, direct.Error.Kind);
        Assert.Equal(field, direct.Error.Field);
        Assert.DoesNotContain("--", direct.Error.Message); // the core speaks of the problem, not of the CLI's flags

        List<string> args = ["convert", input, "--schema", request.SchemaId!, "--out", output];
        if (request.Publisher is { } p) args.AddRange(["--publisher", p]);
        if (what == "map") args.AddRange(["--map", "nope=名称"]);
        var cli = CliProcess.Run(_dir.FullName, [.. args]);
        Assert.Equal(2, cli.ExitCode);
        var line = Assert.Single(cli.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: " + direct.Error.Message, line);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Unknown_options_and_extra_arguments_exit_2_with_a_usage_hint()
    {
        var unknown = CliProcess.Run(_dir.FullName, "convert", CliProcess.Sample("111007_aed.csv"), "--no-such-option");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no-such-option", unknown.Stderr);
        Assert.Contains("musubi --help", unknown.Stderr);
        var extra = CliProcess.Run(_dir.FullName, "schemas", "show", "aed", "surplus");
        Assert.Equal(2, extra.ExitCode);
    }
}
