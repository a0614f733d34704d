using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Musubi.Tests.Support;

namespace Musubi.Tests.Cli;

/// <summary>
/// SIGKILL during a conversion onto an existing output (issue 11; the 2,000,000-row, 20-kill version is
/// scripts/fuzz/sigkill.sh): the path always holds a complete old or new output, and the next run to the folder leaves
/// no temporary file. main lost the output in 3 of 12 kills (the old file was moved aside before the new one came in).
/// </summary>
public sealed class KillTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("musubi-kill-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static Process Start(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, UseShellExecute = false, RedirectStandardError = true };
        psi.ArgumentList.Add(CliProcess.Program);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["MUSUBI_DATA"] = Path.Combine(workingDirectory, ".musubi-data");
        return Process.Start(psi)!;
    }

    private static string Sha(string path) => System.Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public async Task A_killed_conversion_leaves_the_old_or_the_new_output_and_the_next_run_cleans_up()
    {
        var input = Path.Combine(_dir.FullName, "111007_aed.csv");
        using (var w = new StreamWriter(input, false, new UTF8Encoding(false)))
        {
            w.Write("全国地方公共団体コード,ID,名称,所在地_連結表記,緯度,経度,電話番号,開始時間\n");
            for (var i = 1; i <= 100_000; i++) w.Write($"111007,{i},施設{i},さいたま市浦和区常盤6-4-4,35.86,139.64,048-829-1111,8時30分\n");
        }
        var outDir = Directory.CreateDirectory(Path.Combine(_dir.FullName, "out")).FullName;
        var output = Path.Combine(outDir, "aed.csv");
        string[] Args(bool bom) => bom ? ["convert", input, "--out", output, "--quiet", "--no-address", "--bom"] : ["convert", input, "--out", output, "--quiet", "--no-address"];

        var sw = Stopwatch.StartNew();
        Assert.True(await Run(Args(false)) is 0 or 1);
        var whole = sw.Elapsed;
        var plain = Sha(output);
        Assert.True(await Run(Args(true)) is 0 or 1);
        var bom = Sha(output);
        Assert.NotEqual(plain, bom);

        var rng = new Random(11);
        var state = bom;
        for (var k = 0; k < 3; k++)
        {
            using var p = Start(_dir.FullName, Args(state == plain));
            _ = p.StandardError.ReadToEndAsync();
            await Task.Delay(TimeSpan.FromMilliseconds(rng.Next(100, (int)Math.Max(200, whole.TotalMilliseconds))));
            try
            {
                p.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // finished before the kill
            }
            await p.WaitForExitAsync();
            var now = Sha(output);
            Assert.True(now == plain || now == bom, $"kill {k}: the path holds neither complete output");
            state = now;

            var small = Path.Combine(_dir.FullName, "small.csv");
            File.WriteAllText(small, "全国地方公共団体コード,ID,名称\n111007,1,a\n");
            Assert.True(await Run(["convert", small, "--out", Path.Combine(outDir, "small.csv"), "--schema", "aed", "--quiet", "--no-address"]) is 0 or 1);
            Assert.DoesNotContain(Directory.GetFiles(outDir), f => f.Contains(".musubi-tmp-", StringComparison.Ordinal));
        }
    }

    private async Task<int> Run(string[] args)
    {
        using var p = Start(_dir.FullName, args);
        var err = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        await err;
        return p.ExitCode;
    }
}
