using Musubi.Access;
using Musubi.Hosting;
using Musubi.Operations;
using Musubi.Storage;
using Musubi.Tests.Support;

namespace Musubi.Tests.Access;

/// <summary>API tokens and administrators: the operations over a real store, on SQLite and on PostgreSQL alike.</summary>
public sealed class AccessTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "musubi-access-" + Guid.NewGuid().ToString("N"));
    private PostgresTestSchema? _pg;

    [AccessFact]
    public Task Sqlite_tokens_and_admins() => Tokens_are_hashed_checked_and_revocable_and_admins_sign_in(Stores("sqlite"));

    [PostgresAccessFact]
    public Task Postgres_tokens_and_admins() => Tokens_are_hashed_checked_and_revocable_and_admins_sign_in(Stores("postgresql"));

    [Fact]
    public void Token_text_parses_and_rejects_lookalikes()
    {
        var (key, token, hash) = Secrets.NewToken();
        Assert.StartsWith("musubi_" + key + "_", token, StringComparison.Ordinal);
        Assert.True(Secrets.TryParseToken(token, out var k, out var secret));
        Assert.Equal(key, k);
        Assert.True(Secrets.SecretMatches(secret, hash));
        Assert.False(Secrets.SecretMatches(secret + "a", hash));
        foreach (var bad in new[] { "", "musubi_", "musubi__x", "musubi_abc_", "other_abc_def", "musubi_ABC_def", "musubi_abc_d<f" })
            Assert.False(Secrets.TryParseToken(bad, out _, out _), bad);
    }

    [Fact]
    public void Passwords_are_pbkdf2_with_600k_iterations_and_a_salt()
    {
        var a = Secrets.HashPassword("correct horse battery", iterations: 1000);
        var b = Secrets.HashPassword("correct horse battery", iterations: 1000);
        Assert.NotEqual(a, b);
        Assert.StartsWith("pbkdf2-sha256$1000$", a, StringComparison.Ordinal);
        Assert.True(Secrets.PasswordMatches("correct horse battery", a));
        Assert.False(Secrets.PasswordMatches("correct horse batterx", a));
        Assert.False(Secrets.PasswordMatches("x", "garbage"));
        Assert.Equal(600_000, Secrets.PasswordIterations);
    }

    private StoreFactory Stores(string kind)
    {
        if (kind == "sqlite") return new StoreFactory(new MusubiOptions { DataDirectory = _dir });
        _pg = new PostgresTestSchema();
        return new StoreFactory(new MusubiOptions { DataDirectory = _dir, Database = _pg.ConnectionString });
    }

    private static async Task Tokens_are_hashed_checked_and_revocable_and_admins_sign_in(StoreFactory stores)
    {
        var clock = TimeProvider.System;
        IAccessStores access = stores;
        var create = new CreateTokenOperation(access, clock);
        var auth = new AuthenticateTokenOperation(access);

        // Anonymous callers cannot make tokens.
        var denied = await create.RunAsync(new CreateTokenRequest("bot"), Caller.Anonymous);
        Assert.Equal(ErrorKind.Unauthorized, denied.Error!.Kind);
        // Before anything is stored, no token authenticates (the read-only open creates nothing).
        Assert.Equal(ErrorKind.Unauthorized, (await auth.RunAsync(new AuthenticateTokenRequest("musubi_abc_def"), Caller.Anonymous)).Error!.Kind);

        var made = (await create.RunAsync(new CreateTokenRequest("harvest bot"), Caller.Operator)).Value;
        var caller = (await auth.RunAsync(new AuthenticateTokenRequest(made.Token), Caller.Anonymous)).Value;
        Assert.Equal(CallerKind.Token, caller.Kind);
        Assert.True(caller.MayWrite);

        // The store keeps only the secret's hash: the token text is nowhere in it.
        using (var store = access.OpenForRead()!)
        {
            var stored = store.FindToken(made.Key)!;
            Assert.Equal(32, stored.SecretHash.Length);
            Assert.DoesNotContain(made.Token, stored.ToString());
        }

        // A wrong secret with the right key fails.
        var forged = made.Token[..^1] + (made.Token[^1] == 'a' ? 'b' : 'a');
        Assert.Equal(ErrorKind.Unauthorized, (await auth.RunAsync(new AuthenticateTokenRequest(forged), Caller.Anonymous)).Error!.Kind);

        var listed = (await new ListTokensOperation(access).RunAsync(new ListTokensRequest(), Caller.Operator)).Value;
        Assert.Equal("harvest bot", Assert.Single(listed).Name);

        var revoked = (await new RevokeTokenOperation(access, clock).RunAsync(new RevokeTokenRequest(made.Key), Caller.Operator)).Value;
        Assert.False(revoked.Active);
        Assert.Equal(ErrorKind.Unauthorized, (await auth.RunAsync(new AuthenticateTokenRequest(made.Token), Caller.Anonymous)).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await new RevokeTokenOperation(access, clock).RunAsync(new RevokeTokenRequest("nosuchkey"), Caller.Operator)).Error!.Kind);

        var admins = new CreateAdminOperation(access, clock);
        Assert.Equal(ErrorKind.InvalidInput, (await admins.RunAsync(new CreateAdminRequest("alice", "short"), Caller.Operator)).Error!.Kind);
        Assert.True((await admins.RunAsync(new CreateAdminRequest("alice", "a long enough password"), Caller.Operator)).IsOk);
        Assert.Equal(ErrorKind.Conflict, (await admins.RunAsync(new CreateAdminRequest("alice", "another long password"), Caller.Operator)).Error!.Kind);
        var signIn = new SignInOperation(access);
        Assert.Equal(CallerKind.Administrator, (await signIn.RunAsync(new SignInRequest("alice", "a long enough password"), Caller.Anonymous)).Value.Kind);
        Assert.Equal(ErrorKind.Unauthorized, (await signIn.RunAsync(new SignInRequest("alice", "a long enough passwore"), Caller.Anonymous)).Error!.Kind);
        Assert.Equal(ErrorKind.Unauthorized, (await signIn.RunAsync(new SignInRequest("bob", "a long enough password"), Caller.Anonymous)).Error!.Kind);
        Assert.Equal("alice", Assert.Single((await new ListAdminsOperation(access).RunAsync(new ListAdminsRequest(), Caller.Operator)).Value).Name);
        Assert.True((await new RemoveAdminOperation(access).RunAsync(new RemoveAdminRequest("alice"), Caller.Operator)).IsOk);
        Assert.Equal(ErrorKind.Unauthorized, (await signIn.RunAsync(new SignInRequest("alice", "a long enough password"), Caller.Anonymous)).Error!.Kind);
    }

    public void Dispose()
    {
        _pg?.Dispose();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }
}
