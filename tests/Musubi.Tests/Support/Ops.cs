using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Musubi.Convert;
using Musubi.Hosting;
using Musubi.Operations;
using Musubi.Storage;

namespace Musubi.Tests.Support;

/// <summary>
/// The platform's real services for tests: the same container the CLI builds, over a real store (an empty temporary data
/// folder unless a test gives one). Operations are called directly, as any face calls them.
/// </summary>
internal static class Ops
{
    private static readonly Lazy<string> EmptyData = new(() => Directory.CreateTempSubdirectory("musubi-test-data-").FullName);
    private static readonly ConcurrentDictionary<(string, string?), ServiceProvider> Providers = new();

    /// <summary>The services over the store in <paramref name="dataDir"/> (default: an empty folder shared by tests that import nothing).</summary>
    public static ServiceProvider For(string? dataDir = null, string? db = null) =>
        Providers.GetOrAdd((dataDir ?? EmptyData.Value, db), k => StorageServices.BuildMusubi(new MusubiOptions { DataDirectory = k.Item1, Database = k.Item2 }));

    public static T Get<T>(string? dataDir = null) where T : notnull => For(dataDir).GetRequiredService<T>();

    public static Result<ConvertReport> TryConvert(ConvertRequest request, string? dataDir = null) =>
        Get<ConvertOperation>(dataDir).Run(request);

    /// <summary>Converts and returns the report; a failure throws with the typed error.</summary>
    public static ConvertReport Convert(ConvertRequest request, string? dataDir = null) => TryConvert(request, dataDir).Value;

    /// <summary>A request for one input file and one output file.</summary>
    public static ConvertRequest Request(string input, string output) =>
        new() { Input = ConvertInput.FromFile(input), Output = ConvertOutput.ToFile(output) };
}
