using System.Buffers.Binary;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Musubi.Search.Storage;

/// <summary>
/// An index folder whose files are read into memory once per open (one byte array per file, shared by every reader of
/// it) and written like any <see cref="FSDirectory"/>. Why not Lucene.Net's <see cref="MMapDirectory"/> (4.8.0-beta00018):
/// every clone of one of its inputs — each term lookup and postings enum of every query clones one — is registered in a
/// <c>ConditionalWeakTable</c> (a GC dependent handle and a lock per clone), a third of a search's CPU in the profile and
/// a lock two searching threads queue on (docs/benchmarks.md, issue 14 engine pass). A clone here is a copy of four
/// fields; reads are array reads. Index files are immutable once written, so sharing one array is safe; a file is held
/// until the last reader of it is closed (by then nothing reads it). Files over 1 GiB are read through a memory map.
/// </summary>
internal sealed class ArrayDirectory : FSDirectory
{
    private const long MaxArrayFile = 1L << 30;
    private readonly MMapDirectory _large;

    public ArrayDirectory(string folder)
        : base(new DirectoryInfo(folder), null)
    {
        _large = new MMapDirectory(new DirectoryInfo(folder), NoLockFactory.GetNoLockFactory());
    }

    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        var path = Path.Combine(Directory.FullName, name);
        var length = new FileInfo(path).Length;
        if (length > MaxArrayFile) return _large.OpenInput(name, context);
        return new ArrayInput($"ArrayInput(path=\"{path}\")", ReadAll(path), 0, (int)length);
    }

    public override IndexInputSlicer CreateSlicer(string name, IOContext context)
    {
        EnsureOpen();
        var path = Path.Combine(Directory.FullName, name);
        if (new FileInfo(path).Length > MaxArrayFile) return _large.CreateSlicer(name, context);
        return new Slicer(path, ReadAll(path));
    }

    private static byte[] ReadAll(string path)
    {
        // Files are found missing as Lucene expects (FileNotFoundException), e.g. while it probes for segments files.
        return File.ReadAllBytes(path);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _large.Dispose();
        base.Dispose(disposing);
    }

    private sealed class Slicer(string path, byte[] data) : IndexInputSlicer
    {
        public override IndexInput OpenSlice(string sliceDescription, long offset, long length)
        {
            if (offset < 0 || length < 0 || offset + length > data.Length)
                throw new ArgumentException($"slice {sliceDescription} out of bounds: offset={offset}, length={length}, file length={data.Length} ({path})");
            return new ArrayInput($"ArrayInput({sliceDescription} in path=\"{path}\")", data, (int)offset, (int)length);
        }

        [Obsolete("Only for reading CFS files from 3.x indexes.")]
        public override IndexInput OpenFullSlice() => OpenSlice("full-slice", 0, data.Length);

        protected override void Dispose(bool disposing)
        {
        }
    }

    /// <summary>A window [start, start + length) of a shared array; big-endian like every Lucene input.</summary>
    internal sealed class ArrayInput : IndexInput
    {
        private readonly byte[] _data;
        private readonly int _start;
        private readonly int _end;
        private int _pos;

        public ArrayInput(string description, byte[] data, int start, int length)
            : base(description)
        {
            _data = data;
            _start = start;
            _end = start + length;
            _pos = start;
        }

        public override long Length => _end - _start;

        public override long Position => _pos - _start;

        public override void Seek(long pos)
        {
            if (pos < 0 || pos > _end - _start) throw new EndOfStreamException($"seek past EOF ({pos} of {_end - _start}): {this}");
            _pos = _start + (int)pos;
        }

        public override byte ReadByte()
        {
            if (_pos >= _end) throw new EndOfStreamException($"read past EOF: {this}");
            return _data[_pos++];
        }

        public override void ReadBytes(byte[] b, int offset, int len)
        {
            if (len > _end - _pos) throw new EndOfStreamException($"read past EOF: {this}");
            Buffer.BlockCopy(_data, _pos, b, offset, len);
            _pos += len;
        }

        public override short ReadInt16()
        {
            if (_end - _pos < 2) throw new EndOfStreamException($"read past EOF: {this}");
            var v = BinaryPrimitives.ReadInt16BigEndian(_data.AsSpan(_pos, 2));
            _pos += 2;
            return v;
        }

        public override int ReadInt32()
        {
            if (_end - _pos < 4) throw new EndOfStreamException($"read past EOF: {this}");
            var v = BinaryPrimitives.ReadInt32BigEndian(_data.AsSpan(_pos, 4));
            _pos += 4;
            return v;
        }

        public override long ReadInt64()
        {
            if (_end - _pos < 8) throw new EndOfStreamException($"read past EOF: {this}");
            var v = BinaryPrimitives.ReadInt64BigEndian(_data.AsSpan(_pos, 8));
            _pos += 8;
            return v;
        }

        public override int ReadVInt32()
        {
            if (_end - _pos < 5) return base.ReadVInt32(); // near the end: the checked byte-at-a-time path
            var d = _data;
            byte b = d[_pos++];
            if ((sbyte)b >= 0) return b;
            var i = b & 0x7F;
            b = d[_pos++];
            i |= (b & 0x7F) << 7;
            if ((sbyte)b >= 0) return i;
            b = d[_pos++];
            i |= (b & 0x7F) << 14;
            if ((sbyte)b >= 0) return i;
            b = d[_pos++];
            i |= (b & 0x7F) << 21;
            if ((sbyte)b >= 0) return i;
            b = d[_pos++];
            // Warning: the next ands use 0x0F / 0xF0 - beware copy/paste errors (as in Lucene's DataInput):
            i |= (b & 0x0F) << 28;
            if ((b & 0xF0) == 0) return i;
            throw new IOException("Invalid VInt32 detected (too many bits)");
        }

        public override long ReadVInt64()
        {
            if (_end - _pos < 9) return base.ReadVInt64();
            var d = _data;
            long result = 0;
            for (var shift = 0; shift < 63; shift += 7)
            {
                byte b = d[_pos++];
                result |= (long)(b & 0x7F) << shift;
                if ((sbyte)b >= 0) return result;
            }
            throw new IOException("Invalid VInt64 detected (negative values disallowed)");
        }

        public override void SkipBytes(long numBytes)
        {
            if (numBytes < 0) throw new ArgumentOutOfRangeException(nameof(numBytes), "numBytes must be >= 0");
            Seek(Position + numBytes);
        }

        public override object Clone() => MemberwiseClone();

        protected override void Dispose(bool disposing)
        {
        }
    }
}
