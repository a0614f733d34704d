using System.Buffers.Binary;
using System.Text;

namespace Musubi.Search;

/// <summary>
/// The position after the last hit of a page: its sort key, the hash of its id and its id. Every document has one
/// total order (key, then id hash, then id), and the key is a function of the document and the request alone (see
/// <see cref="Ranking.StableSimilarity"/>), so "everything after this position" stays right while documents are added or
/// removed: no duplicates, and no existing document skipped. The request's fingerprint is inside, so a cursor cannot
/// be used with another request. Encoded as base64url; opaque to clients.
/// </summary>
internal readonly record struct SearchCursor(SearchSort Sort, ulong Fingerprint, double Key, long IdHash, string Id)
{
    private const byte Version = 1;
    private const int MaxChars = 2048;

    public string Encode()
    {
        var id = Encoding.UTF8.GetBytes(Id);
        var buf = new byte[2 + 8 + 8 + 8 + id.Length];
        buf[0] = Version;
        buf[1] = (byte)Sort;
        BinaryPrimitives.WriteUInt64LittleEndian(buf.AsSpan(2), Fingerprint);
        BinaryPrimitives.WriteDoubleLittleEndian(buf.AsSpan(10), Key);
        BinaryPrimitives.WriteInt64LittleEndian(buf.AsSpan(18), IdHash);
        id.CopyTo(buf, 26);
        return System.Convert.ToBase64String(buf).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static SearchCursor Decode(string text)
    {
        static SearchRequestException Bad() => new(SearchErrorCode.BadCursor, "cursor: not a cursor returned by this search (start again without one)");
        if (text.Length is 0 or > MaxChars) throw Bad();
        var b64 = text.Replace('-', '+').Replace('_', '/');
        b64 += new string('=', (4 - (b64.Length % 4)) % 4);
        byte[] buf;
        try
        {
            buf = System.Convert.FromBase64String(b64);
        }
        catch (FormatException)
        {
            throw Bad();
        }
        if (buf.Length < 26 || buf[0] != Version || buf[1] > (byte)SearchSort.Modified) throw Bad();
        var key = BinaryPrimitives.ReadDoubleLittleEndian(buf.AsSpan(10));
        if (double.IsNaN(key)) throw Bad();
        string id;
        try
        {
            id = new UTF8Encoding(false, true).GetString(buf, 26, buf.Length - 26);
        }
        catch (DecoderFallbackException)
        {
            throw Bad();
        }
        return new SearchCursor((SearchSort)buf[1], BinaryPrimitives.ReadUInt64LittleEndian(buf.AsSpan(2)), key,
            BinaryPrimitives.ReadInt64LittleEndian(buf.AsSpan(18)), id);
    }
}

/// <summary>FNV-1a 64: stable across processes and machines (string.GetHashCode is randomized per process).</summary>
internal static class StableHash
{
    public static long Of(string s)
    {
        var h = 14695981039346656037UL;
        foreach (var c in s)
        {
            h = (h ^ (uint)(c & 0xFF)) * 1099511628211UL;
            h = (h ^ (uint)(c >> 8)) * 1099511628211UL;
        }
        return (long)h;
    }
}
