using Microsoft.Extensions.DependencyInjection;
using Musubi.Catalog;
using Musubi.Hosting;
using Musubi.Storage;
using Musubi.Tests.Support;

namespace Musubi.Tests.Catalog;

/// <summary>The store's record pages (CKAN's datastore_search): field filters on values_json, one version, offsets and counts, on both engines.</summary>
public sealed class RecordQueryTests
{
    [Fact]
    public void Sqlite_filters_offsets_and_counts() => FiltersOffsetsCounts("sqlite");

    [PostgresFact]
    public void Postgres_filters_offsets_and_counts() => FiltersOffsetsCounts("postgresql");

    private static void FiltersOffsetsCounts(string engine)
    {
        using var temp = new TempDir();
        using var pg = engine == "postgresql" ? new PostgresTestSchema() : null;
        using var services = StorageServices.BuildMusubi(new MusubiOptions { DataDirectory = temp.Path, Database = pg?.ConnectionString });
        var stores = services.GetRequiredService<ICatalogStores>();
        ExportTests.Fill(stores);
        using var reader = stores.OpenForRead()!;
        var all = reader.StreamRecords("aed").ToList();
        Assert.Equal(all.Count, reader.CountRecords(new RecordQuery("aed")));
        Assert.Equal(all.Skip(5).Take(3).Select(r => r.Id), reader.Records(new RecordQuery("aed") { Offset = 5, Limit = 3 }).Select(r => r.Id));
        Assert.Empty(reader.Records(new RecordQuery("aed") { Offset = all.Count }));

        static RecordQuery Where(string field, string value) => new("aed") { FieldEquals = new Dictionary<string, string> { [field] = value }, Limit = 1000 };
        foreach (var (field, value) in new[] { ("所在地_連結表記", "仙台市\r\n青葉区"), ("名称", "=HYPERLINK(\"http://x\")"), ("設置位置", "escaped name"), ("名称", "😀 絵文字 é ±") })
        {
            Assert.Equal(2, reader.Records(Where(field, value)).Count);
            Assert.Equal(2, reader.CountRecords(Where(field, value)));
            Assert.Equal(1, reader.CountRecords(Where(field, value) with { PublisherCode = "041009" }));
        }
        Assert.Equal(0, reader.CountRecords(Where("名称", "say")));
        Assert.Equal(2, reader.CountRecords(Where("備考", ""))); // an empty string written out (RecordBuffer leaves empty values out)

        var version = all[0].VersionId;
        var ofVersion = all.Where(r => r.VersionId == version).ToList();
        Assert.Equal(ofVersion.Count, reader.CountRecords(new RecordQuery("aed") { VersionId = version }));
        Assert.Equal(ofVersion.Skip(2).Select(r => r.Id), reader.Records(new RecordQuery("aed") { VersionId = version, Offset = 2, Limit = 1000 }).Select(r => r.Id));
    }
}
