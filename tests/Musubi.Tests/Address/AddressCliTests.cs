using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Musubi.Tests.Support;

namespace Musubi.Tests.Address;

/// <summary>The CLI contract: JSON on stdout (one object, or JSON Lines for --csv), messages on stderr, exit codes.</summary>
public sealed class AddressCliTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "musubi-cli-" + Guid.NewGuid().ToString("N"));

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add(CliProcess.Program);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["MUSUBI_DATA"] = _data;
        psi.Environment.Remove("MUSUBI_DB");
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.Result);
    }

    [Fact]
    public void Import_info_address_and_csv()
    {
        var fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "address", "mt_town_sample.csv");
        var import = Run("registry", "import-towns", fixture);
        Assert.Equal(0, import.Code);
        Assert.Contains("imported 4 towns", import.Err);

        var info = Run("registry", "info", "--json");
        Assert.Equal(0, info.Code);
        using (var doc = JsonDocument.Parse(info.Out))
        {
            Assert.Equal(3, doc.RootElement.GetArrayLength());
            Assert.All(doc.RootElement.EnumerateArray(), e => Assert.True(e.GetProperty("loaded").GetBoolean()));
        }

        var one = Run("address", "東京都千代田区紀尾井町１－３　東京ガーデンテラス紀尾井町");
        Assert.Equal(0, one.Code);
        using (var doc = JsonDocument.Parse(one.Out))
        {
            var r = doc.RootElement;
            Assert.Equal("東京都", r.GetProperty("pref").GetString());
            Assert.Equal("千代田区", r.GetProperty("city").GetString());
            Assert.Equal("紀尾井町", r.GetProperty("town").GetString());
            Assert.Equal("1-3", r.GetProperty("rest").GetString());
            Assert.Equal("東京ガーデンテラス紀尾井町", r.GetProperty("building").GetString());
            Assert.Equal("131016", r.GetProperty("lgCode").GetString());
            Assert.Equal("0056000", r.GetProperty("townId").GetString());
            Assert.Equal(3, r.GetProperty("level").GetInt32());
            Assert.Equal(35.679107172, r.GetProperty("lat").GetDouble());
        }

        // CP932 CSV, JSON Lines in input order, empty cell → level 0.
        Directory.CreateDirectory(_data);
        var csv = Path.Combine(_data, "in.csv");
        File.WriteAllBytes(csv, Encoding.GetEncoding(932).GetBytes("名称,住所\nA,浜松市中央区元城町103-2\nB,\nC,千代田区紀尾井町1-3\n"));
        var batch = Run("address", "--csv", csv, "--column", "住所");
        Assert.Equal(0, batch.Code);
        var lines = batch.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"lgCode\":\"221384\"", lines[0]);
        Assert.Contains("\"level\":0", lines[1]);
        Assert.Contains("\"lgCode\":\"131016\"", lines[2]);

        var missing = Run("address", "--csv", csv, "--column", "所在地");
        Assert.Equal(2, missing.Code);
        Assert.Contains("所在地", missing.Err);
    }

    public AddressCliTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public void Dispose()
    {
        if (Directory.Exists(_data)) Directory.Delete(_data, true);
    }
}
