using System.Text;
using CsCheck;
using Musubi.Read;

namespace Musubi.Tests.Read;

public sealed class ReadEncodingTests
{
    private const string Chars = "abcXYZ019 ,\"\r\n\\~あいうアイウｱｲｳﾞ漢字髙﨑①㈱№∵―～－￥表ソ能";

    static ReadEncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void Fast_cp932_decoder_matches_dotnet_on_valid_text_split_anywhere()
    {
        var cp932 = Encoding.GetEncoding(932);
        var gen = Gen.Select(Gen.Int[0, Chars.Length - 1].Array[0, 400], Gen.Int[1, 64]);
        gen.Sample((ix, bufferSize) =>
        {
            var text = new string([.. ix.Select(i => Chars[i])]);
            var bytes = cp932.GetBytes(text);
            using var reader = new StreamReader(new MemoryStream(bytes), EncodingDetector.Cp932Fast, false, bufferSize);
            Assert.Equal(cp932.GetString(bytes), reader.ReadToEnd());
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void Fast_cp932_decoder_matches_a_byte_by_byte_reading_of_its_tables_on_any_bytes_split_anywhere()
    {
        // Random bytes, mostly ASCII in runs of any length (the 16-byte path) with lead, trail, single and invalid
        // bytes between; read whole and through StreamReader buffers of any size (a pair cut between two reads).
        var gen = Gen.Select(Gen.Frequency((3, Gen.Byte[0x20, 0x7E]), (2, Gen.Byte)).Array[0, 300], Gen.Int[1, 300]);
        gen.Sample((bytes, bufferSize) =>
        {
            var expected = ReferenceDecode(bytes);
            Assert.Equal(expected, EncodingDetector.Cp932Fast.GetString(bytes));
            using var reader = new StreamReader(new MemoryStream(bytes), EncodingDetector.Cp932Fast, false, bufferSize);
            Assert.Equal(expected, reader.ReadToEnd());
        }, iter: 2000, threads: 1);
    }

    /// <summary>The decoding rules read straight off the tables, one byte at a time.</summary>
    private static string ReferenceDecode(byte[] bytes)
    {
        var t = Cp932Encoding.Table;
        var sb = new StringBuilder();
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            var li = t.LeadIndex[b];
            if (b < 0x80) sb.Append((char)b);
            else if (li < 0) sb.Append(t.Single[b]);
            else if (i + 1 < bytes.Length && t.Double[(li * 256) + bytes[i + 1]] is var c and not '\0')
            {
                sb.Append(c);
                i++;
            }
            else sb.Append('\uFFFD');
        }
        return sb.ToString();
    }

    [Fact]
    public void Cp932_tables_equal_the_ones_built_with_the_throwing_strict_decoder()
    {
        // The tables are built with a sentinel fallback; this is the exception-based construction they replaced.
        var strict = Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        var lenient = Encoding.GetEncoding(932);
        var table = Cp932Encoding.Table;
        var buf = new char[4];
        for (var b = 0; b < 256; b++)
        {
            if (table.LeadIndex[b] >= 0) continue;
            char expected;
            try { expected = strict.GetChars([(byte)b], 0, 1, buf, 0) == 1 ? buf[0] : '\uFFFD'; }
            catch (DecoderFallbackException) { expected = '\uFFFD'; }
            Assert.Equal(expected, table.Single[b]);
        }
        for (var b = 0; b < 256; b++)
        {
            var li = table.LeadIndex[b];
            if (li < 0) continue;
            for (var trail = 0x40; trail <= 0xFC; trail++)
            {
                var expected = '\0';
                try
                {
                    if (strict.GetChars([(byte)b, (byte)trail], 0, 2, buf, 0) == 1) expected = buf[0];
                }
                catch (DecoderFallbackException)
                {
                    var s = lenient.GetString([(byte)b, (byte)trail]);
                    if (s.Length == 1 && s[0] is not ('?' or '\uFFFD' or '\u30FB')) expected = s[0];
                }
                Assert.Equal(expected, table.Double[(li * 256) + trail]);
            }
        }
    }

    [Fact]
    public void Fast_cp932_decoder_replaces_invalid_bytes()
    {
        // A lead byte followed by an invalid trail (the trail is kept), and a lead byte at the end.
        byte[] bytes = [0x41, 0x82, 0xA0, 0x81, 0x20, 0x42, 0x88];
        Assert.Equal("Aあ\uFFFD B\uFFFD", EncodingDetector.Cp932Fast.GetString(bytes));
    }

    [Fact]
    public void Nec_selected_ibm_extensions_decode_and_count_as_cp932()
    {
        // 髙 as EE E0 (NEC-selected IBM extension, what Python's cp932 writes) and as FB FC (IBM extension).
        byte[] bytes = [0xEE, 0xE0, 0x8B, 0xB4, 0x2C, 0xFB, 0xFC, 0x8B, 0xB4];
        Assert.Equal("髙橋,髙橋", EncodingDetector.Cp932Fast.GetString(bytes));
        Assert.Equal("CP932", EncodingDetector.Detect(bytes, complete: true).Name);
    }

    [Theory]
    [InlineData(new byte[] { 0xE3, 0x81, 0x82, 0xE3 }, false, true)] // multi-byte char cut at the sample end
    [InlineData(new byte[] { 0xE3, 0x81, 0x82, 0xE3 }, true, false)] // ...but the file really ends there
    [InlineData(new byte[] { 0x82, 0xA0, 0x82, 0xA2 }, false, false)] // CP932 あい
    public void Utf8_validation_tolerates_a_cut_sample(byte[] bytes, bool complete, bool expected)
    {
        Assert.Equal(expected, EncodingDetector.IsValidUtf8(bytes, complete));
    }
}
