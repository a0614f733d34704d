using System.Data.Common;
using System.Globalization;
using Dapper;
using Musubi.Access;

namespace Musubi.Storage.Access;

/// <summary>
/// API tokens and administrators (migration 0003) on either engine: the SQL is the same for SQLite and PostgreSQL.
/// Times are ISO-8601 UTC text, secrets' SHA-256 lower-case hex. A store made before 0003 reads as having none.
/// </summary>
internal sealed class SqlAccessStore(DbConnection connection, Dialect dialect) : IAccessStore
{
    private bool? _hasTables;

    private bool HasTables => _hasTables ??= dialect == Dialect.Sqlite
        ? connection.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'api_tokens'") > 0
        : connection.ExecuteScalar<bool>("SELECT to_regclass('api_tokens') IS NOT NULL");

    public void AddToken(StoredToken token) =>
        connection.Execute("INSERT INTO api_tokens (token_key, name, secret_sha256, created_at, revoked_at) VALUES (@key, @name, @hash, @created, NULL)",
            new { key = token.Key, name = token.Name, hash = System.Convert.ToHexStringLower(token.SecretHash), created = Time(token.Created) });

    public StoredToken? FindToken(string key)
    {
        if (!HasTables) return null;
        var row = connection.QuerySingleOrDefault<TokenRow>(
            "SELECT token_key AS Key, name AS Name, secret_sha256 AS Hash, created_at AS Created, revoked_at AS Revoked FROM api_tokens WHERE token_key = @key", new { key });
        return row is null ? null : new StoredToken(row.Key, row.Name, System.Convert.FromHexString(row.Hash), Parse(row.Created), row.Revoked is null ? null : Parse(row.Revoked));
    }

    public IReadOnlyList<ApiTokenInfo> ListTokens() => !HasTables ? [] :
        [.. connection.Query<TokenRow>("SELECT token_key AS Key, name AS Name, secret_sha256 AS Hash, created_at AS Created, revoked_at AS Revoked FROM api_tokens ORDER BY created_at, token_key")
            .Select(r => new ApiTokenInfo(r.Key, r.Name, Parse(r.Created), r.Revoked is null ? null : Parse(r.Revoked)))];

    public bool RevokeToken(string key, DateTimeOffset at) =>
        connection.Execute("UPDATE api_tokens SET revoked_at = @at WHERE token_key = @key AND revoked_at IS NULL", new { key, at = Time(at) }) > 0;

    public bool AddAdmin(string name, string passwordHash, DateTimeOffset created) =>
        connection.Execute("INSERT INTO administrators (name, password_hash, created_at) VALUES (@name, @passwordHash, @created) ON CONFLICT (name) DO NOTHING",
            new { name, passwordHash, created = Time(created) }) > 0;

    public string? FindAdminPasswordHash(string name) => !HasTables ? null :
        connection.QuerySingleOrDefault<string>("SELECT password_hash FROM administrators WHERE name = @name", new { name });

    public IReadOnlyList<AdminInfo> ListAdmins() => !HasTables ? [] :
        [.. connection.Query<(string Name, string Created)>("SELECT name, created_at FROM administrators ORDER BY name").Select(r => new AdminInfo(r.Name, Parse(r.Created)))];

    public bool RemoveAdmin(string name) => connection.Execute("DELETE FROM administrators WHERE name = @name", new { name }) > 0;

    public void Dispose() => connection.Dispose();

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private sealed record TokenRow(string Key, string Name, string Hash, string Created, string? Revoked);
}
