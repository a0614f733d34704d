using Microsoft.Extensions.DependencyInjection;
using Musubi.Catalog;
using Musubi.Harvest;
using Musubi.Source;

namespace Musubi.Hosting;

/// <summary>The catalog's and harvester's operations, and the one safe fetcher of the process (it owns the connection pool).</summary>
public static class HarvestServices
{
    public static IServiceCollection AddMusubiHarvest(this IServiceCollection services, MusubiOptions options)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new SafeFetcher(new FetchOptions { AllowPrivateAddresses = options.AllowPrivateAddresses }));
        services.AddSingleton<AddSourceOperation>();
        services.AddSingleton<ListSourcesOperation>();
        services.AddSingleton<RemoveSourceOperation>();
        services.AddSingleton<HarvestOperation>();
        services.AddSingleton<ExportOperation>();
        services.AddSingleton<ListJobsOperation>();
        services.AddSingleton<ShowJobOperation>();
        services.AddSingleton<WorkerOperation>();
        return services;
    }
}
