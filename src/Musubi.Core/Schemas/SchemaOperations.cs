using Musubi.Operations;

namespace Musubi.Schemas;

/// <summary>List the standard datasets Musubi knows.</summary>
public sealed record ListSchemasRequest;

public sealed class ListSchemasOperation(SchemaCatalog catalog) : IOperation<ListSchemasRequest, IReadOnlyList<TableSchema>>
{
    public Task<Result<IReadOnlyList<TableSchema>>> RunAsync(ListSchemasRequest request, Caller caller, CancellationToken cancellationToken = default) =>
        Task.FromResult(Result<IReadOnlyList<TableSchema>>.Ok([.. catalog.All]));
}

/// <summary>One standard dataset's schema by id.</summary>
public sealed record ShowSchemaRequest(string Id);

public sealed class ShowSchemaOperation(SchemaCatalog catalog) : IOperation<ShowSchemaRequest, TableSchema>
{
    public Task<Result<TableSchema>> RunAsync(ShowSchemaRequest request, Caller caller, CancellationToken cancellationToken = default) =>
        Task.FromResult(catalog.Find(request.Id) is { } schema
            ? Result<TableSchema>.Ok(schema)
            : Result<TableSchema>.Fail(OperationError.NotFound($"no schema '{request.Id}'; known: {string.Join(", ", catalog.All.Select(s => s.Id))}", request.Id)));
}
