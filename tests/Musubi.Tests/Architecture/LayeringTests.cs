using System.Text.RegularExpressions;
using Musubi.Tests.Support;

namespace Musubi.Tests.Architecture;

/// <summary>
/// The core's folders follow the data flow and depend on each other one way; the core knows nothing of HTTP serving, the
/// console, CLI flags, database drivers or the environment (docs/architecture.md).
/// </summary>
public sealed partial class LayeringTests
{
    private static readonly string Core = Path.Combine(SharedPaths.Repo, "src", "Musubi.Core");

    private static Dictionary<string, HashSet<string>> FolderDependencies()
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var dir in Directory.GetDirectories(Core).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
        {
            var name = Path.GetFileName(dir);
            var deps = graph[name] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories))
            {
                foreach (Match m in Namespace().Matches(File.ReadAllText(file)))
                {
                    var other = m.Groups[1].Value;
                    if (other != name && Directory.Exists(Path.Combine(Core, other))) deps.Add(other);
                }
            }
        }
        return graph;
    }

    [Fact]
    public void Core_folders_have_no_dependency_cycles()
    {
        var graph = FolderDependencies();
        var state = new Dictionary<string, int>();
        var path = new Stack<string>();
        void Visit(string n)
        {
            state[n] = 1;
            path.Push(n);
            foreach (var d in graph[n])
            {
                if (state.GetValueOrDefault(d) == 1)
                    Assert.Fail($"dependency cycle: {string.Join(" → ", path.Reverse().SkipWhile(p => p != d))} → {d}");
                if (state.GetValueOrDefault(d) == 0) Visit(d);
            }
            path.Pop();
            state[n] = 2;
        }
        foreach (var n in graph.Keys) if (state.GetValueOrDefault(n) == 0) Visit(n);
    }

    [Theory]
    [InlineData("Read", "Normalize")]
    [InlineData("Read", "Convert")]
    [InlineData("Normalize", "Validate")]
    [InlineData("Normalize", "Convert")]
    [InlineData("Registry", "Address")]
    [InlineData("Detect", "Map")]
    [InlineData("Schemas", "Map")]
    public void Upstream_stages_do_not_import_downstream_ones(string upstream, string downstream) =>
        Assert.DoesNotContain(downstream, FolderDependencies()[upstream]);

    [Fact]
    public void Core_knows_nothing_of_web_console_drivers_or_the_environment()
    {
        var csproj = File.ReadAllText(Path.Combine(Core, "Musubi.Core.csproj"));
        foreach (var banned in new[] { "Microsoft.AspNetCore", "Spectre.Console", "Microsoft.Data.Sqlite", "Npgsql" })
            Assert.DoesNotContain(banned, csproj);
        foreach (var file in Directory.EnumerateFiles(Core, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/")))
        {
            var text = File.ReadAllText(file);
            Assert.False(text.Contains("Environment.GetEnvironmentVariable", StringComparison.Ordinal), $"{file} reads the environment (resolve it at the edge)");
            Assert.False(text.Contains("Console.", StringComparison.Ordinal), $"{file} writes to the console");
        }
    }

    [GeneratedRegex(@"\bMusubi\.([A-Z][A-Za-z]+)\b")]
    private static partial Regex Namespace();
}
