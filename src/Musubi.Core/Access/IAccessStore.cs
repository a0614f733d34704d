namespace Musubi.Access;

/// <summary>An API token as stored: the public key, its name, the SHA-256 of its secret, when made and revoked.</summary>
public sealed record StoredToken(string Key, string Name, byte[] SecretHash, DateTimeOffset Created, DateTimeOffset? Revoked);

/// <summary>An API token as listed (never its secret).</summary>
public sealed record ApiTokenInfo(string Key, string Name, DateTimeOffset Created, DateTimeOffset? Revoked)
{
    public bool Active => Revoked is null;
}

/// <summary>An administrator of the web portal (never the password hash).</summary>
public sealed record AdminInfo(string Name, DateTimeOffset Created);

/// <summary>
/// API tokens and administrators (migration 0003); the SQLite and PostgreSQL implementations are in Musubi.Storage.
/// Only a hash of each secret is ever stored.
/// </summary>
public interface IAccessStore : IDisposable
{
    void AddToken(StoredToken token);

    StoredToken? FindToken(string key);

    IReadOnlyList<ApiTokenInfo> ListTokens();

    /// <summary>Marks the token revoked; false when there is no such token or it was revoked already.</summary>
    bool RevokeToken(string key, DateTimeOffset at);

    /// <summary>Adds an administrator; false when the name is taken.</summary>
    bool AddAdmin(string name, string passwordHash, DateTimeOffset created);

    string? FindAdminPasswordHash(string name);

    IReadOnlyList<AdminInfo> ListAdmins();

    bool RemoveAdmin(string name);
}

/// <summary>Opens the access store of the store chosen at the edge; reading never creates tables (null: nothing stored yet).</summary>
public interface IAccessStores
{
    IAccessStore? OpenForRead();

    IAccessStore OpenForWrite();
}
