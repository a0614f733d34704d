using Musubi.Operations;

namespace Musubi.Registry;

/// <summary>One local government by its code (6 digits, or 5 without the check digit, or a lost leading zero).</summary>
public sealed record LookupLocalGovernmentRequest(string Code);

/// <summary>Local governments whose name contains <see cref="Name"/>, optionally of one prefecture (code or name).</summary>
public sealed record FindLocalGovernmentsRequest(string? Name, string? Prefecture = null, bool IncludeAbolished = false, int Limit = 100);

public sealed record LookupPostalCodeRequest(string PostalCode);

public sealed class LookupLocalGovernmentOperation(LocalGovernmentRegistry governments) : IOperation<LookupLocalGovernmentRequest, LocalGovernment>
{
    public Task<Result<LocalGovernment>> RunAsync(LookupLocalGovernmentRequest request, Caller caller, CancellationToken cancellationToken = default) =>
        Task.FromResult(governments.ByLooseCode(request.Code) is { } g
            ? Result<LocalGovernment>.Ok(g)
            : Result<LocalGovernment>.Fail(OperationError.NotFound($"'{request.Code}' is not a known 全国地方公共団体コード", request.Code)));
}

public sealed class FindLocalGovernmentsOperation(LocalGovernmentRegistry governments) : IOperation<FindLocalGovernmentsRequest, IReadOnlyList<LocalGovernment>>
{
    public Task<Result<IReadOnlyList<LocalGovernment>>> RunAsync(FindLocalGovernmentsRequest request, Caller caller, CancellationToken cancellationToken = default)
    {
        if (request.Limit is < 1 or > 2000)
            return Task.FromResult(Result<IReadOnlyList<LocalGovernment>>.Fail(OperationError.InvalidInput("limit must be between 1 and 2000", nameof(request.Limit))));
        string? prefecture = null;
        if (!string.IsNullOrWhiteSpace(request.Prefecture))
        {
            var text = request.Prefecture.Trim();
            // A bare prefecture number (01–47) is a prefecture's code without its 000 and check digit.
            if (text.Length is 1 or 2 && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 47)
                text = n.ToString("00", System.Globalization.CultureInfo.InvariantCulture) + "000";
            var p = governments.ByLooseCode(text) ?? governments.ByPrefectureName(text);
            if (p is null) return Task.FromResult(Result<IReadOnlyList<LocalGovernment>>.Fail(OperationError.InvalidInput($"'{request.Prefecture}' is not a prefecture", nameof(request.Prefecture))));
            prefecture = p.Prefecture;
        }
        var name = Chars.JapaneseText.Clean(request.Name ?? "").Trim();
        IReadOnlyList<LocalGovernment> found = [.. governments.All
            .Where(g => request.IncludeAbolished || g.IsCurrent)
            .Where(g => prefecture is null || g.Prefecture == prefecture)
            .Where(g => name.Length == 0 || g.FullName.Contains(name, StringComparison.Ordinal) || g.Kana.Contains(name, StringComparison.Ordinal))
            .Take(request.Limit)];
        return Task.FromResult(Result<IReadOnlyList<LocalGovernment>>.Ok(found));
    }
}

public sealed class LookupPostalCodeOperation(PostalCodeRegistry postalCodes) : IOperation<LookupPostalCodeRequest, IReadOnlyList<PostalCodeEntry>>
{
    public Task<Result<IReadOnlyList<PostalCodeEntry>>> RunAsync(LookupPostalCodeRequest request, Caller caller, CancellationToken cancellationToken = default) =>
        Task.FromResult(postalCodes.Lookup(request.PostalCode) is { Count: > 0 } list
            ? Result<IReadOnlyList<PostalCodeEntry>>.Ok(list)
            : Result<IReadOnlyList<PostalCodeEntry>>.Fail(OperationError.NotFound($"'{request.PostalCode}' is not a known postal code", request.PostalCode)));
}
