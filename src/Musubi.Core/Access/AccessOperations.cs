using Musubi.Operations;

namespace Musubi.Access;

/// <param name="Name">What the token is for (shown in lists), e.g. "harvest bot".</param>
public sealed record CreateTokenRequest(string Name);

/// <summary>A new token: <see cref="Token"/> is shown once and never stored.</summary>
public sealed record CreatedToken(string Key, string Name, string Token, DateTimeOffset Created);

public sealed record ListTokensRequest;

public sealed record RevokeTokenRequest(string Key);

public sealed record CreateAdminRequest(string Name, string Password);

public sealed record ListAdminsRequest;

public sealed record RemoveAdminRequest(string Name);

/// <summary>Who a token belongs to: a Token caller, or Unauthorized (unknown, revoked, malformed).</summary>
public sealed record AuthenticateTokenRequest(string Token);

/// <summary>An administrator's sign-in: an Administrator caller, or Unauthorized.</summary>
public sealed record SignInRequest(string Name, string Password);

/// <summary>Creates an API token (for writes through the API); only its secret's SHA-256 is stored.</summary>
public sealed class CreateTokenOperation(IAccessStores stores, TimeProvider clock) : IOperation<CreateTokenRequest, CreatedToken>
{
    public Task<Result<CreatedToken>> RunAsync(CreateTokenRequest request, Caller caller, CancellationToken cancellationToken = default)
    {
        if (Operation.RequireWrite(caller) is { } denied) return Task.FromResult(Result<CreatedToken>.Fail(denied));
        var name = request.Name.Trim();
        if (name.Length is 0 or > 100) return Task.FromResult(Result<CreatedToken>.Fail(OperationError.InvalidInput("a token needs a name of 1 to 100 characters", nameof(request.Name))));
        return Task.FromResult(Operation.Run(() =>
        {
            var (key, token, hash) = Secrets.NewToken();
            var now = clock.GetUtcNow();
            using var store = stores.OpenForWrite();
            store.AddToken(new StoredToken(key, name, hash, now, null));
            return new CreatedToken(key, name, token, now);
        }));
    }
}

public sealed class ListTokensOperation(IAccessStores stores) : IOperation<ListTokensRequest, IReadOnlyList<ApiTokenInfo>>
{
    public Task<Result<IReadOnlyList<ApiTokenInfo>>> RunAsync(ListTokensRequest request, Caller caller, CancellationToken cancellationToken = default)
    {
        if (Operation.RequireWrite(caller) is { } denied) return Task.FromResult(Result<IReadOnlyList<ApiTokenInfo>>.Fail(denied));
        return Task.FromResult(Operation.Run<IReadOnlyList<ApiTokenInfo>>(() =>
        {
            using var store = stores.OpenForRead();
            return store?.ListTokens() ?? [];
        }));
    }
}

public sealed class RevokeTokenOperation(IAccessStores stores, TimeProvider clock) : IOperation<RevokeTokenRequest, ApiTokenInfo>
{
    public Task<Result<ApiTokenInfo>> RunAsync(RevokeTokenRequest request, Caller caller, CancellationToken cancellationToken = default)
    {
        if (Operation.RequireWrite(caller) is { } denied) return Task.FromResult(Result<ApiTokenInfo>.Fail(denied));
        return Task.FromResult(Operation.Run(() =>
        {
            // A whole token may be given instead of its key.
            var key = Secrets.TryParseToken(request.Key, out var k, out _) ? k : request.Key.Trim();
            using var store = stores.OpenForWrite();
            var found = store.FindToken(key) ?? throw new OperationException(OperationError.NotFound($"no API token with key '{key}'", key));
            if (found.Revoked is null) store.RevokeToken(key, clock.GetUtcNow());
            var now = store.FindToken(key)!;
            return new ApiTokenInfo(now.Key, now.Name, now.Created, now.Revoked);
        }));
    }
}

public sealed class CreateAdminOperation(IAccessStores stores, TimeProvider clock) : IOperation<CreateAdminRequest, AdminInfo>
{
    public Task<Result<AdminInfo>> RunAsync(CreateAdminRequest request, Caller caller, CancellationToken cancellationToken = default)
    {
        if (Operation.RequireWrite(caller) is { } denied) return Task.FromResult(Result<AdminInfo>.Fail(denied));
        var name = request.Name.Trim();
        if (name.Length is 0 or > 64 || name.Any(char.IsWhiteSpace))
            return Task.FromResult(Result<AdminInfo>.Fail(OperationError.InvalidInput("an administrator's name is 1 to 64 characters without spaces", nameof(request.Name))));
        if (request.Password.Length < Secrets.MinPasswordLength)
            return Task.FromResult(Result<AdminInfo>.Fail(OperationError.InvalidInput($"a password needs at least {Secrets.MinPasswordLength} characters", nameof(request.Password))));
        return Task.FromResult(Operation.Run(() =>
        {
            var hash = Secrets.HashPassword(request.Password);
            var now = clock.GetUtcNow();
            using var store = stores.OpenForWrite();
            if (!store.AddAdmin(name, hash, now)) throw new OperationException(OperationError.Conflict($"an administrator named '{name}' exists already", name));
            return new AdminInfo(name, now);
        }));
    }
}

public sealed class ListAdminsOperation(IAccessStores stores) : IOperation<ListAdminsRequest, IReadOnlyList<AdminInfo>>
{
    public Task<Result<IReadOnlyList<AdminInfo>>> RunAsync(ListAdminsRequest request, Caller caller, CancellationToken cancellationToken = default)
    {
        if (Operation.RequireWrite(caller) is { } denied) return Task.FromResult(Result<IReadOnlyList<AdminInfo>>.Fail(denied));
        return Task.FromResult(Operation.Run<IReadOnlyList<AdminInfo>>(() =>
        {
            using var store = stores.OpenForRead();
            return store?.ListAdmins() ?? [];
        }));
    }
}

public sealed class RemoveAdminOperation(IAccessStores stores) : IOperation<RemoveAdminRequest, bool>
{
    public Task<Result<bool>> RunAsync(RemoveAdminRequest request, Caller caller, CancellationToken cancellationToken = default)
    {
        if (Operation.RequireWrite(caller) is { } denied) return Task.FromResult(Result<bool>.Fail(denied));
        return Task.FromResult(Operation.Run(() =>
        {
            using var store = stores.OpenForWrite();
            return store.RemoveAdmin(request.Name.Trim())
                ? true
                : throw new OperationException(OperationError.NotFound($"no administrator named '{request.Name.Trim()}'", request.Name));
        }));
    }
}

public sealed class AuthenticateTokenOperation(IAccessStores stores) : IOperation<AuthenticateTokenRequest, Caller>
{
    private static readonly OperationError Invalid = OperationError.Unauthorized("the API token is not valid (unknown, revoked or malformed)");

    public Task<Result<Caller>> RunAsync(AuthenticateTokenRequest request, Caller caller, CancellationToken cancellationToken = default) =>
        Task.FromResult(Operation.Run(() =>
        {
            if (!Secrets.TryParseToken(request.Token.Trim(), out var key, out var secret)) throw new OperationException(Invalid);
            using var store = stores.OpenForRead();
            var found = store?.FindToken(key);
            if (found is null || found.Revoked is not null || !Secrets.SecretMatches(secret, found.SecretHash)) throw new OperationException(Invalid);
            return new Caller("token:" + found.Name, CallerKind.Token);
        }));
}

public sealed class SignInOperation(IAccessStores stores) : IOperation<SignInRequest, Caller>
{
    public Task<Result<Caller>> RunAsync(SignInRequest request, Caller caller, CancellationToken cancellationToken = default) =>
        Task.FromResult(Operation.Run(() =>
        {
            string? hash;
            using (var store = stores.OpenForRead()) hash = store?.FindAdminPasswordHash(request.Name.Trim());
            // An unknown name costs the same PBKDF2 work as a wrong password, so timing tells no names.
            var ok = Secrets.PasswordMatches(request.Password, hash ?? Secrets.DummyPasswordHash) && hash is not null;
            return ok ? new Caller(request.Name.Trim(), CallerKind.Administrator)
                : throw new OperationException(OperationError.Unauthorized("wrong name or password"));
        }));
}
