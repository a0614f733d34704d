using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Musubi.Catalog;
using Musubi.Harvest;
using Musubi.Hosting;
using Musubi.Operations;
using Musubi.Source;
using Musubi.Storage;
using Musubi.Tests.Support;
using Musubi.Write;

namespace Musubi.Tests.Harvest;

/// <summary>
/// One harvest test's world: a data folder (SQLite) or a PostgreSQL schema of its own, a loopback web server serving a
/// folder of files the test may change, the test fetcher (loopback only, invented names for private addresses), and the
/// platform's real services over the real store.
/// </summary>
internal sealed class HarvestRig : IAsyncDisposable
{
    private readonly TempDir _temp = new();
    private readonly TestFetch _fetch;
    private readonly PostgresTestSchema? _pg;
    private readonly ServiceProvider _services;

    private HarvestRig(TestWebServer server, string engine, Func<FetchOptions, FetchOptions>? fetch)
    {
        Server = server;
        var options = TestFetch.Short(Path.Combine(_temp.Path, "fetch")) with { MaxBodyBytes = 4 * 1024 * 1024 };
        _fetch = new TestFetch(fetch?.Invoke(options) ?? options);
        Directory.CreateDirectory(Path.Combine(_temp.Path, "fetch"));
        if (engine == "postgresql") _pg = new PostgresTestSchema();
        Options = new MusubiOptions { DataDirectory = Path.Combine(_temp.Path, "data"), Database = _pg?.ConnectionString };
        _services = StorageServices.BuildMusubi(Options, s => s.AddSingleton(_fetch.Fetcher));
    }

    public TestWebServer Server { get; }

    public MusubiOptions Options { get; }

    /// <summary>Served under /files/.</summary>
    public string Files => Server.FileRoot;

    public string TempPath => _temp.Path;

    /// <param name="fetch">Changes the test fetcher's options (e.g. longer timeouts).</param>
    public static async Task<HarvestRig> StartAsync(string engine, Func<FetchOptions, FetchOptions>? fetch = null)
    {
        var files = Path.Combine(Path.GetTempPath(), "musubi-files-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(files);
        return new HarvestRig(await TestWebServer.StartAsync(files), engine, fetch);
    }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public ICatalogReader Read() => Get<ICatalogStores>().OpenForRead()!;

    /// <summary>Copies a demo sample file into the served folder under <paramref name="name"/>.</summary>
    public void CopySample(string samplePath, string name) =>
        File.Copy(Path.Combine(SharedPaths.Repo, "samples", "demo", samplePath), Path.Combine(Files, name), overwrite: true);

    public CatalogSource AddSource(string kind, string location, string? publisher = null, string? id = null) =>
        Get<AddSourceOperation>().RunAsync(new AddSourceRequest(kind, location) { PublisherCode = publisher, Id = id }, Caller.Operator).Result.Value;

    public async Task<HarvestResult> HarvestAsync(params string[] sourceIds)
    {
        var r = await Get<HarvestOperation>().RunAsync(new HarvestRequest { SourceIds = sourceIds, All = sourceIds.Length == 0 }, Caller.Operator)
            .WaitAsync(TimeSpan.FromSeconds(180));
        return r.Value;
    }

    public string Export(string schemaId, OutputFormat format = OutputFormat.Csv, string? publisher = null)
    {
        using var ms = new MemoryStream();
        Get<ExportOperation>().RunAsync(new ExportRequest(schemaId, ms) { Format = format, PublisherCode = publisher }, Caller.Operator).Result.Value.ToString();
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>The export's data lines without the columns that name store ids (they differ between stores holding the same data).</summary>
    public static List<string> StableLines(string csv) => [.. csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l =>
    {
        var cells = l.Split(',');
        // source_dataset_id, source_version_id and record_id: positions from the end (…, source_dataset_id, source_dataset, source_url, source_version_id, source_row, record_id).
        return cells.Length < 9 ? l : string.Join(',', cells.Take(cells.Length - 6).Concat([cells[^5], cells[^4], cells[^2]]));
    })];

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _fetch.Dispose();
        await Server.DisposeAsync();
        _pg?.Dispose();
        try
        {
            Directory.Delete(Files, recursive: true);
        }
        catch (IOException)
        {
        }
        _temp.Dispose();
    }
}
