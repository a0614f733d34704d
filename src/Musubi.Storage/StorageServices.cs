using Microsoft.Extensions.DependencyInjection;
using Musubi.Access;
using Musubi.Catalog;
using Musubi.Hosting;
using Musubi.Registry;

namespace Musubi.Storage;

/// <summary>Registers the store the options choose (SQLite in the data folder, or PostgreSQL) behind the core's interfaces.</summary>
public static class StorageServices
{
    public static IServiceCollection AddMusubiStorage(this IServiceCollection services, MusubiOptions options)
    {
        var factory = new StoreFactory(options);
        services.AddSingleton(factory);
        services.AddSingleton<ITownStores>(factory);
        services.AddSingleton<ICatalogStores>(factory);
        services.AddSingleton<IAccessStores>(factory);
        return services;
    }

    /// <summary>The whole platform's container: core services and operations over the chosen store.</summary>
    public static ServiceProvider BuildMusubi(MusubiOptions options, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection().AddMusubiCore(options).AddMusubiStorage(options);
        more?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
