namespace Musubi.Hosting;

/// <summary>
/// The settings of one Musubi process, resolved once at the edge (the CLI's --data/--db and MUSUBI_* environment
/// variables, or a web host's configuration) and injected. The core never reads the environment itself.
/// </summary>
public sealed record MusubiOptions
{
    /// <summary>Folder of the embedded store (SQLite musubi.db, downloaded files, the search index).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>PostgreSQL connection string for server mode; null keeps everything in the embedded SQLite store.</summary>
    public string? Database { get; init; }

    /// <summary>Let the harvester fetch from private, loopback and link-local addresses (tests, closed networks).</summary>
    public bool AllowPrivateAddresses { get; init; }

    /// <summary>Where the store lives, for messages: "sqlite:/path/musubi.db" or "postgresql".</summary>
    public string StoreDescription => Database is null ? "sqlite:" + Path.Combine(DataDirectory, "musubi.db") : "postgresql";
}
