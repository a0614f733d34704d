using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Musubi.Read;

/// <summary>
/// A table-driven CP932 (Windows-31J) decoder with a vectorised ASCII fast path. The tables are built once from
/// .NET's code-page 932 encoding, so the mapping is the same; invalid bytes decode to U+FFFD (not "?", which is
/// a real character in the data). Encoding (chars → bytes) is delegated to .NET's encoding.
/// About 3× faster than the code-page decoder on Japanese CSV, which matters for multi-GB files.
/// </summary>
internal sealed class Cp932Encoding : Encoding
{
    public static readonly Cp932Encoding Instance = new();

    private static readonly Lazy<Tables> Map = new(Tables.Build);

    /// <summary>The decoding tables (built on first use).</summary>
    internal static Tables Table => Map.Value;

    private Cp932Encoding()
        : base(932)
    {
    }

    private static Encoding Inner => Encoding.GetEncoding(932);

    public override string WebName => "shift_jis";

    public override string EncodingName => "Japanese (CP932, fast decoder)";

    public override Decoder GetDecoder() => new Cp932Decoder(Map.Value);

    public override int GetMaxCharCount(int byteCount) => byteCount + 1;

    public override int GetMaxByteCount(int charCount) => Inner.GetMaxByteCount(charCount);

    public override int GetByteCount(char[] chars, int index, int count) => Inner.GetByteCount(chars, index, count);

    public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex) =>
        Inner.GetBytes(chars, charIndex, charCount, bytes, byteIndex);

    public override int GetCharCount(byte[] bytes, int index, int count) =>
        new Cp932Decoder(Map.Value).GetCharCount(bytes, index, count, flush: true);

    public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex) =>
        new Cp932Decoder(Map.Value).GetChars(bytes, byteIndex, byteCount, chars, charIndex, flush: true);

    public override byte[] GetPreamble() => [];

    /// <summary>
    /// Strict check: every byte is ASCII, a valid single byte or a valid lead/trail pair (including the NEC-selected
    /// IBM extensions). A lead byte at the very end is accepted when the sample is cut there.
    /// </summary>
    public static bool IsValid(ReadOnlySpan<byte> bytes, bool complete)
    {
        var map = Map.Value;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b < 0x80) continue;
            var li = map.LeadIndex[b];
            if (li < 0)
            {
                if (map.Single[b] == '\uFFFD') return false;
                continue;
            }
            if (i + 1 >= bytes.Length) return !complete;
            var t = bytes[++i];
            if (t is < 0x40 or > 0xFC || map.Double[(li * 256) + t] == '\0') return false;
        }
        return true;
    }

    internal sealed class Tables
    {
        /// <summary>Index of a lead byte (0..59) or -1.</summary>
        public readonly sbyte[] LeadIndex = new sbyte[256];

        /// <summary>Single-byte characters (lead bytes: unused).</summary>
        public readonly char[] Single = new char[256];

        /// <summary>Double-byte characters by lead index × 256 + trail; '\0' marks an invalid pair.</summary>
        public readonly char[] Double = new char[60 * 256];

        /// <summary>
        /// Marks a byte sequence the strict decoder rejects. A replacement fallback instead of an exception fallback:
        /// the table holds ~11,000 pairs, and throwing for each invalid one cost ~0.1 s of every run's start-up.
        /// </summary>
        private const char Rejected = '\uFFFF';

        private const int FirstTrail = 0x40;
        private const int LastTrail = 0xFC;
        private const int TrailCount = LastTrail - FirstTrail + 1;

        /// <summary>The text up to the next line feed; <paramref name="rest"/> moves past it.</summary>
        private static ReadOnlySpan<char> NextPiece(ref ReadOnlySpan<char> rest)
        {
            var end = rest.IndexOf('\n');
            var piece = rest[..end];
            rest = rest[(end + 1)..];
            return piece;
        }

        public static Tables Build()
        {
            EncodingDetector.EnsureRegistered();
            var strict = Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, new DecoderReplacementFallback(Rejected.ToString()));
            var lenient = Encoding.GetEncoding(932);
            var t = new Tables();
            sbyte lead = 0;
            Span<char> buf = stackalloc char[4];
            for (var b = 0; b < 256; b++)
            {
                var isLead = b is >= 0x81 and <= 0x9F or >= 0xE0 and <= 0xFC;
                t.LeadIndex[b] = isLead ? lead++ : (sbyte)-1;
                if (isLead) continue;
                var n = strict.GetChars([(byte)b], buf);
                t.Single[b] = n == 1 && buf[0] != Rejected ? buf[0] : '\uFFFD';
            }
            // All lead/trail pairs decoded in one call per decoder, each pair followed by a line feed (the decoder takes
            // a lead byte and the byte after it together, so the pieces between line feeds are the pairs): 11,000 calls
            // into the code-page decoder cost ~10 ms of start-up and made the runtime recompile it.
            var pairs = new byte[60 * TrailCount * 3];
            var k = 0;
            for (var b = 0; b < 256; b++)
            {
                if (t.LeadIndex[b] < 0) continue;
                for (var trail = FirstTrail; trail <= LastTrail; trail++)
                {
                    pairs[k++] = (byte)b;
                    pairs[k++] = (byte)trail;
                    pairs[k++] = (byte)'\n';
                }
            }
            var strictText = strict.GetString(pairs).AsSpan();
            var lenientText = lenient.GetString(pairs).AsSpan();
            for (var b = 0; b < 256; b++)
            {
                var li = t.LeadIndex[b];
                if (li < 0) continue;
                for (var trail = FirstTrail; trail <= LastTrail; trail++)
                {
                    var piece = NextPiece(ref strictText);
                    var best = NextPiece(ref lenientText);
                    if (piece.IndexOf(Rejected) < 0)
                    {
                        if (piece.Length == 1) t.Double[(li * 256) + trail] = piece[0];
                        continue;
                    }
                    // .NET's strict decoder rejects the NEC-selected IBM extensions (0xED/0xEE leads, e.g. 髙 = EE E0)
                    // that its best-fit decoder maps; files use them, so take the best-fit character when it is one.
                    if (best.Length == 1 && best[0] is not ('?' or '\uFFFD' or '\u30FB')) t.Double[(li * 256) + trail] = best[0];
                }
            }
            return t;
        }
    }

    private sealed class Cp932Decoder(Tables map) : Decoder
    {
        private int _pending = -1;

        public override void Reset() => _pending = -1;

        public override int GetCharCount(byte[] bytes, int index, int count) => GetCharCount(bytes, index, count, flush: false);

        public override int GetCharCount(byte[] bytes, int index, int count, bool flush)
        {
            var saved = _pending;
            var tmp = new char[count + 1];
            var n = Decode(bytes.AsSpan(index, count), tmp, flush);
            _pending = saved;
            return n;
        }

        public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex) =>
            Decode(bytes.AsSpan(byteIndex, byteCount), chars.AsSpan(charIndex), flush: false);

        public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex, bool flush) =>
            Decode(bytes.AsSpan(byteIndex, byteCount), chars.AsSpan(charIndex), flush);

        public override int GetChars(ReadOnlySpan<byte> bytes, Span<char> chars, bool flush) => Decode(bytes, chars, flush);

        private int Decode(ReadOnlySpan<byte> src, Span<char> dst, bool flush)
        {
            var si = 0;
            var di = 0;
            var lead = map.LeadIndex;
            var dbl = map.Double;
            if (_pending >= 0)
            {
                if (src.IsEmpty)
                {
                    if (flush)
                    {
                        dst[di++] = '\uFFFD';
                        _pending = -1;
                    }
                    return di;
                }
                var c = src[0] is >= 0x40 and <= 0xFC ? dbl[(lead[_pending] * 256) + src[0]] : '\0';
                if (c != '\0')
                {
                    dst[di++] = c;
                    si = 1;
                }
                else
                {
                    dst[di++] = '\uFFFD';
                }
                _pending = -1;
            }
            // Each byte gives at most one char, so with room for every byte (plus the one the pending byte may add)
            // the loop can skip per-byte bounds checks; a caller with less room gets the checked loop.
            return dst.Length - di >= src.Length - si
                ? DecodeUnchecked(src, dst, si, di, flush)
                : DecodeChecked(src, dst, si, di, flush);
        }

        /// <summary>
        /// The fast loop: 16 bytes at a time while they are ASCII (digits, commas and codes are most of a CSV's bytes),
        /// one table lookup per single- or double-byte character. Compiled optimized at its first call: it is called
        /// once per buffer, too seldom to be promoted by tiering, and ReadyToRun leaves out code that depends on the
        /// CPU's vector instructions, so it would otherwise run unoptimized (with on-stack replacement) for a whole file.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int DecodeUnchecked(ReadOnlySpan<byte> src, Span<char> dst, int si, int di, bool flush)
        {
            ref var s = ref MemoryMarshal.GetReference(src);
            ref var d = ref MemoryMarshal.GetReference(dst);
            ref var lead = ref MemoryMarshal.GetArrayDataReference(map.LeadIndex);
            ref var single = ref MemoryMarshal.GetArrayDataReference(map.Single);
            ref var dbl = ref MemoryMarshal.GetArrayDataReference(map.Double);
            var n = src.Length;
            while (si < n)
            {
                if (si <= n - Vector128<byte>.Count)
                {
                    // Widen all 16 bytes; only the ASCII ones before the first other byte count, and the chars written
                    // past them are overwritten next (room for them is guaranteed above).
                    var v = Vector128.LoadUnsafe(ref s, (nuint)si);
                    var (lo, hi) = Vector128.Widen(v);
                    ref var at = ref Unsafe.As<char, ushort>(ref Unsafe.Add(ref d, di));
                    lo.StoreUnsafe(ref at);
                    hi.StoreUnsafe(ref at, (nuint)Vector128<ushort>.Count);
                    var mask = v.ExtractMostSignificantBits();
                    if (mask == 0)
                    {
                        si += Vector128<byte>.Count;
                        di += Vector128<byte>.Count;
                        continue;
                    }
                    var ascii = BitOperations.TrailingZeroCount(mask);
                    si += ascii;
                    di += ascii;
                }
                else if (Unsafe.Add(ref s, si) < 0x80)
                {
                    Unsafe.Add(ref d, di++) = (char)Unsafe.Add(ref s, si++);
                    continue;
                }
                // A run of non-ASCII characters, up to the next ASCII byte.
                while (si < n)
                {
                    var b = Unsafe.Add(ref s, si);
                    if (b < 0x80) break;
                    int li = Unsafe.Add(ref lead, b);
                    if (li < 0)
                    {
                        Unsafe.Add(ref d, di++) = Unsafe.Add(ref single, b);
                        si++;
                        continue;
                    }
                    if (si + 1 >= n)
                    {
                        if (flush) Unsafe.Add(ref d, di++) = '\uFFFD';
                        else _pending = b;
                        return di;
                    }
                    // Trail bytes outside 0x40..0xFC have '\0' in the table, like invalid pairs.
                    var ch = Unsafe.Add(ref dbl, (li * 256) + Unsafe.Add(ref s, si + 1));
                    if (ch != '\0')
                    {
                        Unsafe.Add(ref d, di++) = ch;
                        si += 2;
                    }
                    else
                    {
                        Unsafe.Add(ref d, di++) = '\uFFFD';
                        si++;
                    }
                }
            }
            return di;
        }

        private int DecodeChecked(ReadOnlySpan<byte> src, Span<char> dst, int si, int di, bool flush)
        {
            var lead = map.LeadIndex;
            var single = map.Single;
            var dbl = map.Double;
            while (si < src.Length)
            {
                var b = src[si];
                if (b < 0x80)
                {
                    System.Text.Ascii.ToUtf16(src[si..], dst[di..], out var written);
                    if (written == 0) throw new ArgumentException("destination buffer too small", nameof(dst));
                    si += written;
                    di += written;
                    continue;
                }
                var li = lead[b];
                if (li < 0)
                {
                    dst[di++] = single[b];
                    si++;
                    continue;
                }
                if (si + 1 >= src.Length)
                {
                    if (flush) dst[di++] = '\uFFFD';
                    else _pending = b;
                    si++;
                    break;
                }
                var t = src[si + 1];
                var ch = t is >= 0x40 and <= 0xFC ? dbl[(li * 256) + t] : '\0';
                if (ch != '\0')
                {
                    dst[di++] = ch;
                    si += 2;
                }
                else
                {
                    dst[di++] = '\uFFFD';
                    si++;
                }
            }
            return di;
        }
    }
}
