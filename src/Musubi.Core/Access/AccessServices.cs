using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Musubi.Access;

/// <summary>The access operations (tokens, administrators, sign-in); the store behind <see cref="IAccessStores"/> comes from Musubi.Storage.</summary>
public static class AccessServices
{
    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CreateTokenOperation>();
        services.AddSingleton<ListTokensOperation>();
        services.AddSingleton<RevokeTokenOperation>();
        services.AddSingleton<CreateAdminOperation>();
        services.AddSingleton<ListAdminsOperation>();
        services.AddSingleton<RemoveAdminOperation>();
        services.AddSingleton<AuthenticateTokenOperation>();
        services.AddSingleton<SignInOperation>();
    }
}
