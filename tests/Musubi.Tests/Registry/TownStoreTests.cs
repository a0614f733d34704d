using Musubi.Address;
using Musubi.Registry;
using Musubi.Store;

namespace Musubi.Tests.Registry;

/// <summary>The same store tests against SQLite (always) and PostgreSQL (when MUSUBI_TEST_PG holds a connection string).</summary>
public sealed class TownStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "musubi-store-" + Guid.NewGuid().ToString("N"));

    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "address", "mt_town_sample.csv");

    /// <summary>Runs only when MUSUBI_TEST_PG holds a PostgreSQL connection string (CI sets it).</summary>
    public sealed class PostgresFactAttribute : FactAttribute
    {
        public PostgresFactAttribute()
        {
            if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("MUSUBI_TEST_PG")))
                Skip = "MUSUBI_TEST_PG is not set: PostgreSQL store case skipped";
        }
    }

    [Fact]
    public void Sqlite_store_imports_replaces_and_rejects() => Imports_the_address_base_registry_csv_and_replaces_a_city_atomically("sqlite");

    [PostgresFact]
    public void Postgres_store_imports_replaces_and_rejects() => Imports_the_address_base_registry_csv_and_replaces_a_city_atomically("postgresql");

    private ITownStore? Open(string kind)
    {
        if (kind == "sqlite") return TownStores.OpenForWrite(_dir, null);
        var pg = Environment.GetEnvironmentVariable("MUSUBI_TEST_PG");
        if (string.IsNullOrWhiteSpace(pg)) return null;
        var store = new PostgresTownStore(pg);
        using (var c = new Npgsql.NpgsqlConnection(pg))
        {
            c.Open();
            using var cmd = new Npgsql.NpgsqlCommand("TRUNCATE towns; TRUNCATE town_imports;", c);
            cmd.ExecuteNonQuery();
        }
        return store;
    }

    private void Imports_the_address_base_registry_csv_and_replaces_a_city_atomically(string kind)
    {
        using var store = Open(kind)!;
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
        Assert.Throws<InvalidDataException>(() => TownImporter.ReadAbrCsv(bad, LocalGovernmentRegistry.Default));
        Assert.Equal(2, store.ReadAll().Count());

        // The registry reads the same store (PostgreSQL through the connection string, SQLite through the data folder).
        var towns = TownRegistry.Load(_dir, kind == "sqlite" ? null : Environment.GetEnvironmentVariable("MUSUBI_TEST_PG"));
        Assert.Equal(2, towns.Count);
        Assert.Equal("221384", AddressNormalizerFor(towns).Normalize("浜松市中央区元城町1").LgCode);
    }

    private static AddressNormalizer AddressNormalizerFor(TownRegistry towns) => new(LocalGovernmentRegistry.Default, towns);

    [Fact]
    public void Normalizer_uses_the_imported_towns_and_their_ids()
    {
        var records = TownImporter.ReadAbrCsv(Fixture, LocalGovernmentRegistry.Default);
        using (var store = TownStores.OpenForWrite(_dir, null)) store.ReplaceCities(records, Fixture, TownImporter.AbrFormat);
        var towns = TownRegistry.Load(_dir);
        Assert.Equal(4, towns.Count);
        Assert.True(towns.Info.Loaded);
        var n = AddressNormalizer.Create(_dir);
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
    public void Missing_store_gives_an_empty_registry()
    {
        var towns = TownRegistry.Load(Path.Combine(_dir, "nothing"));
        Assert.Equal(0, towns.Count);
        Assert.False(towns.Info.Loaded);
        Assert.False(File.Exists(Path.Combine(_dir, "nothing", SqliteTownStore.FileName)));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }
}
