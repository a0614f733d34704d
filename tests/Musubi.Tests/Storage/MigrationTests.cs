using Dapper;
using Microsoft.Data.Sqlite;
using Musubi.Hosting;
using Musubi.Registry;
using Musubi.Storage;
using Musubi.Storage.Sqlite;
using Musubi.Tests.Support;
using Npgsql;

namespace Musubi.Tests.Storage;

/// <summary>
/// Versioned migrations on both engines: an empty store and one made by the release before migrations (tables created
/// by the town store itself, no schema_version) both come up to date without losing data; read-only opens change nothing;
/// a store from a newer Musubi is refused.
/// </summary>
public sealed class MigrationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "musubi-migrate-" + Guid.NewGuid().ToString("N"));

    /// <summary>The tables exactly as the release before migrations created them (SqliteTownStore.EnsureSchema, commit 3adf1ff).</summary>
    private const string PreviousReleaseSqlite = """
        CREATE TABLE IF NOT EXISTS towns (lg_code TEXT NOT NULL, town_id TEXT NULL, town TEXT NOT NULL, koaza TEXT NOT NULL DEFAULT '', lat REAL NULL, lng REAL NULL);
        CREATE INDEX IF NOT EXISTS towns_lg_code ON towns (lg_code);
        CREATE TABLE IF NOT EXISTS town_imports (id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, format TEXT NOT NULL, imported_at TEXT NOT NULL, towns INTEGER NOT NULL, cities INTEGER NOT NULL);
        INSERT INTO towns (lg_code, town_id, town, koaza, lat, lng) VALUES ('131016', '0056000', '紀尾井町', '', 35.679107172, 139.736394);
        INSERT INTO town_imports (source, format, imported_at, towns, cities) VALUES ('old.csv', 'abr-town-csv', '2026-11-30T00:00:00Z', 1, 1);
        """;

    /// <summary>The same for PostgreSQL (PostgresTownStore's constructor, commit 3adf1ff).</summary>
    private const string PreviousReleasePostgres = """
        CREATE TABLE IF NOT EXISTS towns (lg_code TEXT NOT NULL, town_id TEXT NULL, town TEXT NOT NULL, koaza TEXT NOT NULL DEFAULT '', lat DOUBLE PRECISION NULL, lng DOUBLE PRECISION NULL, seq BIGSERIAL);
        CREATE INDEX IF NOT EXISTS towns_lg_code ON towns (lg_code);
        CREATE TABLE IF NOT EXISTS town_imports (id BIGSERIAL PRIMARY KEY, source TEXT NOT NULL, format TEXT NOT NULL, imported_at TEXT NOT NULL, towns INTEGER NOT NULL, cities INTEGER NOT NULL);
        INSERT INTO towns (lg_code, town_id, town, koaza, lat, lng) VALUES ('131016', '0056000', '紀尾井町', '', 35.679107172, 139.736394);
        INSERT INTO town_imports (source, format, imported_at, towns, cities) VALUES ('old.csv', 'abr-town-csv', '2026-11-30T00:00:00Z', 1, 1);
        """;

    [Fact]
    public void Migration_files_are_numbered_one_to_n_for_both_engines()
    {
        Assert.Equal(Enumerable.Range(1, Migrator.Latest(Dialect.Sqlite)), Migrator.For(Dialect.Sqlite).Select(m => m.Version));
        Assert.Equal(Migrator.For(Dialect.Sqlite).Select(m => m.Name), Migrator.For(Dialect.Postgres).Select(m => m.Name));
    }

    [Fact]
    public void Sqlite_empty_store_comes_up_to_date()
    {
        using (SqliteDatabase.OpenForWrite(_dir)) { }
        using var c = SqliteDatabase.OpenForWrite(_dir); // a second open finds nothing to do
        Assert.Equal(Migrator.Latest(Dialect.Sqlite), Migrator.CurrentVersion(c, Dialect.Sqlite));
        Assert.Equal(Migrator.Latest(Dialect.Sqlite), c.ExecuteScalar<long>("SELECT count(*) FROM schema_version"));
    }

    [Fact]
    public void Sqlite_store_of_the_previous_release_comes_up_to_date_with_its_data()
    {
        Directory.CreateDirectory(_dir);
        using (var old = new SqliteConnection($"Data Source={SqliteDatabase.PathIn(_dir)};Pooling=False"))
        {
            old.Open();
            old.Execute(PreviousReleaseSqlite);
        }
        var stores = new StoreFactory(new MusubiOptions { DataDirectory = _dir });
        using (var store = stores.OpenForWrite())
        {
            Assert.Equal("紀尾井町", Assert.Single(store.ReadAll()).Town);
            Assert.Equal("old.csv", store.Info()!.Source);
        }
        using var c = SqliteDatabase.OpenForRead(_dir)!;
        Assert.Equal(Migrator.Latest(Dialect.Sqlite), Migrator.CurrentVersion(c, Dialect.Sqlite));
    }

    [Fact]
    public void Sqlite_read_only_open_never_creates_tables()
    {
        Assert.Null(SqliteDatabase.OpenForRead(_dir));
        Assert.False(Directory.Exists(_dir));
        Directory.CreateDirectory(_dir);
        using (var empty = new SqliteConnection($"Data Source={SqliteDatabase.PathIn(_dir)};Pooling=False"))
        {
            empty.Open();
            empty.Execute("CREATE TABLE unrelated (x INTEGER)");
        }
        var stores = new StoreFactory(new MusubiOptions { DataDirectory = _dir });
        using (var store = stores.OpenForRead()!)
        {
            Assert.Empty(store.ReadAll());
            Assert.Null(store.Info());
        }
        using var c = new SqliteConnection($"Data Source={SqliteDatabase.PathIn(_dir)};Pooling=False");
        c.Open();
        Assert.Equal(["unrelated"], c.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table'"));
    }

    [Fact]
    public void Sqlite_store_of_a_newer_release_is_refused()
    {
        using (var c = SqliteDatabase.OpenForWrite(_dir)) c.Execute("INSERT INTO schema_version VALUES (999, 'future', 'x')");
        var write = Assert.Throws<InvalidDataException>(() => SqliteDatabase.OpenForWrite(_dir));
        Assert.Contains("newer Musubi", write.Message);
        Assert.Throws<InvalidDataException>(() => SqliteDatabase.OpenForRead(_dir));
    }

    [PostgresFact]
    public void Postgres_empty_store_comes_up_to_date()
    {
        using var pg = new PostgresTestSchema();
        var stores = new StoreFactory(new MusubiOptions { DataDirectory = _dir, Database = pg.ConnectionString });
        using (stores.OpenForWrite()) { }
        using (var store = stores.OpenForWrite()) Assert.Empty(store.ReadAll());
        using var c = new NpgsqlConnection(pg.ConnectionString);
        c.Open();
        Assert.Equal(Migrator.Latest(Dialect.Postgres), Migrator.CurrentVersion(c, Dialect.Postgres));
        Assert.Equal(Migrator.Latest(Dialect.Postgres), c.ExecuteScalar<long>("SELECT count(*) FROM schema_version"));
    }

    [PostgresFact]
    public void Postgres_store_of_the_previous_release_comes_up_to_date_with_its_data()
    {
        using var pg = new PostgresTestSchema();
        pg.Execute(PreviousReleasePostgres);
        var stores = new StoreFactory(new MusubiOptions { DataDirectory = _dir, Database = pg.ConnectionString });
        using (var store = stores.OpenForWrite())
        {
            Assert.Equal("紀尾井町", Assert.Single(store.ReadAll()).Town);
            Assert.Equal("old.csv", store.Info()!.Source);
        }
        using var c = new NpgsqlConnection(pg.ConnectionString);
        c.Open();
        Assert.Equal(Migrator.Latest(Dialect.Postgres), Migrator.CurrentVersion(c, Dialect.Postgres));
    }

    [PostgresFact]
    public void Postgres_read_only_open_never_creates_tables_and_refuses_a_newer_store()
    {
        using var pg = new PostgresTestSchema();
        var stores = new StoreFactory(new MusubiOptions { DataDirectory = _dir, Database = pg.ConnectionString });
        using (var store = stores.OpenForRead()!)
        {
            Assert.Empty(store.ReadAll());
            Assert.Null(store.Info());
        }
        using (var c = new NpgsqlConnection(pg.ConnectionString))
        {
            c.Open();
            Assert.Equal(0, c.ExecuteScalar<long>("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"));
        }
        using (stores.OpenForWrite()) { }
        pg.Execute("INSERT INTO schema_version VALUES (999, 'future', 'x')");
        Assert.Throws<InvalidDataException>(() => stores.OpenForWrite());
        Assert.Throws<InvalidDataException>(() => stores.OpenForRead());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }
}
