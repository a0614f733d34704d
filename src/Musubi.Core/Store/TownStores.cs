namespace Musubi.Store;

/// <summary>Chooses the town store: PostgreSQL when --db or MUSUBI_DB holds a connection string, else SQLite in the data folder.</summary>
public static class TownStores
{
    public const string DbEnvironmentVariable = "MUSUBI_DB";

    public static string? ResolveDb(string? option)
    {
        var db = string.IsNullOrWhiteSpace(option) ? Environment.GetEnvironmentVariable(DbEnvironmentVariable) : option;
        return string.IsNullOrWhiteSpace(db) ? null : db;
    }

    /// <summary>Opens the store for writing (creating it when needed).</summary>
    public static ITownStore OpenForWrite(string dataDir, string? db) =>
        db is not null ? new PostgresTownStore(db) : SqliteTownStore.Open(dataDir, create: true)!;

    /// <summary>Opens the store for reading; null when nothing was ever imported (no SQLite file).</summary>
    public static ITownStore? OpenForRead(string dataDir, string? db) =>
        db is not null ? new PostgresTownStore(db) : SqliteTownStore.Open(dataDir, create: false);
}
