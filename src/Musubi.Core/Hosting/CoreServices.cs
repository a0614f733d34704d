using Microsoft.Extensions.DependencyInjection;
using Musubi.Access;
using Musubi.Address;
using Musubi.Convert;
using Musubi.Registry;
using Musubi.Schemas;

namespace Musubi.Hosting;

/// <summary>
/// The core's shared services and operations, registered once per process (the CLI, the web server and the workers
/// build the same container). The store behind <see cref="ITownStores"/> is registered by Musubi.Storage.
/// </summary>
public static class CoreServices
{
    public static IServiceCollection AddMusubiCore(this IServiceCollection services, MusubiOptions options)
    {
        services.AddSingleton(options);
        // The embedded registries and schemas are static data loaded on first use; the container hands out the same ones.
        services.AddSingleton(_ => SchemaCatalog.Default);
        services.AddSingleton(_ => LocalGovernmentRegistry.Default);
        services.AddSingleton(_ => PostalCodeRegistry.Default);
        services.AddSingleton(sp => new AddressNormalizerSource(sp.GetRequiredService<LocalGovernmentRegistry>(), sp.GetRequiredService<ITownStores>()));

        services.AddSingleton<ConvertOperation>();
        services.AddSingleton<InspectOperation>();
        services.AddSingleton<NormalizeAddressOperation>();
        services.AddSingleton<NormalizeAddressesOperation>();
        services.AddSingleton(sp => new ImportTownsOperation(sp.GetRequiredService<LocalGovernmentRegistry>(), sp.GetRequiredService<ITownStores>(),
            sp.GetRequiredService<AddressNormalizerSource>().TownsChanged));
        services.AddSingleton(sp => new DescribeRegistriesOperation(sp.GetRequiredService<LocalGovernmentRegistry>(), sp.GetRequiredService<PostalCodeRegistry>(),
            () => sp.GetRequiredService<AddressNormalizerSource>().Normalizer.Towns));
        services.AddSingleton<ListSchemasOperation>();
        services.AddSingleton<ShowSchemaOperation>();
        services.AddMusubiHarvest(options);
        services.AddSingleton<LookupLocalGovernmentOperation>();
        services.AddSingleton<FindLocalGovernmentsOperation>();
        services.AddSingleton<LookupPostalCodeOperation>();
        AccessServices.Add(services);
        return services;
    }
}
