using Microsoft.Extensions.DependencyInjection;
using Musubi.Web.Ckan;
using Musubi.Web.Pages;

namespace Musubi.Web.Portal;

/// <summary>The data portal's services over the catalog: the search index, names, nearby finder and the CKAN actions.</summary>
internal static class PortalServices
{
    public static readonly string[] CkanActionNames =
        ["package_search", "package_show", "package_list", "resource_show", "organization_list", "organization_show", "group_list", "tag_list", "datastore_search"];

    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<PortalIndex>();
        services.AddSingleton<PortalNames>();
        services.AddSingleton<INearbyFinder, NearbyFinder>();
        services.AddSingleton<CkanCatalog>();
        var holder = new CkanActions();
        CkanCatalog.Register(holder);
        foreach (var name in CkanActionNames)
        {
            holder.TryGet(name, out var action);
            services.AddCkanAction(name, action);
        }
    }
}
