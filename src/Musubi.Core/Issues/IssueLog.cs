namespace Musubi.Issues;

/// <summary>Count and severity of one issue code over the whole table.</summary>
public sealed record IssueSummary(string Code, Severity Severity, long Count, string Title);

/// <summary>
/// Collects issues while rows stream by. Every issue is counted; the first <see cref="MaxPerCode"/> of each
/// code are kept with their row and column, so a report stays readable (and memory flat) on a 10-million-row file.
/// </summary>
public sealed class IssueLog(int maxPerCode = 1000)
{
    private readonly List<Issue> _kept = [];
    private readonly Dictionary<(string Code, Severity Severity), System.Runtime.CompilerServices.StrongBox<long>> _counts = [];

    // Codes are a few constant strings: a small cache keyed by the string's identity skips hashing its characters.
    private const int CacheSize = 256;
    private readonly string?[] _cacheCode = new string?[CacheSize];
    private readonly Severity[] _cacheSeverity = new Severity[CacheSize];
    private readonly System.Runtime.CompilerServices.StrongBox<long>?[] _cacheCount = new System.Runtime.CompilerServices.StrongBox<long>?[CacheSize];

    public int MaxPerCode { get; } = maxPerCode;

    public IReadOnlyList<Issue> Kept => _kept;

    public long Dropped { get; private set; }

    public long ErrorCount { get; private set; }

    public long WarningCount { get; private set; }

    public long FixedCount { get; private set; }

    /// <summary>
    /// Longest value or fixed value a kept issue quotes: the report names the cell, it need not carry it whole (100 kept
    /// issues quoting 900 KB cells cost 900 MB before this cap).
    /// </summary>
    public const int MaxQuotedChars = 1_000;

    public void Add(Issue issue)
    {
        if (Count(issue.Code)) _kept.Add(Capped(issue));
    }

    private static Issue Capped(Issue issue) =>
        issue.Value?.Length > MaxQuotedChars || issue.FixedValue?.Length > MaxQuotedChars || issue.Message.Length > 4 * MaxQuotedChars
            ? issue with { Value = Cap(issue.Value), FixedValue = Cap(issue.FixedValue), Message = Cap(issue.Message, 4 * MaxQuotedChars)! }
            : issue;

    public void Add(string code, int? row, string? column, string? value, string? fixedValue, string message)
    {
        if (Count(code)) _kept.Add(Issue.Of(code, row, column, Cap(value), Cap(fixedValue), Cap(message, 4 * MaxQuotedChars)!));
    }

    /// <summary>The text cut to <paramref name="max"/> characters with "…" (a new string, so the cell's own is not held).</summary>
    internal static string? Cap(string? s, int max = MaxQuotedChars) =>
        s is null || s.Length <= max ? s : string.Concat(s.AsSpan(0, char.IsHighSurrogate(s[max - 2]) ? max - 2 : max - 1), "…");

    /// <summary>
    /// Counts one issue (its severity is the catalog's) and says whether it should be kept with its details. Hot paths
    /// call this first and build the <see cref="Issue"/> (and its message) only when it will be kept.
    /// </summary>
    public bool Count(string code)
    {
        var slot = System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(code) & (CacheSize - 1);
        var box = _cacheCount[slot];
        Severity severity;
        if (box is null || !ReferenceEquals(_cacheCode[slot], code))
        {
            severity = IssueCatalog.SeverityOf(code);
            ref var entry = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, (code, severity), out _);
            box = entry ??= new System.Runtime.CompilerServices.StrongBox<long>();
            _cacheCode[slot] = code;
            _cacheSeverity[slot] = severity;
            _cacheCount[slot] = box;
        }
        else
        {
            severity = _cacheSeverity[slot];
        }
        var n = ++box.Value;
        switch (severity)
        {
            case Severity.Error: ErrorCount++; break;
            case Severity.Warning: WarningCount++; break;
            default: FixedCount++; break;
        }
        if (n <= MaxPerCode) return true;
        Dropped++;
        return false;
    }

    /// <summary>Keeps an issue already counted with <see cref="Count"/>.</summary>
    public void Keep(Issue issue) => _kept.Add(Capped(issue));

    public IReadOnlyList<IssueSummary> Summary() =>
        _counts.OrderBy(kv => kv.Key.Severity).ThenByDescending(kv => kv.Value.Value).ThenBy(kv => kv.Key.Code, StringComparer.Ordinal)
            .Select(kv => new IssueSummary(kv.Key.Code, kv.Key.Severity, kv.Value.Value, IssueCatalog.Find(kv.Key.Code)?.Title ?? kv.Key.Code))
            .ToList();
}
