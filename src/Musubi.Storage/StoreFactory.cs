using Musubi.Access;
using Musubi.Hosting;
using Musubi.Registry;
using Musubi.Storage.Access;
using Musubi.Storage.Postgres;
using Musubi.Storage.Sqlite;

namespace Musubi.Storage;

/// <summary>Opens the store the options name: PostgreSQL when a connection string is given, else SQLite in the data folder.</summary>
public sealed class StoreFactory(MusubiOptions options) : ITownStores, IAccessStores
{
    public string Description => options.Database is null ? "sqlite:" + SqliteDatabase.PathIn(options.DataDirectory) : "postgresql";

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
}
