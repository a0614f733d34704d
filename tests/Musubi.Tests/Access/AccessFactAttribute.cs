using Musubi.Storage;
using Musubi.Tests.Support;

namespace Musubi.Tests.Access;

/// <summary>Needs the access tables (migration 0003_access, after the catalogue's 0002); skipped while the build has none.</summary>
public sealed class AccessFactAttribute : FactAttribute
{
    public AccessFactAttribute()
    {
        if (!Migrator.For(Dialect.Sqlite).Any(m => m.Name == "access")) Skip = "the access tables (migration 0003_access) are not in this build yet";
    }
}

/// <summary>The same on PostgreSQL (MUSUBI_TEST_PG).</summary>
public sealed class PostgresAccessFactAttribute : FactAttribute
{
    public PostgresAccessFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(PostgresTestSchema.BaseConnectionString)) Skip = "MUSUBI_TEST_PG is not set: PostgreSQL case skipped";
        else if (!Migrator.For(Dialect.Postgres).Any(m => m.Name == "access")) Skip = "the access tables (migration 0003_access) are not in this build yet";
    }
}
