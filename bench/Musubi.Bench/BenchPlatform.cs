using Microsoft.Extensions.DependencyInjection;
using Musubi.Address;
using Musubi.Convert;
using Musubi.Hosting;
using Musubi.Registry;
using Musubi.Storage;

namespace Musubi.Bench;

/// <summary>The platform's services for the benchmarks, as the CLI builds them (the bench is an edge: it may read MUSUBI_DATA).</summary>
internal static class BenchPlatform
{
    public static string DataDirectory(string? option) =>
        Path.GetFullPath(option ?? Environment.GetEnvironmentVariable("MUSUBI_DATA")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "musubi"));

    /// <summary>The services over the store in <paramref name="data"/>; null: an empty store (no towns).</summary>
    public static ServiceProvider Services(string? data) =>
        StorageServices.BuildMusubi(new MusubiOptions { DataDirectory = data ?? Path.Combine(Path.GetTempPath(), "musubi-bench-empty") });

    public static ConvertReport Convert(ConvertRequest request, string? data = null)
    {
        using var services = Services(data);
        return services.GetRequiredService<ConvertOperation>().Run(request).Value;
    }

    public static ConvertRequest Request(string input, string output, bool addresses = true, IProgress<ConvertProgress>? progress = null) =>
        new() { Input = ConvertInput.FromFile(input), Output = ConvertOutput.ToFile(output), Addresses = addresses, Progress = progress };

    public static AddressNormalizer Normalizer(string? data) =>
        new AddressNormalizerSource(LocalGovernmentRegistry.Default, Stores(data)).Normalizer;

    public static ITownStores Stores(string? data) =>
        new StoreFactory(new MusubiOptions { DataDirectory = data ?? Path.Combine(Path.GetTempPath(), "musubi-bench-empty") });
}
