using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Musubi.Storage;

public enum Dialect
{
    Sqlite,
    Postgres,
}

/// <summary>One versioned change of the store's tables (Migrations/&lt;dialect&gt;/NNNN_name.sql).</summary>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>
/// Brings a store's tables up to date: the migrations of its dialect are applied in order, each in its own transaction,
/// and recorded in schema_version. Runs when a store is opened for writing; read-only opens never call it. A store
/// made before migrations existed has the version-1 tables already (0001 uses IF NOT EXISTS) and is adopted.
/// </summary>
public static class Migrator
{
    private const string VersionTable = "schema_version";

    /// <summary>The migrations of one dialect, in version order (from the embedded .sql files).</summary>
    public static IReadOnlyList<Migration> For(Dialect dialect)
    {
        var prefix = $"migrations/{(dialect == Dialect.Sqlite ? "sqlite" : "postgres")}/";
        var asm = typeof(Migrator).Assembly;
        var list = new List<Migration>();
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var file = name[prefix.Length..];
            var version = int.Parse(file[..4], CultureInfo.InvariantCulture);
            using var reader = new StreamReader(asm.GetManifestResourceStream(name)!);
            list.Add(new Migration(version, Path.GetFileNameWithoutExtension(file)[5..], reader.ReadToEnd()));
        }
        for (var i = 0; i < list.Count; i++)
            if (list[i].Version != i + 1) throw new InvalidOperationException($"migration versions of {dialect} are not 1..n: {list[i].Version} at {i + 1}");
        return list;
    }

    public static int Latest(Dialect dialect) => For(dialect).Count;

    /// <summary>The version recorded in the store; 0 when it has no schema_version table (new, or made before migrations).</summary>
    public static int CurrentVersion(DbConnection connection, Dialect dialect)
    {
        var exists = dialect == Dialect.Sqlite
            ? connection.ExecuteScalar<long>($"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{VersionTable}'") > 0
            : connection.ExecuteScalar<bool>($"SELECT to_regclass('{VersionTable}') IS NOT NULL");
        return exists ? connection.ExecuteScalar<int?>($"SELECT max(version) FROM {VersionTable}") ?? 0 : 0;
    }

    /// <summary>Refuses a store made by a newer Musubi, whose tables this program does not know.</summary>
    public static void EnsureKnown(DbConnection connection, Dialect dialect, string description)
    {
        var current = CurrentVersion(connection, dialect);
        var latest = Latest(dialect);
        if (current > latest)
            throw new InvalidDataException($"{description}: the store has schema version {current}, made by a newer Musubi (this one knows up to {latest})");
    }

    /// <summary>Applies every migration the store does not have yet; returns the version it is at afterwards.</summary>
    public static int Apply(DbConnection connection, Dialect dialect, string description)
    {
        var migrations = For(dialect);
        if (dialect == Dialect.Postgres)
        {
            // Several nodes may start at once: one migrates, the others wait and then find nothing to do.
            using var tx = connection.BeginTransaction();
            connection.Execute("SELECT pg_advisory_xact_lock(7316402218)", transaction: tx);
            connection.Execute($"CREATE TABLE IF NOT EXISTS {VersionTable} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)", transaction: tx);
            var current = connection.ExecuteScalar<int?>($"SELECT max(version) FROM {VersionTable}", transaction: tx) ?? 0;
            if (current > migrations.Count)
                throw new InvalidDataException($"{description}: the store has schema version {current}, made by a newer Musubi (this one knows up to {migrations.Count})");
            foreach (var m in migrations.Where(m => m.Version > current)) Run(connection, tx, m);
            tx.Commit();
            return migrations.Count;
        }
        else
        {
            connection.Execute($"CREATE TABLE IF NOT EXISTS {VersionTable} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
            var current = CurrentVersion(connection, dialect);
            if (current > migrations.Count)
                throw new InvalidDataException($"{description}: the store has schema version {current}, made by a newer Musubi (this one knows up to {migrations.Count})");
            foreach (var m in migrations.Where(m => m.Version > current))
            {
                using var tx = connection.BeginTransaction();
                // Another process may have applied it meanwhile (the transaction holds SQLite's write lock from here on).
                if ((connection.ExecuteScalar<int?>($"SELECT max(version) FROM {VersionTable}", transaction: tx) ?? 0) >= m.Version) continue;
                Run(connection, tx, m);
                tx.Commit();
            }
            return migrations.Count;
        }
    }

    private static void Run(DbConnection connection, DbTransaction tx, Migration m)
    {
        connection.Execute(m.Sql, transaction: tx);
        connection.Execute($"INSERT INTO {VersionTable} (version, name, applied_at) VALUES (@version, @name, @at)",
            new { version = m.Version, name = m.Name, at = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) }, tx);
    }
}
