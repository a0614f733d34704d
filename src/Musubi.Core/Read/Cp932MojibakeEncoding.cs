using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Musubi.Read;

/// <summary>
/// Reads UTF-8 text that is mojibake of CP932: CP932 bytes that were decoded as Latin-1 (or Windows-1252) and saved
/// as UTF-8 ("Snûö¤cÌ" for "全国地方公共団体"). Decoding undoes it while streaming: UTF-8 → characters → one byte
/// each (Latin-1, or the Windows-1252 byte for € ‚ ƒ „ …) → CP932. A character that maps to no single byte is kept as
/// it is; invalid CP932 gives U+FFFD. Encoding does the damage (CP932 → Latin-1 → UTF-8), for tests and round trips.
/// </summary>
internal sealed class Cp932MojibakeEncoding : Encoding
{
    public static readonly Cp932MojibakeEncoding Instance = new();

    /// <summary>The encoding name reported for a repaired file (without a byte-order mark).</summary>
    public const string Label = "UTF-8 (mojibake of CP932, repaired)";

    /// <summary>The encoding name reported for a repaired file with a UTF-8 byte-order mark.</summary>
    public const string LabelBom = "UTF-8-BOM (mojibake of CP932, repaired)";

    private Cp932MojibakeEncoding()
    {
    }

    public override string WebName => "x-musubi-utf8-cp932-mojibake";

    public override string EncodingName => "CP932 mojibake in UTF-8 (via Latin-1 / Windows-1252)";

    public override Decoder GetDecoder() => new MojibakeDecoder(Cp932Encoding.Table);

    public override byte[] GetPreamble() => [];

    public override int GetMaxCharCount(int byteCount) => byteCount + 4;

    public override int GetMaxByteCount(int charCount) => (charCount + 1) * 4;

    public override int GetCharCount(byte[] bytes, int index, int count) =>
        new MojibakeDecoder(Cp932Encoding.Table).GetCharCount(bytes, index, count, flush: true);

    public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex) =>
        new MojibakeDecoder(Cp932Encoding.Table).GetChars(bytes, byteIndex, byteCount, chars, charIndex, flush: true);

    public override int GetByteCount(char[] chars, int index, int count)
    {
        var n = 0;
        foreach (var b in EncodingDetector.Cp932.GetBytes(chars, index, count)) n += b < 0x80 ? 1 : 2;
        return n;
    }

    public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex)
    {
        var start = byteIndex;
        foreach (var b in EncodingDetector.Cp932.GetBytes(chars, charIndex, charCount))
        {
            if (b < 0x80)
            {
                bytes[byteIndex++] = b;
            }
            else
            {
                // The byte read as the Latin-1 character U+00xx, written as UTF-8.
                bytes[byteIndex++] = (byte)(0xC0 | (b >> 6));
                bytes[byteIndex++] = (byte)(0x80 | (b & 0x3F));
            }
        }
        return byteIndex - start;
    }

    /// <summary>
    /// The byte a mojibake character stands for: U+0000–U+00FF (Latin-1, including the C1 controls) is that byte; the
    /// Windows-1252 characters of 0x80–0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ) are their byte;
    /// anything else is -1.
    /// </summary>
    internal static int ToByte(char c) => c < 0x100 ? c : c switch
    {
        '\u20AC' => 0x80,
        '\u201A' => 0x82,
        '\u0192' => 0x83,
        '\u201E' => 0x84,
        '\u2026' => 0x85,
        '\u2020' => 0x86,
        '\u2021' => 0x87,
        '\u02C6' => 0x88,
        '\u2030' => 0x89,
        '\u0160' => 0x8A,
        '\u2039' => 0x8B,
        '\u0152' => 0x8C,
        '\u017D' => 0x8E,
        '\u2018' => 0x91,
        '\u2019' => 0x92,
        '\u201C' => 0x93,
        '\u201D' => 0x94,
        '\u2022' => 0x95,
        '\u2013' => 0x96,
        '\u2014' => 0x97,
        '\u02DC' => 0x98,
        '\u2122' => 0x99,
        '\u0161' => 0x9A,
        '\u203A' => 0x9B,
        '\u0153' => 0x9C,
        '\u017E' => 0x9E,
        '\u0178' => 0x9F,
        _ => -1,
    };

    /// <summary>Which damage a sample shows, if any.</summary>
    internal enum Variant
    {
        None,

        /// <summary>CP932 read as Latin-1: lead bytes 0x81–0x9F show as C1 control characters.</summary>
        Latin1,

        /// <summary>CP932 read as Windows-1252: lead bytes show as € ‚ ƒ „ … and the like.</summary>
        Windows1252,
    }

    /// <summary>
    /// Whether valid UTF-8 <paramref name="utf8"/> is CP932 mojibake. Every non-ASCII character must stand for one byte
    /// (<see cref="ToByte"/>), so real Japanese (U+3000 and up) never matches; the bytes must be strict CP932 with at
    /// least two double-byte characters, a third of them directly after another (Japanese words run together; an accented
    /// Latin letter stands alone), no more half-width katakana than double-byte characters, and at least half of
    /// the double-byte characters led by 0x81–0x9F (kana, punctuation, level-1 kanji; accented Latin letters are
    /// 0xC0–0xFF). Last, Latin-1 damage must show C1 controls (never in real text), and Windows-1252 damage (where
    /// ‘’“” are real punctuation) needs a quarter of the trail bytes at 0x80 or above (an accented letter or ’ inside a
    /// Latin word is followed by an ASCII letter) or half of the leads 0x82/0x83 (kana; ‚ and ƒ are rare in real
    /// text). "café", "Prénom", "l’élève" fail these; so does text with ÿ, ý, þ or a no-break space, which are not CP932
    /// lead or single bytes.
    /// </summary>
    internal static Variant Inspect(ReadOnlySpan<byte> utf8, bool complete)
    {
        if (!complete) utf8 = utf8[..EncodingDetector.CompleteUtf8Length(utf8)];
        if (Ascii.IsValid(utf8) || !Utf8.IsValid(utf8)) return Variant.None;
        var map = Cp932Encoding.Table;
        int pairs = 0, adjacent = 0, lowLead = 0, kanaLead = 0, highTrail = 0, halfKana = 0;
        var afterPair = false;
        bool c1 = false, w1252 = false;
        var lead = -1;
        var buffer = ArrayPool<char>.Shared.Rent(utf8.Length);
        try
        {
            Utf8.ToUtf16(utf8, buffer, out _, out var written);
            foreach (var c in buffer.AsSpan(0, written))
            {
                if (c < 0x80 && lead < 0)
                {
                    afterPair = false;
                    continue;
                }
                var b = ToByte(c);
                if (b < 0) return Variant.None;
                if (c is >= '\u0080' and <= '\u009F') c1 = true;
                else if (c > 0xFF) w1252 = true;
                if (lead >= 0)
                {
                    if (b is < 0x40 or > 0xFC || map.Double[(map.LeadIndex[lead] * 256) + b] == '\0') return Variant.None;
                    pairs++;
                    if (afterPair) adjacent++;
                    afterPair = true;
                    if (lead <= 0x9F) lowLead++;
                    if (lead is 0x82 or 0x83) kanaLead++;
                    if (b >= 0x80) highTrail++;
                    lead = -1;
                }
                else if (map.LeadIndex[b] >= 0)
                {
                    lead = b;
                }
                else if (b is >= 0xA1 and <= 0xDF)
                {
                    halfKana++;
                    afterPair = false;
                }
                else
                {
                    return Variant.None;
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
        if (lead >= 0 && complete) return Variant.None;
        if (pairs < 2 || adjacent * 3 < pairs || halfKana > pairs || lowLead * 2 < pairs) return Variant.None;
        if (w1252) return highTrail * 4 >= pairs || kanaLead * 2 >= pairs ? Variant.Windows1252 : Variant.None;
        return c1 ? Variant.Latin1 : Variant.None;
    }

    /// <summary>UTF-8 → characters → bytes → CP932, with the UTF-8 tail and a CP932 lead byte carried between calls.</summary>
    private sealed class MojibakeDecoder(Cp932Encoding.Tables map) : Decoder
    {
        private uint _utf8Pending;
        private int _utf8Count;
        private int _lead = -1;

        public override void Reset()
        {
            _utf8Pending = 0;
            _utf8Count = 0;
            _lead = -1;
        }

        public override int GetCharCount(byte[] bytes, int index, int count) => GetCharCount(bytes, index, count, flush: false);

        public override int GetCharCount(byte[] bytes, int index, int count, bool flush)
        {
            var saved = (_utf8Pending, _utf8Count, _lead);
            var tmp = ArrayPool<char>.Shared.Rent(count + 8);
            try
            {
                return Decode(bytes.AsSpan(index, count), tmp, flush);
            }
            finally
            {
                ArrayPool<char>.Shared.Return(tmp);
                (_utf8Pending, _utf8Count, _lead) = saved;
            }
        }

        public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex) =>
            Decode(bytes.AsSpan(byteIndex, byteCount), chars.AsSpan(charIndex), flush: false);

        public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex, bool flush) =>
            Decode(bytes.AsSpan(byteIndex, byteCount), chars.AsSpan(charIndex), flush);

        public override int GetChars(ReadOnlySpan<byte> bytes, Span<char> chars, bool flush) => Decode(bytes, chars, flush);

        private int Decode(ReadOnlySpan<byte> src, Span<char> dst, bool flush)
        {
            byte[]? joined = null;
            var chars = ArrayPool<char>.Shared.Rent(src.Length + 8);
            try
            {
                var input = src;
                if (_utf8Count > 0)
                {
                    // A UTF-8 character cut at the end of the previous block.
                    joined = ArrayPool<byte>.Shared.Rent(_utf8Count + src.Length);
                    for (var k = 0; k < _utf8Count; k++) joined[k] = (byte)(_utf8Pending >> (8 * k));
                    src.CopyTo(joined.AsSpan(_utf8Count));
                    input = joined.AsSpan(0, _utf8Count + src.Length);
                }
                Utf8.ToUtf16(input, chars, out var read, out var written, replaceInvalidSequences: true, isFinalBlock: flush);
                _utf8Pending = 0;
                _utf8Count = 0;
                for (var k = read; k < input.Length; k++) _utf8Pending |= (uint)input[k] << (8 * _utf8Count++);
                return MapChars(chars.AsSpan(0, written), dst, flush);
            }
            finally
            {
                ArrayPool<char>.Shared.Return(chars);
                if (joined is not null) ArrayPool<byte>.Shared.Return(joined);
            }
        }

        private int MapChars(ReadOnlySpan<char> s, Span<char> dst, bool flush)
        {
            var di = 0;
            var i = 0;
            var lead = map.LeadIndex;
            var single = map.Single;
            var dbl = map.Double;
            while (i < s.Length)
            {
                if (_lead < 0)
                {
                    // ASCII run: copied as it is.
                    var run = s[i..].IndexOfAnyExceptInRange('\0', '\x7F');
                    if (run < 0) run = s.Length - i;
                    if (run > 0)
                    {
                        s.Slice(i, run).CopyTo(dst[di..]);
                        i += run;
                        di += run;
                        continue;
                    }
                }
                var c = s[i++];
                var b = ToByte(c);
                if (b < 0)
                {
                    // Not mojibake (e.g. real Japanese or an emoji): kept; a lead byte waiting before it is invalid.
                    if (_lead >= 0)
                    {
                        dst[di++] = '\uFFFD';
                        _lead = -1;
                    }
                    dst[di++] = c;
                    continue;
                }
                if (_lead >= 0)
                {
                    var ch = b is >= 0x40 and <= 0xFC ? dbl[(lead[_lead] * 256) + b] : '\0';
                    _lead = -1;
                    if (ch != '\0')
                    {
                        dst[di++] = ch;
                        continue;
                    }
                    // Invalid pair: the lead becomes U+FFFD and this byte is read again on its own.
                    dst[di++] = '\uFFFD';
                }
                if (b < 0x80) dst[di++] = (char)b;
                else if (lead[b] >= 0) _lead = b;
                else dst[di++] = single[b];
            }
            if (flush && _lead >= 0)
            {
                dst[di++] = '\uFFFD';
                _lead = -1;
            }
            return di;
        }
    }
}
