using Musubi.Operations;

namespace Musubi.Registry;

/// <summary>Import a town (町字) list into the store.</summary>
/// <param name="Path">geolonia japanese-addresses (an api/ja folder or one city's JSON) or an Address Base Registry town CSV.</param>
public sealed record ImportTownsRequest(string Path, Action<int, int>? Progress = null)
{
    /// <summary>Limits for reading town CSV files (the converter's reader and limits).</summary>
    public Musubi.Read.ReadOptions Read { get; init; } = new();
}

/// <summary>What an import stored.</summary>
public sealed record ImportTownsResult(int Towns, int Cities, string Format, string Store);

/// <summary>
/// Reads and checks a whole town list first, then replaces the towns of the municipalities it covers in one
/// transaction: a bad input changes nothing.
/// </summary>
public sealed class ImportTownsOperation(LocalGovernmentRegistry governments, ITownStores stores, Action? townsChanged = null)
    : IOperation<ImportTownsRequest, ImportTownsResult>
{
    public Task<Result<ImportTownsResult>> RunAsync(ImportTownsRequest request, Caller caller, CancellationToken cancellationToken = default)
    {
        if (Operation.RequireWrite(caller) is { } denied) return Task.FromResult(Result<ImportTownsResult>.Fail(denied));
        return Task.FromResult(Operation.Run(() => Import(request)));
    }

    private ImportTownsResult Import(ImportTownsRequest request)
    {
        if (!File.Exists(request.Path) && !Directory.Exists(request.Path))
            throw new OperationException(OperationError.NotFound($"{request.Path}: no such file or folder", request.Path));
        var (records, format) = TownImporter.Read(request.Path, governments, request.Progress, request.Read);
        if (records.Count == 0) throw new OperationException(OperationError.CannotRead($"{request.Path}: no towns found", request.Path));
        using var store = stores.OpenForWrite();
        store.ReplaceCities(records, System.IO.Path.GetFullPath(request.Path), format);
        townsChanged?.Invoke();
        var cities = records.Select(r => r.LgCode).Distinct(StringComparer.Ordinal).Count();
        return new ImportTownsResult(records.Count, cities, format, store.Description);
    }
}

/// <summary>Which base registries are loaded, with counts, sources, licences and dates.</summary>
public sealed record DescribeRegistriesRequest;

public sealed class DescribeRegistriesOperation(LocalGovernmentRegistry governments, PostalCodeRegistry postalCodes, Func<TownRegistry> towns)
    : IOperation<DescribeRegistriesRequest, IReadOnlyList<RegistrySource>>
{
    public Task<Result<IReadOnlyList<RegistrySource>>> RunAsync(DescribeRegistriesRequest request, Caller caller, CancellationToken cancellationToken = default) =>
        Task.FromResult(Operation.Run<IReadOnlyList<RegistrySource>>(() => [governments.Info, postalCodes.Info, towns().Info]));
}
