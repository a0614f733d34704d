namespace Musubi.Address;

/// <summary>
/// The convert step's shortcut for files whose rows repeat a handful of municipalities ("さいたま市北区上木崎5丁目8番14号",
/// "さいたま市北区上木崎1-4-3" …). Without a town list, a municipality-level result (no rest asked for) is decided by the
/// hint and the text before its first digit — matching starts at the beginning, and no prefecture, municipality or ward
/// name has an Arabic digit — so it is kept per (hint, that text) and the text is not cleaned, folded and matched again.
/// Only texts that start with kana or kanji are kept (not 〒, a digit, a bracketed note, a space), only level-2 results,
/// at most <see cref="MaxEntries"/> in all; everything else goes to the normalizer. One instance per conversion (not
/// thread-safe).
/// </summary>
internal sealed class CityLevelMemo(AddressNormalizer normalizer)
{
    internal const int MaxEntries = 8192;

    /// <summary>Index of the first ASCII or full-width digit, or -1 (a loop: SearchValues with non-ASCII members is slower here).</summary>
    internal static int IndexOfDigit(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]) || text[i] is >= '０' and <= '９') return i;
        }
        return -1;
    }

    private readonly bool _active = normalizer.Towns.Count == 0;
    private readonly Dictionary<string, Dictionary<string, AddressResult>> _byHint = new(StringComparer.Ordinal);
    private string? _lastHint;
    private Dictionary<string, AddressResult>.AlternateLookup<ReadOnlySpan<char>> _last;
    private int _count;

    /// <summary>Same as <c>normalizer.Normalize(text, hint, cityLevelRest: false)</c>.</summary>
    public AddressResult Normalize(string text, string? hint)
    {
        if (!_active || text.Length == 0 || !StartsPlain(text[0])) return normalizer.Normalize(text, hint, cityLevelRest: false);
        var digit = IndexOfDigit(text);
        var prefix = digit < 0 ? text.AsSpan() : text.AsSpan(0, digit);
        var lookup = For(hint ?? "");
        if (lookup.TryGetValue(prefix, out var known)) return known;
        var r = normalizer.Normalize(text, hint, cityLevelRest: false);
        if (r is { Level: 2, Rest: null, Building: null, Town: null } && _count < MaxEntries)
        {
            lookup.Dictionary[prefix.ToString()] = r;
            _count++;
        }
        return r;
    }

    private Dictionary<string, AddressResult>.AlternateLookup<ReadOnlySpan<char>> For(string hint)
    {
        if (!ReferenceEquals(hint, _lastHint) && !string.Equals(hint, _lastHint, StringComparison.Ordinal))
        {
            if (!_byHint.TryGetValue(hint, out var d)) _byHint[hint] = d = new(StringComparer.Ordinal);
            _last = d.GetAlternateLookup<ReadOnlySpan<char>>();
            _lastHint = hint;
        }
        return _last;
    }

    /// <summary>Hiragana, katakana or a CJK ideograph: the way a municipality or prefecture name starts.</summary>
    private static bool StartsPlain(char c) => c is (>= '\u3041' and <= '\u30FA') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF');
}
