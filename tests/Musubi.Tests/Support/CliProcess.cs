using System.Diagnostics;
using System.Text;

namespace Musubi.Tests.Support;

/// <summary>Runs the real `musubi` program (built next to the tests) as a person would, in its own process.</summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Program);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        // Never the user's own store: each run gets an empty data folder unless the test gives --data.
        psi.Environment["MUSUBI_DATA"] = Path.Combine(workingDirectory, ".musubi-data");
        psi.Environment["COLUMNS"] = "200";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"musubi {string.Join(' ', args)} did not finish in 120 s");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// The built musubi.dll, from the CLI project's own output folder: the test folder lacks some of its dependencies,
    /// because the tests reference the ASP.NET Core shared framework (for the loopback test server) and so do not get
    /// copies of the assemblies that framework holds, while musubi runs on the base framework only.
    /// </summary>
    public static string Program
    {
        get
        {
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = here.Parent?.Name ?? "Debug";
            if (SharedPaths.RepoRoot is { } repo)
            {
                var own = Path.Combine(repo, "src", "Musubi.Cli", "bin", configuration, here.Name, "musubi.dll");
                if (File.Exists(own)) return own;
            }
            return Path.Combine(AppContext.BaseDirectory, "musubi.dll");
        }
    }

    public static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    public static string Sample(string name) => Path.Combine(SharedPaths.Repo, "samples", name);
}
