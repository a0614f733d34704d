using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Musubi.Write;

/// <summary>
/// RFC 4180 CSV in UTF-8 (BOM optional for Excel users), CRLF record ends. Cells that a spreadsheet would run
/// as a formula (=, +, -, @, tab, CR at the start) are neutralized with a leading apostrophe, except plain numbers.
/// </summary>
public sealed class CsvRecordWriter : IRecordWriter, IUtf8RecordWriter
{
    // Records go straight into a UTF-8 byte buffer (no StreamWriter, no char copy of the record): writing is a
    // large part of a conversion's time per row.
    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 16];
    private int _n;

    public CsvRecordWriter(Stream stream, IReadOnlyList<string> header, bool bom)
    {
        _stream = stream;
        if (bom) Put("\uFEFF");
        Write(header.ToArray());
    }

    /// <summary>The stream written to (owned by the caller).</summary>
    internal Stream Stream => _stream;

    /// <summary>Number of cells that were neutralized as possible formulas.</summary>
    public int NeutralizedCells { get; private set; }

    void IRecordWriter.Write(ReadOnlySpan<string> values, int sourceRow) => Write(values);

    /// <summary>Writes one CSV record.</summary>
    public void Write(ReadOnlySpan<string> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0) PutByte((byte)',');
            AppendCell(values[i]);
        }
        PutByte((byte)'\r');
        PutByte((byte)'\n');
    }

    private void PutByte(byte b)
    {
        if (_n == _buffer.Length) Flush();
        _buffer[_n++] = b;
    }

    private void Put(ReadOnlySpan<char> s)
    {
        // UTF-8 needs at most 3 bytes per UTF-16 unit; lone surrogates become U+FFFD as with UTF8Encoding.
        var max = s.Length * 3;
        if (_n + max > _buffer.Length)
        {
            Flush();
            if (max > _buffer.Length) _buffer = new byte[max];
        }
        System.Text.Unicode.Utf8.FromUtf16(s, _buffer.AsSpan(_n), out _, out var written);
        _n += written;
    }

    private void Flush()
    {
        _stream.Write(_buffer, 0, _n);
        _n = 0;
    }

    private void AppendCell(string value)
    {
        if (value.Length == 0) return;
        var neutralize = NeedsNeutralizing(value);
        if (neutralize) NeutralizedCells++;
        else if (value.Length <= FastCellLength && TryAppendPlain(value)) return;
        var special = value.AsSpan().IndexOfAny(Special) >= 0;
        if (special) PutByte((byte)'"');
        if (neutralize) PutByte((byte)'\'');
        if (!special)
        {
            Put(value);
            return;
        }
        var rest = value.AsSpan();
        while (true)
        {
            var q = rest.IndexOf('"');
            if (q < 0) { Put(rest); break; }
            Put(rest[..(q + 1)]);
            PutByte((byte)'"');
            rest = rest[(q + 1)..];
        }
        PutByte((byte)'"');
    }

    /// <summary>Cells up to this length take the one-pass path: most cells of a table are short.</summary>
    private const int FastCellLength = 256;

    /// <summary>
    /// Encodes a cell that needs no quotes in one pass (scan and UTF-8 encoding together; a short cell costs less this
    /// way than a search followed by the library transcoder). Gives up, writing nothing, at a character that needs
    /// quoting or at a surrogate; the general path then handles the cell.
    /// </summary>
    private bool TryAppendPlain(string value)
    {
        if (_n + (value.Length * 3) > _buffer.Length) Flush();
        // Room for 3 bytes per char is there (checked above; the buffer never shrinks below 64 KiB, more than the
        // longest cell taken here needs), so the stores need no bounds checks.
        System.Diagnostics.Debug.Assert(_n + (value.Length * 3) <= _buffer.Length);
        ref var buffer = ref MemoryMarshal.GetArrayDataReference(_buffer);
        var n = _n;
        foreach (var c in value)
        {
            if (c < 0x80)
            {
                if (c is ',' or '"' or '\r' or '\n') return false;
                Unsafe.Add(ref buffer, n++) = (byte)c;
            }
            else if (c < 0x800)
            {
                Unsafe.Add(ref buffer, n++) = (byte)(0xC0 | (c >> 6));
                Unsafe.Add(ref buffer, n++) = (byte)(0x80 | (c & 0x3F));
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
            else
            {
                Unsafe.Add(ref buffer, n) = (byte)(0xE0 | (c >> 12));
                Unsafe.Add(ref buffer, n + 1) = (byte)(0x80 | ((c >> 6) & 0x3F));
                Unsafe.Add(ref buffer, n + 2) = (byte)(0x80 | (c & 0x3F));
                n += 3;
            }
        }
        _n = n;
        return true;
    }

    // ---- the byte path (national downloads): cells in UTF-8, the same bytes out as the string path gives

    void IUtf8RecordWriter.Write(Utf8Cells cells, int sourceRow) => Write(cells);

    /// <summary>Writes one CSV record from UTF-8 cells: byte for byte what <see cref="Write(ReadOnlySpan{string})"/> writes for the same text.</summary>
    public void Write(Utf8Cells cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) PutByte((byte)',');
            AppendCell(cells[i]);
        }
        PutByte((byte)'\r');
        PutByte((byte)'\n');
    }

    private void AppendCell(ReadOnlySpan<byte> value)
    {
        if (value.Length == 0) return;
        var neutralize = NeedsNeutralizing(value);
        if (neutralize) NeutralizedCells++;
        var special = value.IndexOfAny(SpecialBytes) >= 0;
        if (!special && !neutralize)
        {
            PutBytes(value);
            return;
        }
        if (special) PutByte((byte)'"');
        if (neutralize) PutByte((byte)'\'');
        if (!special)
        {
            PutBytes(value);
            return;
        }
        var rest = value;
        while (true)
        {
            var q = rest.IndexOf((byte)'"');
            if (q < 0) { PutBytes(rest); break; }
            PutBytes(rest[..(q + 1)]);
            PutByte((byte)'"');
            rest = rest[(q + 1)..];
        }
        PutByte((byte)'"');
    }

    private void PutBytes(ReadOnlySpan<byte> s)
    {
        if (_n + s.Length > _buffer.Length)
        {
            Flush();
            if (s.Length > _buffer.Length) _buffer = new byte[s.Length];
        }
        s.CopyTo(_buffer.AsSpan(_n));
        _n += s.Length;
    }

    private static readonly System.Buffers.SearchValues<byte> SpecialBytes = System.Buffers.SearchValues.Create(",\"\r\n"u8);

    /// <summary><see cref="NeedsNeutralizing(string)"/> for a UTF-8 cell.</summary>
    public static bool NeedsNeutralizing(ReadOnlySpan<byte> value)
    {
        if (value.Length == 0) return false;
        var c = value[0];
        if (c is (byte)'=' or (byte)'@' or (byte)'\t' or (byte)'\r') return true;
        if (c is (byte)'-' or (byte)'+') return !(value.Length > 1 && IsPlainNumber(value[1..]));
        // ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20): EF BC 9D, EF BC 8B, EF BC 8D, EF BC A0.
        return c == 0xEF && value.Length >= 3 && value[1] == 0xBC && value[2] is 0x9D or 0x8B or 0x8D or 0xA0;
    }

    private static bool IsPlainNumber(ReadOnlySpan<byte> s)
    {
        var dot = false;
        foreach (var ch in s)
        {
            if (ch == '.' && !dot) { dot = true; continue; }
            if (!char.IsAsciiDigit((char)ch)) return false;
        }
        return s.Length > 0;
    }

    public void Complete()
    {
        Flush();
        _stream.Flush();
    }

    /// <summary>Writes out what is buffered; the stream stays open (its owner closes it).</summary>
    public void Dispose()
    {
        if (_n > 0) Flush();
    }

    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create(",\"\r\n");

    /// <summary>True when a spreadsheet could read the cell as a formula (OWASP CSV injection).</summary>
    public static bool NeedsNeutralizing(string value)
    {
        if (value.Length == 0) return false;
        var c = value[0];
        if (c is not ('=' or '+' or '-' or '@' or '\t' or '\r' or '＝' or '＋' or '－' or '＠')) return false;
        // A plain signed number ("-12.5", "+3") is data, not a formula.
        if ((c is '-' or '+') && value.Length > 1 && IsPlainNumber(value.AsSpan(1))) return false;
        return true;
    }

    private static bool IsPlainNumber(ReadOnlySpan<char> s)
    {
        var dot = false;
        foreach (var ch in s)
        {
            if (ch == '.' && !dot) { dot = true; continue; }
            if (!char.IsAsciiDigit(ch)) return false;
        }
        return s.Length > 0;
    }
}
