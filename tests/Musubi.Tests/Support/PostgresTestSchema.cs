using Npgsql;

namespace Musubi.Tests.Support;

/// <summary>Runs only when MUSUBI_TEST_PG holds a PostgreSQL connection string (CI starts a server and sets it).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(PostgresTestSchema.BaseConnectionString))
            Skip = "MUSUBI_TEST_PG is not set: PostgreSQL case skipped (scripts/test/postgres.sh starts a server)";
    }
}

/// <summary>
/// An empty PostgreSQL schema of its own for one test (the connection string's search path points at it), dropped
/// afterwards: tests on one server never see each other's tables.
/// </summary>
public sealed class PostgresTestSchema : IDisposable
{
    public static string? BaseConnectionString => Environment.GetEnvironmentVariable("MUSUBI_TEST_PG") is { Length: > 0 } s ? s : null;

    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N")[..16];

    public PostgresTestSchema()
    {
        using var c = new NpgsqlConnection(BaseConnectionString);
        c.Open();
        using var cmd = new NpgsqlCommand($"CREATE SCHEMA {_schema}", c);
        cmd.ExecuteNonQuery();
        ConnectionString = new NpgsqlConnectionStringBuilder(BaseConnectionString) { SearchPath = _schema, Pooling = false }.ToString();
    }

    public string ConnectionString { get; }

    public void Execute(string sql)
    {
        using var c = new NpgsqlConnection(ConnectionString);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        using var c = new NpgsqlConnection(BaseConnectionString);
        c.Open();
        using var cmd = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", c);
        cmd.ExecuteNonQuery();
    }
}
