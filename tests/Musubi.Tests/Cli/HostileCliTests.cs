using System.Text;
using System.Text.Json;
using Musubi.Tests.Read;
using Musubi.Tests.Support;

namespace Musubi.Tests.Cli;

/// <summary>
/// Issue 11 through the real program: strict command line, one-line errors a script can read (stderr is a pipe here),
/// limits with their hint, the CSV readers of address and import-towns, town validation, and the output set.
/// </summary>
public sealed class HostileCliTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("musubi-hostile-cli-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Temp(string name) => Path.Combine(_dir.FullName, name);

    private static void OneLineError(CliProcess.Result r, params string[] contains)
    {
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.Stderr}");
        var lines = r.Stderr.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1, $"{lines.Length} lines: {r.Stderr}");
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", r.Stderr, StringComparison.Ordinal);
        foreach (var c in contains) Assert.Contains(c, lines[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--no-such-option")]
    [InlineData("--out")] // main: wrote a file named __default_command
    [InlineData("second.csv")]
    [InlineData("--limit", "nonsense=1")]
    [InlineData("--limit", "cells=-5")]
    public void A_wrong_command_line_exits_2_with_a_one_line_hint(params string[] extra)
    {
        var r = CliProcess.Run(_dir.FullName, ["convert", CliProcess.Sample("111007_aed.csv"), .. extra]);
        OneLineError(r);
        Assert.Empty(Directory.GetFiles(_dir.FullName));
    }

    [Fact]
    public void An_option_missing_its_value_before_another_option_is_refused()
    {
        var r = CliProcess.Run(_dir.FullName, "convert", CliProcess.Sample("111007_aed.csv"), "--report", "--quiet");
        OneLineError(r, "--report needs a value");
    }

    [Fact]
    public void Over_a_limit_names_the_file_the_limit_and_how_to_raise_it()
    {
        var path = Temp("xfd20m.xlsx");
        File.WriteAllBytes(path, XlsxBuilder.BuildRaw("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>名称</t></is></c></row>"
            + "<row r=\"20000000\"><c r=\"A20000000\"><v>1</v></c></row>"));
        foreach (var command in new[] { "convert", "inspect" })
        {
            var r = CliProcess.Run(_dir.FullName, command, path);
            OneLineError(r, "xfd20m.xlsx", "row-index=1,048,576", "--limit row-index=N", "MUSUBI_LIMIT_ROW_INDEX");
        }
        // Raised by option, the same file passes the row limit (and then has no schema).
        var raised = CliProcess.Run(_dir.FullName, "inspect", path, "--limit", "row-index=30000000");
        Assert.Equal(0, raised.ExitCode);
    }

    private string UnterminatedQuote(string name, string header)
    {
        var path = Temp(name);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        w.Write(header + "\n\"");
        w.Write(new string('a', 17_000_000));
        w.Write('\n');
        return path;
    }

    [Fact]
    public void Address_csv_with_an_endless_quote_exits_2_in_one_line()
    {
        // main (as filed): an unhandled NotSupportedException from the CSV reader and an abort signal.
        var r = CliProcess.Run(_dir.FullName, "address", "--csv", UnterminatedQuote("q.csv", "住所,名称"), "--column", "住所");
        OneLineError(r, "q.csv", "row-chars");
    }

    [Fact]
    public void Import_towns_with_an_endless_quote_exits_2_in_one_line()
    {
        var r = CliProcess.Run(_dir.FullName, "registry", "import-towns", UnterminatedQuote("mt_town_q.csv", "lg_code,machiaza_id,oaza_cho,rep_lat,rep_lon"));
        OneLineError(r, "mt_town_q.csv", "row-chars");
    }

    private static string Towns(params string[] rows) =>
        "lg_code,machiaza_id,oaza_cho,chome,koaza,rep_lat,rep_lon\n" + string.Join("\n", rows) + "\n";

    [Theory]
    [InlineData("131016,0056000,紀尾井町,,,1e400,139.73", "rep_lat is ∞, not within Japan")] // main: imported; every later conversion wrote 緯度=Infinity
    [InlineData("131016,0056000,紀尾井町,,,35.67,NaN", "rep_lon is not a number")]
    [InlineData("131016,0056000,紀尾井町,,,-35.67,139.73", "rep_lat is -35.67, not within Japan")]
    [InlineData("131016,0056000,紀尾井町,,,35.67,北緯", "rep_lon is not a number")]
    [InlineData("131016,0056000,紀尾井町,,,35.67,", "a latitude but no longitude")]
    [InlineData("131017,0056000,紀尾井町,,,35.67,139.73", "check digit")]
    [InlineData("131016,56000,紀尾井町,,,35.67,139.73", "machiaza_id")]
    [InlineData("131016,0056000,,,,35.67,139.73", "no name")]
    public void A_town_file_with_one_bad_record_imports_nothing_and_names_its_line(string bad, string why)
    {
        var data = Temp("data");
        var good = Temp("mt_town_good.csv");
        File.WriteAllText(good, Towns("131016,0001001,飯田橋,一丁目,,35.69847,139.749414"));
        Assert.Equal(0, CliProcess.Run(_dir.FullName, "registry", "import-towns", good, "--data", data).ExitCode);

        var path = Temp("mt_town_bad.csv");
        File.WriteAllText(path, Towns("131016,0001002,飯田橋,二丁目,,35.699206,139.750564", "131016,0001003,飯田橋,三丁目,,35.7,139.75", bad));
        var r = CliProcess.Run(_dir.FullName, "registry", "import-towns", path, "--data", data);
        OneLineError(r, "mt_town_bad.csv, row 4", why);

        // Nothing changed: the earlier import is still all there is.
        var info = CliProcess.Run(_dir.FullName, "registry", "info", "--json", "--data", data);
        Assert.Equal(0, info.ExitCode);
        Assert.Contains("mt_town_good.csv", info.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("mt_town_bad.csv", info.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_geolonia_town_whose_latitude_overflows_is_refused()
    {
        var dir = Directory.CreateDirectory(Temp(Path.Combine("ja", "東京都"))).FullName;
        var file = Path.Combine(dir, "千代田区.json");
        File.WriteAllText(file, "[{\"town\":\"紀尾井町\",\"koaza\":\"\",\"lat\":35.67,\"lng\":139.73},{\"town\":\"飯田橋一丁目\",\"koaza\":\"\",\"lat\":1e400,\"lng\":139.74}]");
        var r = CliProcess.Run(_dir.FullName, "registry", "import-towns", file, "--data", Temp("data"));
        OneLineError(r, "千代田区.json", "record 2", "lat");
    }

    [Fact]
    public void The_report_names_its_output_by_size_and_hash_and_a_stale_extra_file_goes()
    {
        var output = Temp("aed.csv");
        var extra = Temp("aed.extra.csv");
        var report = Temp("aed.json");
        // An earlier run's extra file; this input maps every column, so it would be left as if it were this run's.
        File.WriteAllText(extra, "row,ID,設置日\n3,1,2019-04-01\n");
        var input = Temp("111007_aed_all_mapped.csv");
        File.WriteAllText(input, "全国地方公共団体コード,ID,名称,緯度,経度\n111007,1,さいたま市役所,35.861729,139.645656\n", new UTF8Encoding(false));
        var r = CliProcess.Run(_dir.FullName, "convert", input, "--out", output, "--report", report, "--schema", "aed", "--quiet");
        Assert.True(r.ExitCode is 0 or 1, r.Stderr);
        Assert.False(File.Exists(extra), "the previous run's extra-columns file stayed beside the new output");
        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        var bytes = File.ReadAllBytes(output);
        Assert.Equal(bytes.Length, doc.RootElement.GetProperty("outputBytes").GetInt64());
        Assert.Equal(System.Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(bytes)), doc.RootElement.GetProperty("outputXxh128").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("extraColumnsFile").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("staleExtraColumnsFile").ValueKind);
        Assert.Equal([output, report], Directory.GetFiles(_dir.FullName).Where(f => f != input).Order());
    }

    [Fact]
    public void Temporary_files_of_a_killed_run_are_removed_by_the_next_run_to_the_folder()
    {
        var output = Temp("aed.csv");
        // What a run killed mid-write leaves: hidden temporary files owned by a process that is gone.
        var killed = Temp($".aed.csv.musubi-tmp-{int.MaxValue - 7}-1700000000-deadbeef");
        File.WriteAllBytes(killed, new byte[1 << 20]);
        var r = CliProcess.Run(_dir.FullName, "convert", CliProcess.Sample("111007_aed.csv"), "--out", output, "--quiet");
        Assert.True(r.ExitCode is 0 or 1, r.Stderr);
        Assert.False(File.Exists(killed));
        Assert.DoesNotContain(Directory.GetFiles(_dir.FullName), f => f.Contains(".musubi-tmp-", StringComparison.Ordinal));
    }

    [Fact]
    public void Errors_into_a_pipe_are_never_wrapped()
    {
        // main wrapped long messages at 80 columns when stderr was not a terminal.
        var name = new string('長', 150) + ".csv";
        var r = CliProcess.Run(_dir.FullName, "convert", Temp(name));
        OneLineError(r, name);
        var ok = CliProcess.Run(_dir.FullName, "convert", CliProcess.Sample("111007_aed.csv"), "--out", Temp(new string('x', 200) + ".csv"));
        Assert.True(ok.ExitCode is 0 or 1, ok.Stderr);
        Assert.Contains(new string('x', 200) + ".csv", ok.Stderr.Split('\n').Single(l => l.StartsWith("rows read", StringComparison.Ordinal)), StringComparison.Ordinal);
    }
}
