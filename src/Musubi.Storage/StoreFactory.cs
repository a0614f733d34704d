using Musubi.Access;
using Musubi.Catalog;
using Musubi.Hosting;
using Musubi.Registry;
using Musubi.Storage.Access;
using Musubi.Storage.Catalog;
using Musubi.Storage.Postgres;
using Musubi.Storage.Sqlite;

namespace Musubi.Storage;

/// <summary>Opens the store the options name: PostgreSQL when a connection string is given, else SQLite in the data folder.</summary>
public sealed class StoreFactory(MusubiOptions options) : ITownStores, ICatalogStores, IAccessStores
{
    public string Description => options.Database is null ? "sqlite:" + SqliteDatabase.PathIn(options.DataDirectory) : "postgresql";

    public IBlobStore Blobs { get; } = new FileBlobStore(Path.Combine(options.DataDirectory, "blobs"));

    /// <summary>SQLite: one writer per file (more connections would only wait on its lock). PostgreSQL: a few, as its rows lock one by one.</summary>
    public int Writers => options.Database is null ? 1 : 8;

    public ITownStore? OpenForRead()
    {
        if (options.Database is { } db) return new PostgresTownStore(PostgresDatabase.OpenForRead(db));
        var c = SqliteDatabase.OpenForRead(options.DataDirectory);
        return c is null ? null : new SqliteTownStore(c, Description);
    }

    public ITownStore OpenForWrite() => options.Database is { } db
        ? new PostgresTownStore(PostgresDatabase.OpenForWrite(db))
        : new SqliteTownStore(SqliteDatabase.OpenForWrite(options.DataDirectory), Description);

    IAccessStore? IAccessStores.OpenForRead()
    {
        if (options.Database is { } db) return new SqlAccessStore(PostgresDatabase.OpenForRead(db), Dialect.Postgres);
        var c = SqliteDatabase.OpenForRead(options.DataDirectory);
        return c is null ? null : new SqlAccessStore(c, Dialect.Sqlite);
    }

    IAccessStore IAccessStores.OpenForWrite() => options.Database is { } db
        ? new SqlAccessStore(PostgresDatabase.OpenForWrite(db), Dialect.Postgres)
        : new SqlAccessStore(SqliteDatabase.OpenForWrite(options.DataDirectory), Dialect.Sqlite);

    /// <summary>The first schema version with the catalog's tables: an older store has no catalog yet (null, as for no store).</summary>
    private const int CatalogVersion = 2;

    ICatalogReader? ICatalogStores.OpenForRead()
    {
        if (options.Database is { } db)
        {
            var pg = PostgresDatabase.OpenForRead(db);
            if (Migrator.CurrentVersion(pg, Dialect.Postgres) >= CatalogVersion) return new PostgresCatalogStore(pg, Description);
            pg.Dispose();
            return null;
        }
        var c = SqliteDatabase.OpenForRead(options.DataDirectory);
        if (c is null) return null;
        if (Migrator.CurrentVersion(c, Dialect.Sqlite) >= CatalogVersion) return new SqliteCatalogStore(c, Description);
        c.Dispose();
        return null;
    }

    ICatalogStore ICatalogStores.OpenForWrite() => options.Database is { } db
        ? new PostgresCatalogStore(PostgresDatabase.OpenForWrite(db), Description)
        : new SqliteCatalogStore(SqliteDatabase.OpenForWrite(options.DataDirectory), Description);
}
