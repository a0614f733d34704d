namespace Musubi.Registry;

/// <summary>Persistence of the imported town (町字) registry; the SQLite and PostgreSQL implementations are in Musubi.Storage.</summary>
public interface ITownStore : IDisposable
{
    /// <summary>"sqlite:/path/musubi.db" or "postgresql:host/db".</summary>
    string Description { get; }

    /// <summary>
    /// Replaces the towns of every municipality present in <paramref name="records"/> in one transaction:
    /// on any error nothing changes.
    /// </summary>
    void ReplaceCities(IReadOnlyList<TownRecord> records, string source, string format);

    IEnumerable<TownRecord> ReadAll();

    /// <summary>Counts and the last import; null when the store has never been written.</summary>
    TownStoreInfo? Info();
}

/// <summary>
/// Opens the town store of the store chosen at the edge (SQLite in the data folder, or PostgreSQL). Opening for writing
/// brings the tables up to date (migrations); opening for reading never creates or changes anything.
/// </summary>
public interface ITownStores
{
    /// <summary>Where the store is, for messages.</summary>
    string Description { get; }

    /// <summary>The town store for reading; null when nothing was ever stored (no SQLite file yet).</summary>
    ITownStore? OpenForRead();

    /// <summary>The town store for writing (created and migrated when needed).</summary>
    ITownStore OpenForWrite();
}
