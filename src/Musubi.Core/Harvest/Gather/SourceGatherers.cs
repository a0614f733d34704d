namespace Musubi.Harvest.Gather;

/// <summary>The gatherer for each source kind.</summary>
public static class SourceGatherers
{
    private static readonly ISourceGatherer Ckan = new CkanGatherer();
    private static readonly ISourceGatherer Dcat = new DcatGatherer();
    private static readonly ISourceGatherer Page = new PageGatherer();
    private static readonly ISourceGatherer Urls = new UrlListGatherer();
    private static readonly ISourceGatherer Folder = new FolderGatherer();

    public static ISourceGatherer For(SourceKind kind) => kind switch
    {
        SourceKind.Ckan => Ckan,
        SourceKind.Dcat => Dcat,
        SourceKind.Page => Page,
        SourceKind.Urls => Urls,
        SourceKind.Folder => Folder,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown source kind"),
    };

    /// <summary>Gathers <paramref name="source"/> with the gatherer of its kind.</summary>
    public static Task<GatherResult> GatherAsync(SourceDefinition source, GatherContext context, CancellationToken cancellationToken = default) =>
        For(source.Kind).GatherAsync(source, context, cancellationToken);
}
