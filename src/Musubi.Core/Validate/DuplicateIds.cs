using Musubi.Issues;

namespace Musubi.Validate;

/// <summary>
/// Finds IDs that appear more than once. Memory stays small on a 10-million-row file: plain integer IDs (the usual 連番)
/// take one bit each, others an 8-byte hash; past <see cref="DuplicateCheckLimit"/> IDs the check stops and says so.
/// </summary>
internal sealed class DuplicateIds(int index, string column, IssueLog log)
{
    private const int DuplicateCheckLimit = 4_000_000;

    private readonly int _index = index;
    private readonly string _column = column;
    private readonly IssueLog _log = log;
    private readonly HashSet<ulong> _ids = [];
    private readonly BitSet _numericIds = new();
    private int _idCount;
    private bool _duplicateLimitReached;

    public void Check(int rowNumber, string[] values)
    {
        var id = values[_index];
        if (id.Length == 0) return;
        if (_duplicateLimitReached) return;
        if (_idCount >= DuplicateCheckLimit)
        {
            _duplicateLimitReached = true;
            _log.Add(IssueCode.DuplicateCheckLimit, rowNumber, _column, null, null,
                $"more than {DuplicateCheckLimit:N0} IDs: duplicate IDs are not checked beyond this row");
            return;
        }
        _idCount++;
        var added = TryPlainInteger(id, out var number) ? _numericIds.Add(number) : _ids.Add(Fnv1a64(id));
        if (!added)
        {
            if (_log.Count(IssueCode.DuplicateId))
                _log.Keep(Issue.Of(IssueCode.DuplicateId, rowNumber, _column, id, null, $"ID {id} appears more than once"));
        }
    }

    /// <summary>"1" … "99999999" without leading zeros: such IDs (the usual 連番) are tracked in a bit set, one bit each.</summary>
    private static bool TryPlainInteger(string s, out int value)
    {
        value = 0;
        if (s.Length is 0 or > 8 || s[0] == '0') return false;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    /// <summary>64-bit FNV-1a: 8 bytes per ID instead of the string, so a 10-million-row file stays within memory.</summary>
    private static ulong Fnv1a64(string s)
    {
        var h = 14695981039346656037UL;
        foreach (var c in s)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        return h;
    }

    /// <summary>A growable set of non-negative integers, one bit each.</summary>
    private sealed class BitSet
    {
        private ulong[] _words = new ulong[1024];

        /// <summary>False when the number was already in the set.</summary>
        public bool Add(int n)
        {
            var w = n >> 6;
            if (w >= _words.Length) Array.Resize(ref _words, Math.Max(_words.Length * 2, w + 1));
            var bit = 1UL << (n & 63);
            if ((_words[w] & bit) != 0) return false;
            _words[w] |= bit;
            return true;
        }
    }
}
