using System.Text;
using Musubi.Read;

namespace Musubi.Source;

/// <summary>
/// Decodes ZIP entry names stored without the UTF-8 flag: strict UTF-8 when the bytes are valid UTF-8 (macOS and
/// many tools write UTF-8 without setting the flag), else CP932 (Windows' Japanese "compressed folder" writes
/// Shift_JIS names). System.IO.Compression calls this only for entries without the flag.
/// </summary>
internal sealed class ZipNameEncoding : Encoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static ZipNameEncoding Instance { get; } = new();

    private ZipNameEncoding()
    {
        EncodingDetector.EnsureRegistered();
    }

    private static Encoding Cp932 => EncodingDetector.Cp932;

    private static Encoding Pick(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes) ? StrictUtf8 : Cp932;

    public override string EncodingName => "UTF-8 or CP932 (ZIP entry names)";

    public override int GetByteCount(char[] chars, int index, int count) => UTF8.GetByteCount(chars, index, count);

    public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex) =>
        UTF8.GetBytes(chars, charIndex, charCount, bytes, byteIndex);

    public override int GetCharCount(byte[] bytes, int index, int count) =>
        Pick(bytes.AsSpan(index, count)).GetCharCount(bytes, index, count);

    public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex) =>
        Pick(bytes.AsSpan(byteIndex, byteCount)).GetChars(bytes, byteIndex, byteCount, chars, charIndex);

    public override string GetString(byte[] bytes, int index, int count) => Pick(bytes.AsSpan(index, count)).GetString(bytes, index, count);

    public override int GetMaxByteCount(int charCount) => UTF8.GetMaxByteCount(charCount);

    public override int GetMaxCharCount(int byteCount) => Math.Max(UTF8.GetMaxCharCount(byteCount), Cp932.GetMaxCharCount(byteCount));
}
