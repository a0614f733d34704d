using Musubi.Registry;
using Musubi.Schemas;
using Musubi.Search;
using Musubi.Web.Localization;

namespace Musubi.Web.Portal;

/// <summary>Display names for codes: local governments from the registry, standard datasets from their schemas.</summary>
public sealed class PortalNames(LocalGovernmentRegistry governments, SchemaCatalog schemas)
{
    public string Government(string? code) => governments.ByCode(code)?.FullName ?? code ?? "";

    public string Standard(string? id, Lang lang) => schemas.Find(id ?? "") is { } s ? (lang == Lang.En ? s.TitleEn : s.Title) : id ?? "";

    public TableSchema? Schema(string? id) => id is null ? null : schemas.Find(id);

    public IReadOnlyCollection<TableSchema> Schemas => schemas.All;

    public string FacetValue(SearchFacet facet, string value, Lang lang) => facet switch
    {
        SearchFacet.Prefecture or SearchFacet.Municipality => Government(value),
        SearchFacet.Standard => Standard(value, lang),
        SearchFacet.Kind => value,
        _ => value,
    };
}
