using System.Text;
using System.Text.Unicode;
using UtfUnknown;

namespace Musubi.Read;

/// <summary>
/// The character encoding chosen for a text file, with the length of its byte-order mark.
/// <c>RepairNote</c> says how a damaged text is repaired while it is decoded (CP932 mojibake).
/// </summary>
internal readonly record struct DetectedEncoding(Encoding Encoding, string Name, int BomLength, string? RepairNote = null);

/// <summary>
/// Detects the encoding of a text sample: byte-order mark; else strict UTF-8 (tried before CP932 because CP932
/// accepts many UTF-8 byte sequences), read back as CP932 when it is CP932 mojibake (see
/// <see cref="Cp932MojibakeEncoding.Inspect"/>); else strict CP932 (or EUC-JP when that reading is far more plausible);
/// else UTF.Unknown's guess.
/// </summary>
internal static class EncodingDetector
{
    static EncodingDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Makes sure the code-page encodings (CP932, EUC-JP, the ones XLS needs) are available.</summary>
    public static void EnsureRegistered()
    {
        // The static constructor does the work.
    }

    /// <summary>.NET's code-page 932 encoding (used for workbooks and strict checks).</summary>
    public static Encoding Cp932 => Encoding.GetEncoding(932);

    /// <summary>The fast table-driven CP932 decoder used to stream CSV text.</summary>
    public static Encoding Cp932Fast => Cp932Encoding.Instance;

    public static DetectedEncoding Detect(ReadOnlySpan<byte> sample, bool complete)
    {
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return Mojibake(sample[3..], complete, bom: true) ?? new(new UTF8Encoding(false), "UTF-8-BOM", 3);
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return new(new UnicodeEncoding(false, false), "UTF-16LE", 2);
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return new(new UnicodeEncoding(true, false), "UTF-16BE", 2);

        var utf16 = GuessUtf16WithoutBom(sample);
        if (utf16 is not null) return utf16.Value;

        if (IsValidUtf8(sample, complete)) return Mojibake(sample, complete, bom: false) ?? new(new UTF8Encoding(false), "UTF-8", 0);

        if (Cp932Encoding.IsValid(sample, complete))
        {
            if (LooksLikeEucJp(sample, Cp932Fast.GetString(sample), complete)) return new(Encoding.GetEncoding(51932), "EUC-JP", 0);
            return new(Cp932Fast, "CP932", 0);
        }

        var eucStrict = Encoding.GetEncoding(51932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        if (TryDecode(eucStrict, sample, complete) is not null) return new(Encoding.GetEncoding(51932), "EUC-JP", 0);

        var guess = CharsetDetector.DetectFromBytes(sample.ToArray()).Detected;
        if (guess?.Encoding is { } enc && guess.Confidence > 0.2f)
            return new(enc, guess.EncodingName.ToUpperInvariant(), 0);
        // Nothing fits: CP932 with replacement characters is the most likely reading for a Japanese municipal file.
        return new(Cp932Fast, "CP932", 0);
    }

    /// <summary>The repairing decoder when valid UTF-8 <paramref name="text"/> (after any BOM) is CP932 mojibake.</summary>
    private static DetectedEncoding? Mojibake(ReadOnlySpan<byte> text, bool complete, bool bom)
    {
        var variant = Cp932MojibakeEncoding.Inspect(text, complete);
        if (variant == Cp932MojibakeEncoding.Variant.None) return null;
        var via = variant == Cp932MojibakeEncoding.Variant.Windows1252 ? "Windows-1252" : "Latin-1";
        return new(Cp932MojibakeEncoding.Instance, bom ? Cp932MojibakeEncoding.LabelBom : Cp932MojibakeEncoding.Label, bom ? 3 : 0,
            $"the text is mojibake: CP932 bytes decoded as {via} and saved as UTF-8; read back as CP932 (Japanese restored)");
    }

    /// <summary>Maps a user-given name ("cp932", "sjis", "utf-8", "utf-16le", …) to an encoding.</summary>
    public static DetectedEncoding FromName(string file, string name, ReadOnlySpan<byte> sample)
    {
        var key = name.Trim().ToLowerInvariant().Replace("_", "-", StringComparison.Ordinal);
        Encoding enc;
        string label;
        switch (key)
        {
            case "cp932" or "shift-jis" or "sjis" or "windows-31j" or "ms932" or "932":
                enc = Cp932Fast;
                label = "CP932";
                break;
            case "utf8" or "utf-8" or "utf-8-bom" or "utf8-bom":
                enc = new UTF8Encoding(false);
                label = sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? "UTF-8-BOM" : "UTF-8";
                break;
            case "utf-16" or "utf-16le" or "utf16le" or "unicode":
                enc = new UnicodeEncoding(false, false);
                label = "UTF-16LE";
                break;
            case "utf-16be" or "utf16be":
                enc = new UnicodeEncoding(true, false);
                label = "UTF-16BE";
                break;
            case "cp932-mojibake" or "mojibake" or "utf-8-mojibake":
                enc = Cp932MojibakeEncoding.Instance;
                label = sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? Cp932MojibakeEncoding.LabelBom : Cp932MojibakeEncoding.Label;
                break;
            case "euc-jp" or "eucjp":
                enc = Encoding.GetEncoding(51932);
                label = "EUC-JP";
                break;
            default:
                try
                {
                    enc = Encoding.GetEncoding(name.Trim());
                    label = enc.WebName.ToUpperInvariant();
                }
                catch (ArgumentException)
                {
                    throw new InputException(file, $"unknown encoding \"{name}\"");
                }
                break;
        }
        var preamble = enc.GetPreamble();
        var bom = label is "UTF-8-BOM" or Cp932MojibakeEncoding.LabelBom ? 3 : preamble.Length > 0 && sample.StartsWith(preamble) ? preamble.Length : 0;
        if (bom == 0 && enc is UnicodeEncoding && sample.Length >= 2)
            bom = (sample[0], sample[1]) is (0xFF, 0xFE) or (0xFE, 0xFF) ? 2 : 0;
        return new(enc, label, bom, enc is Cp932MojibakeEncoding ? "read as CP932 mojibake in UTF-8 (as asked); Japanese restored" : null);
    }

    /// <summary>Strict UTF-8 check that tolerates a multi-byte character cut at the end of an incomplete sample.</summary>
    internal static bool IsValidUtf8(ReadOnlySpan<byte> sample, bool complete)
    {
        if (!complete) sample = sample[..CompleteUtf8Length(sample)];
        return Utf8.IsValid(sample);
    }

    internal static int CompleteUtf8Length(ReadOnlySpan<byte> s)
    {
        // Walk back over at most 3 continuation bytes to the lead byte; drop the character if it is incomplete.
        var n = s.Length;
        for (var back = 1; back <= 4 && back <= n; back++)
        {
            var b = s[n - back];
            if ((b & 0xC0) == 0x80) continue; // continuation byte
            var need = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
            return need > back ? n - back : n;
        }
        return n;
    }

    private static string? TryDecode(Encoding strict, ReadOnlySpan<byte> sample, bool complete)
    {
        try
        {
            return strict.GetString(sample);
        }
        catch (DecoderFallbackException) when (!complete && sample.Length > 1)
        {
            // The sample may end inside a double-byte character.
            try
            {
                return strict.GetString(sample[..^1]);
            }
            catch (DecoderFallbackException)
            {
                return null;
            }
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>
    /// EUC-JP text is usually also valid CP932, read as half-width katakana. Prefer EUC-JP when the CP932 reading
    /// is mostly half-width katakana and the bytes are strict EUC-JP.
    /// </summary>
    private static bool LooksLikeEucJp(ReadOnlySpan<byte> sample, string cp932Text, bool complete)
    {
        int nonAscii = 0, halfKana = 0;
        foreach (var c in cp932Text)
        {
            if (c < 0x80) continue;
            nonAscii++;
            if (c is >= '\uFF61' and <= '\uFF9F') halfKana++;
        }
        if (nonAscii < 8 || halfKana * 10 < nonAscii * 6) return false;
        var eucStrict = Encoding.GetEncoding(51932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        return TryDecode(eucStrict, sample, complete) is not null;
    }

    /// <summary>UTF-16 without a BOM shows as NUL bytes in every other position of ASCII text.</summary>
    private static DetectedEncoding? GuessUtf16WithoutBom(ReadOnlySpan<byte> sample)
    {
        var n = Math.Min(sample.Length & ~1, 4096);
        if (n < 8) return null;
        int evenNul = 0, oddNul = 0;
        for (var i = 0; i < n; i += 2)
        {
            if (sample[i] == 0) evenNul++;
            if (sample[i + 1] == 0) oddNul++;
        }
        var pairs = n / 2;
        if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return new(new UnicodeEncoding(false, false), "UTF-16LE", 0);
        if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return new(new UnicodeEncoding(true, false), "UTF-16BE", 0);
        return null;
    }
}
