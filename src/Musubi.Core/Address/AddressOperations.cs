using Musubi.Operations;
using Musubi.Read;

namespace Musubi.Address;

/// <summary>Normalize one address.</summary>
/// <param name="Text">The address as written.</param>
/// <param name="Hint">全国地方公共団体コード used when the prefecture or municipality is left out.</param>
public sealed record NormalizeAddressRequest(string Text, string? Hint = null);

/// <summary>Splits an address into prefecture, municipality, town and the rest, with codes and a representative point.</summary>
public sealed class NormalizeAddressOperation(AddressNormalizerSource addresses) : IOperation<NormalizeAddressRequest, AddressResult>
{
    public Task<Result<AddressResult>> RunAsync(NormalizeAddressRequest request, Caller caller, CancellationToken cancellationToken = default) =>
        Task.FromResult(Operation.Run(() => addresses.Normalizer.Normalize(request.Text, request.Hint)));
}

/// <summary>Normalize one column of a table, row by row.</summary>
public sealed record NormalizeAddressesRequest
{
    /// <summary>A CSV (or any table the converter reads), read with the converter's reader and limits.</summary>
    public required string InputPath { get; init; }

    /// <summary>The header name of the address column.</summary>
    public required string Column { get; init; }

    /// <summary>A column holding each row's 全国地方公共団体コード (hint), if any.</summary>
    public string? HintColumn { get; init; }

    /// <summary>Worker threads (rows are normalized in blocks; results come back in input order).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Called for every row, in input order.</summary>
    public required Action<AddressRow> OnResult { get; init; }

    /// <summary>Rows done so far, now and then.</summary>
    public IProgress<long>? Progress { get; init; }

    public ReadOptions Read { get; init; } = new();
}

/// <summary>One normalized row: its physical row in the input and the result.</summary>
public readonly record struct AddressRow(int Row, AddressResult Result);

/// <summary>The batch face of the address normalizer (`musubi address --csv`): rows in, results out in the same order.</summary>
public sealed class NormalizeAddressesOperation(AddressNormalizerSource addresses) : IOperation<NormalizeAddressesRequest, long>
{
    private const int Block = 4096;

    public Task<Result<long>> RunAsync(NormalizeAddressesRequest request, Caller caller, CancellationToken cancellationToken = default) =>
        Task.FromResult(Operation.Run(() => Normalize(request, cancellationToken)));

    private long Normalize(NormalizeAddressesRequest request, CancellationToken cancellationToken)
    {
        var normalizer = addresses.Normalizer;
        var tables = TableReader.Open(request.InputPath, request.Read);
        try
        {
            var table = tables[0];
            var col = IndexOf(table.Header, request.Column)
                ?? throw new OperationException(OperationError.InvalidInput(
                    $"{Path.GetFileName(request.InputPath)}: no column '{request.Column}' (columns: {string.Join(", ", table.Header)})", nameof(request.Column)));
            int? hintCol = request.HintColumn is null ? null : IndexOf(table.Header, request.HintColumn)
                ?? throw new OperationException(OperationError.InvalidInput(
                    $"{Path.GetFileName(request.InputPath)}: no column '{request.HintColumn}'", nameof(request.HintColumn)));
            var rows = new List<int>(Block);
            var texts = new List<string>(Block);
            var hints = new List<string?>(Block);
            var results = new AddressResult[Block];
            long done = 0;
            void Flush()
            {
                var count = texts.Count;
                if (request.Threads <= 1) for (var i = 0; i < count; i++) results[i] = normalizer.Normalize(texts[i], hints[i]);
                else Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = request.Threads, CancellationToken = cancellationToken },
                    i => results[i] = normalizer.Normalize(texts[i], hints[i]));
                for (var i = 0; i < count; i++) request.OnResult(new AddressRow(rows[i], results[i]));
                done += count;
                request.Progress?.Report(done);
                rows.Clear();
                texts.Clear();
                hints.Clear();
            }
            foreach (var row in table.Rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                rows.Add(row.RowNumber);
                texts.Add(col < row.Cells.Length ? row.Cells[col] : "");
                hints.Add(hintCol is int h && h < row.Cells.Length ? row.Cells[h] : null);
                if (texts.Count == Block) Flush();
            }
            Flush();
            return done;
        }
        finally
        {
            foreach (var t in tables) t.Dispose();
        }
    }

    private static int? IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
            if (string.Equals(names[i].Trim(), name.Trim(), StringComparison.Ordinal)) return i;
        return null;
    }
}
