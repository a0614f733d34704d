using Musubi.Registry;

namespace Musubi.Store;

/// <summary>Persistence of the imported town (町字) registry: SQLite (embedded) or PostgreSQL (server mode).</summary>
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
