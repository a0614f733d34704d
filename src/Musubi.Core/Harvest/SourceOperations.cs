using System.Text.Json;
using System.Text.RegularExpressions;
using Musubi.Catalog;
using Musubi.Harvest.Gather;
using Musubi.Operations;
using Musubi.Registry;

namespace Musubi.Harvest;

/// <summary>Adds a harvest source to the catalog.</summary>
/// <param name="Kind">ckan, dcat, page, urls or folder.</param>
/// <param name="Location">A URL, or a local path (folder; a local dcat/urls file; a ckan manifest file).</param>
public sealed record AddSourceRequest(string Kind, string Location)
{
    /// <summary>The source's id; default made from the kind and the location.</summary>
    public string? Id { get; init; }

    public string? Name { get; init; }

    /// <summary>The publisher's 全国地方公共団体コード (six digits, or five without the check digit).</summary>
    public string? PublisherCode { get; init; }

    /// <summary>manual, hourly, daily, weekly or monthly (default daily).</summary>
    public string? Schedule { get; init; }

    /// <summary>page: link depth to follow on the same site.</summary>
    public int? PageDepth { get; init; }

    /// <summary>ckan: an extra Solr filter (e.g. organization:sapporo).</summary>
    public string? CkanFilter { get; init; }
}

public sealed record ListSourcesRequest;

public sealed record RemoveSourceRequest(string Id);

/// <summary>The settings of a source kind that the catalog keeps as JSON.</summary>
internal sealed record SourceSettings(int? PageDepth, int? PageSize, string? CkanFilter)
{
    public static SourceSettings Read(string? json) => string.IsNullOrEmpty(json) ? new(null, null, null) : JsonSerializer.Deserialize<SourceSettings>(json) ?? new(null, null, null);

    public string? ToJson() => PageDepth is null && PageSize is null && CkanFilter is null ? null : JsonSerializer.Serialize(this);
}

public static partial class Sources
{
    public static readonly IReadOnlyList<string> Schedules = ["manual", "hourly", "daily", "weekly", "monthly"];

    /// <summary>The gatherer's definition of a catalog source.</summary>
    public static SourceDefinition ToDefinition(CatalogSource s)
    {
        if (!SourceDefinition.TryParseKind(s.Kind, out var kind)) throw new OperationException(OperationError.InvalidInput($"source {s.Id} has an unknown kind '{s.Kind}'", "Kind"));
        var settings = SourceSettings.Read(s.SettingsJson);
        var d = new SourceDefinition(s.Id, kind, s.Location) { Name = s.Name, PublisherCode = s.PublisherCode, CkanFilter = settings.CkanFilter };
        if (settings.PageDepth is { } depth) d = d with { PageDepth = depth };
        if (settings.PageSize is { } size) d = d with { PageSize = size };
        return d;
    }

    /// <summary>A catalog source for a definition given in code (the demo's sources).</summary>
    public static CatalogSource FromDefinition(SourceDefinition d, DateTimeOffset at) => new(d.Id, SourceDefinition.KindName(d.Kind), d.Location)
    {
        Name = d.Name,
        PublisherCode = d.PublisherCode,
        SettingsJson = new SourceSettings(d.PageDepth == 1 ? null : d.PageDepth, d.PageSize == 100 ? null : d.PageSize, d.CkanFilter).ToJson(),
        CreatedAt = at,
    };

    /// <summary>A readable id: the kind and the host or folder name, made unique by the caller.</summary>
    public static string MakeId(SourceKind kind, string location)
    {
        string basis;
        if (Uri.TryCreate(location, UriKind.Absolute, out var u) && u.Scheme is "http" or "https")
            basis = u.Host + (u.AbsolutePath.Trim('/') is { Length: > 0 } p ? "-" + p.Split('/')[0] : "");
        else
            basis = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(location)));
        var slug = NonSlug().Replace(basis.ToLowerInvariant(), "-").Trim('-');
        if (slug.Length == 0) slug = "source";
        if (slug.Length > 40) slug = slug[..40].Trim('-');
        var prefix = SourceDefinition.KindName(kind) + "-";
        return slug.StartsWith(prefix, StringComparison.Ordinal) ? slug : prefix + slug;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    internal static partial Regex IdPattern();
}

public sealed class AddSourceOperation(ICatalogStores stores, LocalGovernmentRegistry governments, TimeProvider time) : IOperation<AddSourceRequest, CatalogSource>
{
    public Task<Result<CatalogSource>> RunAsync(AddSourceRequest request, Caller caller, CancellationToken cancellationToken = default) =>
        Task.FromResult(Operation.RequireWrite(caller) is { } denied ? denied : Operation.Run(() => Add(request)));

    private CatalogSource Add(AddSourceRequest r)
    {
        if (!SourceDefinition.TryParseKind(r.Kind, out var kind))
            throw new OperationException(OperationError.InvalidInput($"unknown source kind '{r.Kind}' (kinds: ckan, dcat, page, urls, folder)", "Kind"));
        var location = r.Location.Trim();
        var remote = Uri.TryCreate(location, UriKind.Absolute, out var url) && url.Scheme is "http" or "https";
        if (!remote)
        {
            if (Uri.TryCreate(location, UriKind.Absolute, out var other) && other.Scheme is not "file" && location.Contains("://", StringComparison.Ordinal))
                throw new OperationException(OperationError.InvalidInput($"'{location}' is not an http(s) URL or a local path", "Location"));
            var full = Path.GetFullPath(location);
            var ok = kind switch
            {
                SourceKind.Folder => Directory.Exists(full),
                SourceKind.Page => false,
                _ => File.Exists(full),
            };
            if (!ok)
                throw new OperationException(OperationError.InvalidInput(kind switch
                {
                    SourceKind.Folder => $"folder '{location}' does not exist",
                    SourceKind.Page => $"a page source needs an http(s) URL, not '{location}'",
                    _ => $"'{location}' is neither an http(s) URL nor an existing file",
                }, "Location"));
            location = full;
        }
        else if (kind == SourceKind.Folder)
        {
            throw new OperationException(OperationError.InvalidInput("a folder source needs a local folder, not a URL (use urls or page for web addresses)", "Location"));
        }

        string? publisher = null;
        if (!string.IsNullOrWhiteSpace(r.PublisherCode))
        {
            var lg = governments.ByLooseCode(r.PublisherCode.Trim())
                ?? throw new OperationException(OperationError.InvalidInput($"publisher '{r.PublisherCode}' is not a known 全国地方公共団体コード", "Publisher"));
            publisher = lg.Code;
        }
        var schedule = (r.Schedule ?? "daily").Trim().ToLowerInvariant();
        if (!Sources.Schedules.Contains(schedule))
            throw new OperationException(OperationError.InvalidInput($"unknown schedule '{r.Schedule}' (schedules: {string.Join(", ", Sources.Schedules)})", "Schedule"));
        if (r.PageDepth is < 0 or > 5) throw new OperationException(OperationError.InvalidInput("page depth must be 0 to 5", "PageDepth"));

        using var store = stores.OpenForWrite();
        var id = r.Id?.Trim();
        if (id is not null && !Sources.IdPattern().IsMatch(id))
            throw new OperationException(OperationError.InvalidInput($"source id '{id}' must be letters, digits, '.', '_' or '-' (at most 64)", "Id"));
        if (id is null)
        {
            var basis = Sources.MakeId(kind, location);
            id = basis;
            for (var n = 2; store.GetSource(id) is not null; n++) id = $"{basis}-{n}";
        }
        if (publisher is not null && governments.ByCode(publisher) is { } gov) store.UpsertPublisher(new Publisher(gov.Code, gov.FullName) { Prefecture = gov.Prefecture });
        var source = new CatalogSource(id, SourceDefinition.KindName(kind), location)
        {
            Name = string.IsNullOrWhiteSpace(r.Name) ? null : r.Name.Trim(),
            PublisherCode = publisher,
            Schedule = schedule,
            SettingsJson = new SourceSettings(r.PageDepth, null, string.IsNullOrWhiteSpace(r.CkanFilter) ? null : r.CkanFilter.Trim()).ToJson(),
            CreatedAt = time.GetUtcNow(),
        };
        if (!store.AddSource(source)) throw new OperationException(OperationError.Conflict($"a source with id '{id}' exists already", id));
        return store.GetSource(id)!;
    }
}

public sealed class ListSourcesOperation(ICatalogStores stores) : IOperation<ListSourcesRequest, IReadOnlyList<CatalogSource>>
{
    public Task<Result<IReadOnlyList<CatalogSource>>> RunAsync(ListSourcesRequest request, Caller caller, CancellationToken cancellationToken = default) =>
        Task.FromResult(Operation.Run<IReadOnlyList<CatalogSource>>(() =>
        {
            using var store = stores.OpenForRead();
            return store?.ListSources() ?? [];
        }));
}

public sealed class RemoveSourceOperation(ICatalogStores stores, TimeProvider time) : IOperation<RemoveSourceRequest, CatalogSource>
{
    public Task<Result<CatalogSource>> RunAsync(RemoveSourceRequest request, Caller caller, CancellationToken cancellationToken = default) =>
        Task.FromResult(Operation.RequireWrite(caller) is { } denied ? denied : Operation.Run(() =>
        {
            using var store = stores.OpenForWrite();
            var source = store.GetSource(request.Id) ?? throw new OperationException(OperationError.NotFound($"no source '{request.Id}'", request.Id));
            store.RemoveSource(request.Id, time.GetUtcNow());
            return source;
        }));
}
