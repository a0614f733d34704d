using Npgsql;

namespace Musubi.Storage.Postgres;

/// <summary>Server mode: one PostgreSQL database shared by every web node and worker.</summary>
public static class PostgresDatabase
{
    public static string Describe(NpgsqlConnection c) => $"postgresql:{c.Host}/{c.Database}";

    /// <summary>Opens a connection and applies the migrations (under an advisory lock, so nodes may start together).</summary>
    public static NpgsqlConnection OpenForWrite(string connectionString) =>
        Open(connectionString, c => Migrator.Apply(c, Dialect.Postgres, Describe(c)));

    /// <summary>Opens a connection without changing any table.</summary>
    public static NpgsqlConnection OpenForRead(string connectionString) =>
        Open(connectionString, c => Migrator.EnsureKnown(c, Dialect.Postgres, Describe(c)));

    private static NpgsqlConnection Open(string connectionString, Action<NpgsqlConnection> prepare)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            connection.Open();
            prepare(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
