using Musubi.Address;
using Musubi.Hosting;
using Musubi.Registry;
using Musubi.Storage;
using Musubi.Storage.Sqlite;
using Musubi.Tests.Support;

namespace Musubi.Tests.Storage;

/// <summary>The same town-store tests against SQLite (always) and PostgreSQL (when MUSUBI_TEST_PG holds a connection string).</summary>
public sealed class TownStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "musubi-store-" + Guid.NewGuid().ToString("N"));
    private PostgresTestSchema? _pg;

    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "address", "mt_town_sample.csv");

    [Fact]
    public void Sqlite_store_imports_replaces_and_rejects() => Imports_the_address_base_registry_csv_and_replaces_a_city_atomically(Stores("sqlite"));

    [PostgresFact]
    public void Postgres_store_imports_replaces_and_rejects() => Imports_the_address_base_registry_csv_and_replaces_a_city_atomically(Stores("postgresql"));

    private StoreFactory Stores(string kind)
    {
        if (kind == "sqlite") return new StoreFactory(new MusubiOptions { DataDirectory = _dir });
        _pg = new PostgresTestSchema();
        return new StoreFactory(new MusubiOptions { DataDirectory = _dir, Database = _pg.ConnectionString });
    }

    private void Imports_the_address_base_registry_csv_and_replaces_a_city_atomically(StoreFactory stores)
    {
        using (var store = stores.OpenForWrite())
        {
            var records = TownImporter.ReadAbrCsv(Fixture, LocalGovernmentRegistry.Default);
            Assert.Equal(4, records.Count);
            Assert.Equal("0056000", records[0].TownId);
            store.ReplaceCities(records, Fixture, TownImporter.AbrFormat);
            var info = store.Info()!;
            Assert.Equal(4, info.Towns);
            Assert.Equal(2, info.Cities);

            // Re-import of one city replaces only that city's towns.
            store.ReplaceCities([new TownRecord("131016", null, "紀尾井町", "", 1, 2)], "x", "test");
            var all = store.ReadAll().ToList();
            Assert.Equal(2, all.Count);
            Assert.Contains(all, r => r.LgCode == "221384");

            // A bad input is rejected before anything is written.
            Directory.CreateDirectory(_dir);
            var bad = Path.Combine(_dir, "bad.csv");
            File.WriteAllText(bad, "lg_code,oaza_cho\n131017,紀尾井町\n");
            Assert.Throws<Musubi.Read.InputException>(() => TownImporter.ReadAbrCsv(bad, LocalGovernmentRegistry.Default));
            Assert.Equal(2, store.ReadAll().Count());
        }

        // The registry reads the same store through a read-only open.
        var towns = TownRegistry.Load(stores);
        Assert.Equal(2, towns.Count);
        Assert.Equal("221384", new AddressNormalizer(LocalGovernmentRegistry.Default, towns).Normalize("浜松市中央区元城町1").LgCode);
    }

    [Fact]
    public void Normalizer_uses_the_imported_towns_and_their_ids()
    {
        var stores = Stores("sqlite");
        var records = TownImporter.ReadAbrCsv(Fixture, LocalGovernmentRegistry.Default);
        using (var store = stores.OpenForWrite()) store.ReplaceCities(records, Fixture, TownImporter.AbrFormat);
        var towns = TownRegistry.Load(stores);
        Assert.Equal(4, towns.Count);
        Assert.True(towns.Info.Loaded);
        var n = new AddressNormalizerSource(LocalGovernmentRegistry.Default, stores).Normalizer;
        var r = n.Normalize("東京都千代田区紀尾井町1-3");
        Assert.Equal(3, r.Level);
        Assert.Equal("0056000", r.TownId);
        Assert.Equal(35.679107172, r.Lat);
        var h = n.Normalize("静岡県浜松市中央区元城町１０３－２");
        Assert.Equal("221384", h.LgCode);
        Assert.Equal("103-2", h.Rest);
    }

    [Fact]
    public void Reads_the_geolonia_format_from_a_folder_or_a_file_and_rejects_unknown_cities()
    {
        var root = Path.Combine(_dir, "geo", "api", "ja");
        var tokyo = Path.Combine(root, "東京都");
        Directory.CreateDirectory(tokyo);
        File.WriteAllText(Path.Combine(root, "..", "ja.json"), "{\"東京都\":[\"千代田区\"]}");
        File.WriteAllText(Path.Combine(tokyo, "千代田区.json"),
            "[{\"town\":\"飯田橋一丁目\",\"koaza\":\"\",\"lat\":35.69847,\"lng\":139.749414},{\"town\":\"紀尾井町\",\"koaza\":\"\",\"lat\":35.6,\"lng\":139.7}]");
        var (records, format) = TownImporter.Read(Path.Combine(_dir, "geo"), LocalGovernmentRegistry.Default);
        Assert.Equal(TownImporter.GeoloniaFormat, format);
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal("131016", r.LgCode));
        Assert.Equal(2, TownImporter.Read(Path.Combine(tokyo, "千代田区.json"), LocalGovernmentRegistry.Default).Records.Count);

        File.WriteAllText(Path.Combine(tokyo, "どこにもない市.json"), "[]");
        var ex = Assert.Throws<InvalidDataException>(() => TownImporter.Read(root, LocalGovernmentRegistry.Default));
        Assert.Contains("どこにもない市", ex.Message);
        File.Delete(Path.Combine(tokyo, "どこにもない市.json"));
        File.WriteAllText(Path.Combine(tokyo, "港区.json"), "[{\"town\":");
        Assert.Throws<InvalidDataException>(() => TownImporter.Read(root, LocalGovernmentRegistry.Default));
    }

    [Fact]
    public void Missing_store_gives_an_empty_registry_and_creates_nothing()
    {
        var nothing = Path.Combine(_dir, "nothing");
        var towns = TownRegistry.Load(new StoreFactory(new MusubiOptions { DataDirectory = nothing }));
        Assert.Equal(0, towns.Count);
        Assert.False(towns.Info.Loaded);
        Assert.False(Directory.Exists(nothing));
        Assert.False(File.Exists(SqliteDatabase.PathIn(nothing)));
    }

    public void Dispose()
    {
        _pg?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }
}
