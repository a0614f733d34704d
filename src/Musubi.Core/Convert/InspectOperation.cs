using Musubi.Detect;
using Musubi.Map;
using Musubi.Operations;
using Musubi.Read;
using Musubi.Schemas;

namespace Musubi.Convert;

/// <summary>What Musubi sees in one table of a file, before converting.</summary>
public sealed record TableInspection(string? Sheet, string Format, string Encoding, int HeaderRow, IReadOnlyList<string> Preamble,
    IReadOnlyList<SchemaCandidate> Candidates, TableMapping Mapping);

/// <summary>Asks what is in a file: every table with its header, schema candidates and column mapping.</summary>
public sealed record InspectRequest
{
    public required ConvertInput Input { get; init; }

    /// <summary>Map the columns to this schema instead of the best candidate.</summary>
    public string? SchemaId { get; init; }

    public int TopCandidates { get; init; } = 5;

    public ReadOptions Read { get; init; } = new();
}

/// <summary>Detection and mapping only, for every table of a file (the `musubi inspect` operation).</summary>
public sealed class InspectOperation(SchemaCatalog catalog) : IOperation<InspectRequest, IReadOnlyList<TableInspection>>
{
    public Task<Result<IReadOnlyList<TableInspection>>> RunAsync(InspectRequest request, Caller caller, CancellationToken cancellationToken = default) =>
        Task.FromResult(Run(request));

    public Result<IReadOnlyList<TableInspection>> Run(InspectRequest request) => Operation.Run(() => Inspect(request));

    private IReadOnlyList<TableInspection> Inspect(InspectRequest request)
    {
        var detector = new SchemaDetector(catalog);
        var forced = request.SchemaId is null ? null : catalog.Find(request.SchemaId)
            ?? throw new OperationException(OperationError.InvalidInput($"unknown schema '{request.SchemaId}'", nameof(InspectRequest.SchemaId)));
        using var input = InputFile.For(request.Input, request.Read.MaxBytes);
        var tables = TableReader.Open(input.Path, request.Read);
        try
        {
            return tables.Select(t =>
            {
                var ranking = detector.Rank(t.Header, input.DetectionName, input.Folder, t.Preamble);
                var mapping = ColumnMapper.Map(forced ?? ranking[0].Schema, t.Header);
                return new TableInspection(t.Sheet, t.Format, t.Encoding, t.HeaderRowNumber, t.Preamble, ranking.Take(request.TopCandidates).ToList(), mapping);
            }).ToList();
        }
        finally
        {
            foreach (var t in tables) t.Dispose();
        }
    }
}
